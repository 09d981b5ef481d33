# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run nightly test lint eval bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/gov-extract run data/raw --out data/out

# For cron: only new and changed releases, no progress bar; exit status 1 if some failed.
IN  ?= data/raw
OUT ?= data/out
nightly: install
	$(BIN)/gov-extract run $(IN) --out $(OUT) --quiet

test: install
	$(BIN)/ruff check src tests
	$(PY) -m pytest

lint: install
	$(BIN)/ruff check src tests

eval: install
	$(BIN)/gov-extract eval

# Speed beside bare Natasha on ../shared/corpora; prints the figures and writes bench.json.
bench: install
	$(PY) -m gov_extract.bench --json bench.json

clean:
	rm -rf $(VENV) data/out/*/ build src/*.egg-info
