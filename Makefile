# Doudi (兜底) — build, run and test.  `make run` is the one-command embedded setup; `make test` is what CI runs.
# Every setup step leaves a stamp file, so re-running a target only redoes what changed.

SHELL       := /bin/bash
PYTHON      ?= $(shell command -v python3.11 || command -v python3)
VENV        := .venv
PY          := $(VENV)/bin/python
FLASK       := $(VENV)/bin/flask --app web
ALEMBIC     := $(VENV)/bin/alembic
VENDOR      := web/static/vendor
VENDOR_FILES := $(VENDOR)/htmx.min.js $(VENDOR)/pico.min.css $(VENDOR)/chart.umd.min.js

.PHONY: venv setup db run test bench migration clean clean-db

venv: $(VENV)/.stamp-python

setup: venv $(VENDOR_FILES) $(VENV)/.stamp-fonts

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change; -e keeps the packages importable from the work tree.
$(VENV)/.stamp-python: pyproject.toml | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

# npm ci installs exactly the lock; without a lock (first checkout of a new dependency) npm install writes one.
node_modules/.stamp-npm: package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; \
	else npm install --no-audit --no-fund --loglevel=error; fi
	touch $@

# The front end is served from web/static/vendor (gitignored): copied from the registry packages, never committed.
$(VENDOR)/htmx.min.js: node_modules/.stamp-npm
	mkdir -p $(VENDOR) && cp node_modules/htmx.org/dist/htmx.min.js $@
$(VENDOR)/pico.min.css: node_modules/.stamp-npm
	mkdir -p $(VENDOR) && cp node_modules/@picocss/pico/css/pico.min.css $@
$(VENDOR)/chart.umd.min.js: node_modules/.stamp-npm
	mkdir -p $(VENDOR) && cp node_modules/chart.js/dist/chart.umd.min.js $@

# Decision PDFs need the CJK fonts, fontconfig, Pango and HarfBuzz subsetting (WeasyPrint); their tests read PDFs back
# with poppler (pdftotext, pdffonts, pdfsig) and give pdfsig an NSS database made with certutil. Best effort: a
# machine without apt or root still builds and runs; the PDF tests will say what is missing.
DOC_PACKAGES := fonts-noto-cjk fontconfig libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils libnss3-tools
$(VENV)/.stamp-fonts: | $(PY)
	@missing=$$(for p in $(DOC_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
		|| echo $$p; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing $$missing with apt-get…"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$$missing >/dev/null; } \
		|| echo "WARNING: could not install $$missing; signed PDF documents need them" >&2; \
	else echo "WARNING: missing $$missing; install them for PDF documents and their tests" >&2; fi
	touch $@

# The dev database: schema, demo users and regions, and the BPMN processes. Every step is idempotent.
db: setup
	mkdir -p instance
	$(ALEMBIC) upgrade head
	$(FLASK) deploy workflows/bpmn
	$(FLASK) seed-demo

# Web server on 127.0.0.1:5000 with the job worker as a thread of the same process; an admin may move its
# demo clock forward (管理 → 演示时钟) to watch timers fire.
run: setup db
	$(FLASK) serve --demo-clock

# SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI). The PostgreSQL run skips the browser tests:
# they drive their own SQLite-backed server, so running them twice would test nothing new. Both runs always
# happen (so one report shows every failure); make test fails if either fails.
test: setup
	@status=0; \
	echo "== pytest on SQLite"; \
	env -u TEST_DATABASE_URL $(PY) -m pytest -q tests || status=$$?; \
	if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== pytest on PostgreSQL (TEST_DATABASE_URL)"; \
		$(PY) -m pytest -q -m "not e2e" tests || status=$$?; \
	fi; \
	exit $$status

bench: setup
	$(PY) -m bench

# New revision from the models, diffed against an empty scratch database brought to head (never the dev DB),
# so the first revision creates every table. Usage: make migration m="add payment table"
migration: setup
	@if [ -z "$(m)" ]; then echo 'usage: make migration m="what changed"' >&2; exit 2; fi
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	export DATABASE_URL="sqlite:///$$tmp/scratch.sqlite3" && \
	$(ALEMBIC) upgrade head && $(ALEMBIC) revision --autogenerate -m "$(m)"

clean:
	rm -rf $(VENV) node_modules $(VENDOR) test-artifacts .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The dev database is data, not a build product: removed only on request.
clean-db:
	rm -f instance/doudi.sqlite3 instance/doudi.sqlite3-wal instance/doudi.sqlite3-shm
