# Two commands set everything up on a fresh machine:
#   make serve   build the site and serve it on http://127.0.0.1:8000
#   make test    build the site and run every test
# Both create the virtual environment (.venv) and install the pinned
# requirements first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: help build serve test clean

help:
	@echo "make serve   build and serve the site on http://127.0.0.1:8000"
	@echo "make test    run every test"
	@echo "make build   build the site into site/"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

test: $(VENV)/.installed
	$(PY) -m pytest

clean:
	rm -rf site dist .cache
