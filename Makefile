# The two commands of the README: `make run` and `make test`. Everything else is a helper.
.PHONY: run test bootstrap lint format clean

run: bootstrap
	.venv/bin/lumiku run

test:
	bash scripts/bootstrap.sh --test
	bash scripts/test.sh

bootstrap:
	bash scripts/bootstrap.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf .web .states .pytest_cache
