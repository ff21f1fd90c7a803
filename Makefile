# Dateline: `make run` serves the demo site, `make test` runs the whole suite.
# Both install what they need: a virtual environment in .venv, gettext for the
# translations, and (for the browser tests) Debian's chromium.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?= 2
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PO_FILES := $(shell find dateline -path '*/locale/*/LC_MESSAGES/*.po')
MO_FILES := $(PO_FILES:.po=.mo)
STATIC_SOURCES := $(shell find dateline -path '*/static/*' -type f)
STATIC_MANIFEST := var/static/staticfiles.json
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DATELINE_BASE_URL ?= http://localhost:$(PORT)
PROD := DJANGO_SETTINGS_MODULE=dateline.settings.production DJANGO_SECRET_KEY=$$(cat var/secret_key)
# The two processes of `make run`. The web server is one line of its own (it may change).
WEB_SERVER = $(VENV)/bin/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) \
  --blocking-threads 4 --backpressure 64 --log-level warning dateline.wsgi:application
WORKER = $(PY) manage.py run_worker

.PHONY: help install messages run admin worker bench-writes bench test test-postgres lint format chromium nginx makemessages

help:
	@echo "make run    - serve the demo site at http://$(HOST):$(PORT)/ and run the background worker (PORT=, DATABASE_URL=)"
	@echo "make admin  - create an admin (editor) account for /admin/"
	@echo "make test   - run the test suite and ruff"
	@echo "make bench-writes - measure concurrent reader writes (votes, comments, error reports)"
	@echo "make bench  - the page cache against nginx static, cold renders, scale (BENCH_SIZES=)"

$(STAMP): pyproject.toml
	@test -x $(PY) || { echo "Creating the virtual environment in $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing Dateline's pinned dependencies into $(VENV) (the first time takes a few minutes)..."
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@echo "Dependencies installed."
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

gettext:
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt)"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext >/dev/null; }

%.mo: %.po
	@command -v msgfmt >/dev/null || $(MAKE) --no-print-directory gettext
	msgfmt --check -o $@ $<

messages: $(MO_FILES)

chromium:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core fonts-liberation >/dev/null; }

var/secret_key:
	@mkdir -p var
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Static files are collected (and compressed) again only when they change.
$(STATIC_MANIFEST): $(STAMP) $(STATIC_SOURCES) | var/secret_key
	DJANGO_SETTINGS_MODULE=dateline.settings.production DJANGO_SECRET_KEY=$$(cat var/secret_key) \
	  $(PY) manage.py collectstatic --noinput -v0

run: install messages var/secret_key $(STATIC_MANIFEST)
	@echo "Migrating the database and loading the demo content..."
	@$(PROD) sh -c '\
	  $(PY) manage.py migrate --noinput -v0 && \
	  $(PY) manage.py load_demo && \
	  echo "Dateline is serving at http://$(HOST):$(PORT)/en/ and http://$(HOST):$(PORT)/ru/" && \
	  echo "Admin: http://$(HOST):$(PORT)/admin/ (no account yet? run: make admin). Background worker: started. Ctrl-C stops both." && \
	  { $(WORKER) & worker=$$!; \
	    trap "kill -TERM $$worker 2>/dev/null; wait $$worker" EXIT INT TERM; \
	    $(WEB_SERVER); }'

# The web server's command line (bench/writes.py starts the same server as make run).
print-web-server:
	@echo '$(WEB_SERVER)'

# The background worker alone (scheduled publishing, queued jobs): `make run` already starts one.
worker: install messages var/secret_key
	@$(PROD) sh -c '$(PY) manage.py migrate --noinput -v0 && exec $(WORKER)'

# An admin account: asks for a user name, e-mail and password, or takes them from
# DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_EMAIL and DJANGO_SUPERUSER_PASSWORD when the password is set.
admin: install messages var/secret_key
	@$(PROD) sh -c '$(PY) manage.py migrate --noinput -v0 && \
	  $(PY) manage.py createsuperuser $${DJANGO_SUPERUSER_PASSWORD:+--noinput} && \
	  echo "Sign in at http://$(HOST):$(PORT)/admin/ (make run serves it)."'

# Concurrent reader writes against a server it starts itself (ports 8700-8799 by default):
# the make-run defaults, then PostgreSQL + Redis (BENCH_DATABASE_URL's server, BENCH_REDIS_URL).
bench-writes: install messages $(STATIC_MANIFEST)
	$(PY) bench/writes.py

# The cached article page against nginx serving the same HTML, the production cache (PostgreSQL +
# Redis: BENCH_POSTGRES_URL, BENCH_REDIS_URL), cold renders and the scale table on both databases
# (BENCH_SIZES="1000 10000 100000" for the full table; see dateline/bench/run.py).
bench: install messages
	@command -v wrk >/dev/null && test -x /usr/sbin/nginx || { echo "Installing Debian's wrk and nginx-light"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk nginx-light >/dev/null; }
	$(PY) -m pip install -qq --disable-pip-version-check -e '.[bench]'
	$(PY) -m dateline.bench.run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Debian's nginx-light for the test of the production configuration (deploy/nginx) in real nginx.
nginx:
	@test -x /usr/sbin/nginx || { echo "Installing Debian's nginx-light for the test of deploy/nginx"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light >/dev/null; }

test: install messages chromium nginx lint
	$(VENV)/bin/pytest -q

# The suite against PostgreSQL (CI sets DATABASE_URL=postgres://postgres@localhost/test).
test-postgres: install messages chromium nginx
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@localhost/test} $(VENV)/bin/pytest -q

makemessages: install
	@for app in $$(ls -d dateline/*/locale | xargs -n1 dirname); do \
	  (cd $$app && ../../$(PY) ../../manage.py makemessages -l ru -v0 && \
	   ../../$(PY) ../../manage.py makemessages -d djangojs -l ru -v0 2>/dev/null || true); done
	# Project-level strings only: every app with its own catalogue is left out.
	cd dateline && apps="$$(ls -d */locale | xargs -n1 dirname)" && set -f && \
	  ../$(PY) ../manage.py makemessages -l ru -v0 -i '*/locale/*' $$(for app in $$apps; do echo "-i $$app/*"; done)
