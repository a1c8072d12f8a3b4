# RSCA Platform. `make run` to try it, `make test` to check it. Python 3.11+ (the machine's python3).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RSCA := $(BIN)/rsca
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test lint typecheck pytest bench messages clean spark

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

spark: install
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"

messages: install
	$(RSCA) compilemessages --ignore=.venv --ignore=data -v 0

run: install messages
	$(RSCA) migrate --no-input -v 0
	$(RSCA) seed --demo
	@echo ""
	@echo "RSCA Platform: http://$(HOST):$(PORT)/  (中文: http://$(HOST):$(PORT)/zh-hans/)"
	@echo "Stop with Ctrl-C; the background-task worker stops with it."
	@trap 'kill 0' INT TERM EXIT; \
	  $(RSCA) db_worker --queue-name '*' & \
	  $(RSCA) runserver $(HOST):$(PORT)

serve: run

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy src

pytest: install messages
	$(BIN)/pytest

test: install messages lint typecheck pytest

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
