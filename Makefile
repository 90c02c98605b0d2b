# Victim Voice. `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast lint format bench faults backup-drill migrations-check messages compile-messages docs docs-check assets worker scheduler code clean

help: ## List every target.
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "uv==0.13.8"
	$(UV) sync --frozen --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.built: node_modules/.installed scripts/build-assets.mjs
	npm run --silent build
	touch $@

install: $(VENV)/.installed static/vendor/.built compile-messages ## Create the virtualenv, install Python and npm packages, build static assets.

compile-messages: $(VENV)/.installed ## Compile the Welsh translations.
	@$(VENV)/bin/pybabel --quiet compile --use-fuzzy -d locale -D django

messages: $(VENV)/.installed ## Extract translatable text and update the Welsh catalogue.
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k gettext -k gettext_lazy -k ngettext:1,2 -k ngettext_lazy:1,2 -k pgettext:1c,2 -k pgettext_lazy:1c,2 --no-location --sort-output -o locale/django.pot .
	$(VENV)/bin/pybabel update -i locale/django.pot -d locale -D django -l cy --no-fuzzy-matching --ignore-obsolete

run: install ## Start the product on SQLite with demo data, a task worker and the scheduler.
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo
	PORT=$(PORT) scripts/run-dev.sh

worker: install ## Run the background task worker on its own.
	$(PY) manage.py db_worker

code: $(VENV)/.installed ## Print a demo person's current sign-in code: make code EMAIL=programme.admin@example.org
	@$(PY) manage.py demo_code "$(EMAIL)"

scheduler: install ## Run the scheduler (enqueues the hourly and nightly jobs) on its own.
	$(PY) manage.py run_scheduler

# make test runs the tests marked `dates` again with the clock started at each of these
# instants (Europe/London): the 1st of a month early in the morning (in summer time, and
# after February), New Year's Eve late at night, and the days the clocks go forward and back
# (docs/testing.md). FROZEN_CLOCKS= skips them.
FROZEN_CLOCKS ?= 2027-04-01T00:30 2027-03-01T00:30 2026-12-31T23:30 2027-03-28T01:30 2027-10-31T01:30

# The exit code saved in var/pytest-exit-code: the first run's failure if any run failed,
# else 0 if any run ran tests, else 5 (pytest collected no tests).
test: install ## Run the whole test suite, then the date tests under frozen clocks (browser tests need /usr/bin/chromium).
	@mkdir -p var
	@DJANGO_ENV=test $(VENV)/bin/pytest $(PYTEST_ARGS); rc=$$?; \
	for clock in $(FROZEN_CLOCKS); do \
		echo "make test: the tests marked dates, with the clock at $$clock (Europe/London)"; \
		VV_FROZEN_CLOCK=$$clock DJANGO_ENV=test $(VENV)/bin/pytest $(PYTEST_ARGS) -m "dates and not browser"; r=$$?; \
		if [ $$r -ne 0 ] && [ $$r -ne 5 ]; then \
			echo "make test: failed with the clock at $$clock (exit $$r)"; \
			if [ $$rc -eq 0 ] || [ $$rc -eq 5 ]; then rc=$$r; fi; \
		elif [ $$r -eq 0 ] && [ $$rc -eq 5 ]; then rc=0; fi; \
	done; \
	echo $$rc > var/pytest-exit-code; exit $$rc

lint: install ## ruff (lint and format check) and mypy.
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

format: install ## Format and fix what ruff can.
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: install ## Fail when a model change has no migration.
	@mkdir -p var
	DJANGO_ENV=test $(PY) manage.py makemigrations --check --dry-run

docs: install ## Regenerate the generated documentation (docs/data-protection.md, the events in docs/audit.md).
	$(PY) manage.py generate_data_protection_doc
	$(PY) manage.py generate_audit_doc

docs-check: install ## Fail when docs/data-protection.md or the events in docs/audit.md are out of date with the code.
	@tmp=$$(mktemp); trap 'rm -f "$$tmp"' EXIT; \
	$(PY) manage.py generate_data_protection_doc --output "$$tmp" >/dev/null && \
	diff -u docs/data-protection.md "$$tmp" || { echo "docs/data-protection.md is out of date: run make docs and commit it."; exit 1; }
	@tmp=$$(mktemp); trap 'rm -f "$$tmp"' EXIT; cp docs/audit.md "$$tmp"; \
	$(PY) manage.py generate_audit_doc --output "$$tmp" >/dev/null && \
	diff -u docs/audit.md "$$tmp" || { echo "docs/audit.md is out of date: run make docs and commit it."; exit 1; }

bench: install ## Run the benchmarks under bench/ (prints "bench NAME: VALUE UNIT").
	@for b in bench/bench_*.py; do [ -e "$$b" ] || continue; DJANGO_ENV=test $(PY) "$$b" || exit 1; done

faults: install ## PostgreSQL restarted under load on two gunicorn: prints bench fault_lost (must be 0).
	$(PY) bench/faults.py

BACKUP_DIR ?= var/backups
backup-drill: install ## Restore the newest backup in BACKUP_DIR (scripts/backup-db) into a scratch PostgreSQL and check it.
	$(PY) manage.py backup_drill --backup "$(BACKUP_DIR)" $(DRILL_ARGS)

clean: ## Remove the virtualenv, node_modules, built assets and the local database.
	rm -rf $(VENV) node_modules static/vendor var
