# Majlis: `make run` sets up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: run test install migrate demo serve worker clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Majlis needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: install
	$(BIN)/majlis migrate --noinput

demo: migrate
	$(BIN)/majlis load-demo

run: demo
	@echo "Serving on http://$(HOST)/  (Ctrl-C to stop)"
	DEBUG=$${DEBUG:-1} $(BIN)/majlis serve $(HOST)

worker: install
	$(BIN)/majlis db_worker

test: install
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var .pytest_cache
