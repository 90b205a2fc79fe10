# Renda: `make serve` runs the platform with a demo county on SQLite; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
VENDOR := renda/core/static/vendor

.PHONY: serve test setup deps lint bench-seed bench screenshots clean

# The demo is served as deployed: DEBUG off (Chinese error pages), secret key generated once into var/.
serve: $(VENV)/.installed $(VENDOR)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=0 $(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# The platform alone for `serve`; the test and lint tools (the dev extra) for everything else.
setup: $(VENV)/.installed-dev $(VENDOR)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# Front-end assets from the npm registry, copied where Django's static finder serves them.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/echarts $(VENDOR)/tom-select
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/bootstrap/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css $(VENDOR)/tom-select/
	touch $@

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy renda config
	$(PY) manage.py makemigrations --check --dry-run

# Benchmarks on PostgreSQL at province scale (see bench/README.md).
bench: setup
	$(PY) bench/run.py

# The phone-size screenshots of docs/screenshots/ (the demo county in a throw-away database, see its make.py).
screenshots: setup
	$(PY) docs/screenshots/make.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles var
