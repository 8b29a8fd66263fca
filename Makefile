# Theo Dõi — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py
# make run serves the demo as production would (granian, DEBUG off, whitenoise), on
# plain HTTP on this machine, so cookies are not marked Secure here. The serving model
# (processes and threads) is in scripts/serve.
RUN_ENV := SECRET_KEY_FILE=var/secret_key THEODOI_DEMO=1 THEODOI_DEMO_START=2021-06-15 SECURE_COOKIES=0 DEBUG=0

.PHONY: run dev test bench fuzz install migrate demo messages check format clean backup restore charts

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))' > $(VENV)/requirements.txt
	$(BIN)/python -m pip install -q -r $(VENV)/requirements.txt
	touch $@

install: $(BIN)/.installed

var/secret_key:
	mkdir -p -m 700 var
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

messages: install
	@$(BIN)/python -c 'import glob, polib; [polib.pofile(p).save_as_mofile(p[:-3] + ".mo") for p in glob.glob("locale/*/LC_MESSAGES/*.po")]'

run: install var/secret_key messages
	@# A second `make run` beside a running one would wait on its database (load_demo holds the
	@# write lock) and fail with a misleading message: say what is wrong instead.
	@if $(BIN)/python -c 'import socket, sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1)' $(HOST) $(PORT) 2>/dev/null; then \
	  echo "Cổng $(HOST):$(PORT) đang được dùng (Theo Dõi đang chạy?): dừng nó (Ctrl-C) hoặc chọn cổng khác, ví dụ make run PORT=8001."; \
	  echo "Port $(HOST):$(PORT) is in use (is Theo Dõi already running?): stop it (Ctrl-C) or pick another, e.g. make run PORT=8001."; \
	  exit 1; fi
	umask 077 && $(RUN_ENV) $(MANAGE) migrate --noinput
	umask 077 && $(RUN_ENV) $(MANAGE) collectstatic --noinput -v 0
	umask 077 && $(RUN_ENV) $(MANAGE) load_units
	umask 077 && $(RUN_ENV) $(MANAGE) load_demo
	@echo "Theo Dõi: http://$(HOST):$(PORT)/"
	umask 077 && $(RUN_ENV) BIN=$(BIN) exec scripts/serve $(HOST):$(PORT) --access-log

dev: install messages
	DEBUG=1 THEODOI_DEMO=1 $(MANAGE) migrate --noinput
	DEBUG=1 THEODOI_DEMO=1 $(MANAGE) load_demo
	DEBUG=1 THEODOI_DEMO=1 $(MANAGE) runserver $(HOST):$(PORT)

test: install messages
	scripts/run-tests

# make bench [BENCH="load jobs"]: every bench/bench_*.py, or only those named.
bench: install messages
	scripts/run-bench $(BENCH)

# A bounded fuzz run of the API (schemathesis, a few thousand cases) on SQLite, then on
# PostgreSQL when one answers on 127.0.0.1:5432; fails on any 5xx. Not part of `make test`.
fuzz: install messages
	scripts/fuzz sqlite
	@if $(BIN)/python -c 'import psycopg; psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()' 2>/dev/null; then scripts/fuzz postgres; fi

# The chart library vendored in theodoi/static/vendor/ (uPlot, pinned in
# frontend/charts/package-lock.json): reinstall it from npm and copy it in. Needs Node.js and
# npm; not part of `make run` (the built files are committed).
charts:
	cd frontend/charts && npm ci --no-audit --no-fund && npm run build

# Backup and restore (docs/deployment.md): one .tar.gz with the database and the stored
# files, readable by the owner only. The environment is the one the app runs with
# (DATABASE_URL, MEDIA_ROOT, BACKUP_DIR...); `make run`'s secret key by default.
# make backup [OUTPUT=folder-or-file.tar.gz]    make restore FILE=var/backups/theodoi-....tar.gz
OPS_ENV := SECRET_KEY_FILE=$${SECRET_KEY_FILE:-var/secret_key} DEBUG=$${DEBUG:-0}

backup: install
	umask 077 && $(OPS_ENV) $(MANAGE) backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: install messages var/secret_key
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/theodoi-....tar.gz"; exit 1; }
	umask 077 && $(OPS_ENV) $(MANAGE) restore "$(FILE)"
	umask 077 && $(OPS_ENV) $(MANAGE) migrate --noinput

# The gate: lint (ruff: pyflakes, isort, imports at the top), format, types (mypy with
# django-stubs on core, targets, tasks), the layers contract (import-linter, mirrors
# docs/architecture.md), Django's deploy checks, and no model change without a migration.
check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy theodoi/core theodoi/targets theodoi/tasks
	PYTHONPATH=. $(BIN)/lint-imports
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))') $(MANAGE) check --deploy --fail-level WARNING

# Rewrites the code in the project's format and applies the safe lint fixes.
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var
