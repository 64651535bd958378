#!/usr/bin/env bash
# Unit and integration tests, then the browser tests in their own pytest run (Playwright keeps an
# event loop on the main thread). Which database and Redis are used is printed in the header.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

ruff check . || exit 1
pytest tests/unit tests/integration "$@"; first=$?
pytest tests/e2e "$@"; second=$?
[ $first -eq 0 ] && [ $second -eq 0 ]
