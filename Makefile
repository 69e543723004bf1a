# Two commands matter: `make run` and `make test`. Each sets up what it needs first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE := node_modules/.installed
CSS := static/dist/app.css
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-fast lint check docs export schema clean bench

run: $(INSTALLED) $(CSS)
	$(VENV)/bin/escalation-wizard serve --host $(HOST) --port $(PORT)

# Byte-code caches are written even where the environment turns them off, so that pytest
# rewrites each test module's asserts once, not in every worker of every run.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest

test: $(INSTALLED) $(CSS) chromium nginx poppler stack-tools
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/escalation-wizard check
	node --test tests/js/
	$(PYTEST) -n 2 --dist loadgroup

# The edit loop: everything but the browser, whole-site builds and the real command line,
# with a tenth of the random inputs of the property tests.
test-fast: $(INSTALLED) $(CSS)
	$(VENV)/bin/ruff check .
	$(PYTEST) -n 2 --dist worksteal -q -m "not slow and not browser" --ignore=tests/browser \
	  --hypothesis-profile=edit-loop

lint: $(INSTALLED)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

check: $(INSTALLED)
	$(VENV)/bin/escalation-wizard check

# The lists of questions, conditions and option lists in README.md and docs/reference.md,
# written afresh from the question flow (tests/test_docs.py fails when they are out of date).
docs: $(INSTALLED)
	$(PY) -m wizard.content.flowdocs

# The virtual environment is rebuilt from scratch whenever pyproject.toml changes.
$(INSTALLED): pyproject.toml
	rm -rf $(VENV)
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(NODE) $(wildcard static/src/*.scss)
	npm run --silent build:css

# Browser tests drive Debian's Chromium; never a downloaded browser.
.PHONY: chromium
chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Printed pages are read back with poppler's pdftotext and pdfinfo.
.PHONY: poppler
poppler:
	@command -v pdftotext >/dev/null || { \
	  echo "Installing Debian's poppler-utils for the print tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

# Benchmarks: each prints ratios measured in one run (docs/performance.md).
bench: $(INSTALLED) $(CSS) nginx chromium
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	cd bench && ../$(PY) load.py
	cd bench && ../$(PY) slow_clients.py
	cd bench && ../$(PY) static_site.py
	cd bench && ../$(PY) freeze_scaling.py
	cd bench && ../$(PY) page_weight.py
	cd bench && ../$(PY) cold_start.py
	cd bench && ../$(PY) soak.py
	cd bench && ../$(PY) lighthouse.py
	cd bench && ../$(PY) stats_scaling.py
	cd bench && ../$(PY) page_reading.py

# The static build is checked behind a real static server.
.PHONY: nginx
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx for the static-site tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx >/dev/null; }

# The production-stack test makes a TLS certificate (openssl) and fills in
# deploy/nginx.conf with envsubst (gettext-base), as README's recipe does.
.PHONY: stack-tools
stack-tools:
	@command -v openssl >/dev/null && command -v envsubst >/dev/null || { \
	  echo "Installing openssl and gettext-base for the production-stack test"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq openssl gettext-base >/dev/null; }

clean:
	rm -rf $(VENV) node_modules build site .pytest_cache .ruff_cache

# The tool's own sentences: extract them into locale/messages.pot, then bring each
# language's messages.po up to date with it (new entries empty, changed ones fuzzy).
.PHONY: catalogue
catalogue: $(INSTALLED)
	$(PY) -m wizard.web.text.extract
