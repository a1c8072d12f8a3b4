# RSCA Platform. `make run` to try it, `make test` to check it. Python 3.11+ (the machine's python3).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RSCA := $(BIN)/rsca
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install lock run serve serve-prod test lint typecheck pytest bench messages clean spark

install: $(VENV)/.installed

# Dependencies come from requirements.lock (every package pinned with its hashes); the project itself is then
# installed without dependencies. After changing pyproject.toml's dependencies run `make lock`.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

lock:
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==0.13.8"
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --custom-compile-command "make lock" -q -o requirements.lock

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
	  $(RSCA) worker --queue-name '*' & \
	  $(RSCA) runserver $(HOST):$(PORT)

serve: run

# Production serving on this machine: gunicorn (2 x cores + 1 workers) with whitenoise for static files and the
# task worker beside it. Set SECRET_KEY, ALLOWED_HOSTS (and DATABASE_URL, REDIS_URL) in the environment; behind a
# TLS proxy also SECURE_SSL_REDIRECT=true SECURE_COOKIES=true (the defaults below serve plain HTTP on loopback).
WORKERS ?= $(shell echo $$((2 * $$(nproc) + 1)))
PROD_ENV = RSCA_ENV=production SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
  SECURE_COOKIES=$${SECURE_COOKIES:-false} ALLOWED_HOSTS=$${ALLOWED_HOSTS:-$(HOST),localhost}
serve-prod: install messages
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (e.g. export SECRET_KEY=\$$(openssl rand -hex 32))"; exit 1; }
	$(PROD_ENV) $(RSCA) migrate --no-input -v 0
	$(PROD_ENV) $(RSCA) collectstatic --no-input -v 0
	@trap 'kill 0' INT TERM EXIT; \
	  $(PROD_ENV) $(RSCA) worker --queue-name '*' --no-reload & \
	  $(PROD_ENV) $(BIN)/gunicorn rsca.config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
	    --max-requests 2000 --max-requests-jitter 200 --timeout 60 --access-logfile -

lint: install
	$(BIN)/ruff format --check src tests bench
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
