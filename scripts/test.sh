#!/usr/bin/env bash
# Unit and integration tests, then the browser tests in their own pytest run (Playwright keeps an
# event loop on the main thread), then the production topology's tests (tests/topology: its own
# PostgreSQL, Redis, SeaweedFS, nginx, web processes and workers; faults and a short load run).
# Which database and Redis are used is printed in the header.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

ruff check . || exit 1
pytest tests/unit tests/integration "$@"; first=$?
pytest tests/e2e "$@"; second=$?
pytest tests/topology "$@"; third=$?
[ $first -eq 0 ] && [ $second -eq 0 ] && [ $third -eq 0 ]
