# The two commands of the README. Everything else is in scripts/.
.PHONY: demo test setup bench

demo: ## set up (first run: about two minutes) and run the demo, then serve on 127.0.0.1:8000
	bash scripts/setup.sh
	.venv/bin/contingent demo

test: ## the whole suite: lint, types, SQLite, then PostgreSQL
	bash scripts/test.sh

setup:
	bash scripts/setup.sh
