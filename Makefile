# The two commands of the README: `make run` and `make test`. Everything else is a helper.
.PHONY: run test bootstrap bench lint format clean

run: bootstrap
	.venv/bin/lumiku run

test:
	bash scripts/bootstrap.sh --test
	bash scripts/test.sh

bootstrap:
	bash scripts/bootstrap.sh

# Video Mixer render benchmark. MoviePy 2 (a baseline only) gets its own venv in .tools/: it pins
# Pillow below the project's version, and `make run`/`make test` never install it.
bench: bootstrap
	[ -x .tools/moviepy/bin/python ] || .venv/bin/python -m venv .tools/moviepy
	.tools/moviepy/bin/pip install -q 'moviepy>=2,<3'
	.venv/bin/python -m bench.video_mixer

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf .web .states .pytest_cache
