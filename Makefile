# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
# What running needs (about 0.75 GB), and what the tests, eval and bench add to it (1.1 GB in all).
STAMP  := $(VENV)/.installed-stamp
DEV    := $(VENV)/.dev-stamp

.PHONY: install dev run nightly test unit lint eval eval-heldout bench bench-speed bench-scale browser clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $(STAMP)

$(DEV): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(DEV)

install: $(STAMP)

dev: $(DEV)

run: install
	$(BIN)/gov-extract run data/raw --out data/out

# For cron: only new and changed releases, no progress bar; exit status 1 if some failed.
IN  ?= data/raw
OUT ?= data/out
nightly: install
	$(BIN)/gov-extract run $(IN) --out $(OUT) --quiet

test: dev
	$(BIN)/ruff check src evaluation tests
	$(PY) -m pytest

# The unit layer alone: no Natasha model is loaded (a guard in tests/conftest.py), ~25 s.
unit: dev
	$(PY) -m pytest -q -m "not model and not system"

lint: dev
	$(BIN)/ruff check src evaluation tests

# Evaluation lives beside the package, not in it (evaluation/gov_extract_eval).
# Real releases scored for the development and the held-out part; eval-heldout adds NEREL train.
eval: dev
	PYTHONPATH=evaluation $(PY) -m gov_extract_eval

eval-heldout: dev
	PYTHONPATH=evaluation $(PY) -m gov_extract_eval --held-out

# Speed beside bare Natasha on ../shared/corpora; prints a table and writes bench.json.
# Then a night's cost beside archives of SCALE_SIZES stored documents, made by copying
# one annotated run (no NLP; the 1 M archive takes ~15 GB of disk under SCALE_WORK and
# about an hour in all): bench-scale.json. `make bench-speed` or `make bench-scale` alone.
SCALE_SIZES ?= 10000,100000,1000000
SCALE_WORK  ?= /tmp
bench: bench-speed bench-scale

bench-speed: dev
	PYTHONPATH=evaluation $(PY) -m gov_extract_eval.bench --save bench.json

bench-scale: dev
	PYTHONPATH=evaluation $(PY) -m gov_extract_eval.scale --sizes $(SCALE_SIZES) \
	  --skip-relink-above 100000 --work $(SCALE_WORK) --save bench-scale.json

# Chromium for the test that draws `show --html` (tests/views/test_page.py skips without
# it): installed with apt-get where there is one and we are root, as in CI (~490 MB);
# otherwise a note, and the browser test skips.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	       && timeout 300 apt-get update -qq \
	       && timeout 600 apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
	  || echo "no Chromium, and no apt-get to run as root: the browser test of show --html will skip"

clean:
	rm -rf $(VENV) data/out/*/ build src/*.egg-info
