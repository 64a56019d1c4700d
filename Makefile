# Two commands do all the set-up on a fresh machine:
#   make run    install what the app needs, then start it on http://127.0.0.1:8501
#   make test   install everything (Python packages and Debian's chromium), then run every test
#   make serve  REPLICAS (3) copies of the app behind HAProxy on http://127.0.0.1:$(PORT) (8500)
# Everything Python goes into .venv so the machine's own packages are left alone.

VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
REPLICAS ?= 3
PORT ?= 8500

.PHONY: run serve test lint chromium node haproxy benchmark clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run dashboard/app.py

# In the foreground; Ctrl-C or SIGTERM stops the proxy and every replica (see deploy/README.md).
serve: $(STAMP) haproxy
	$(PY) deploy/serve.py --replicas $(REPLICAS) --port $(PORT)

# Debian's HAProxy (in /usr/sbin, which a normal user's PATH may lack).
haproxy:
	@command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq haproxy >/dev/null; }

# The browser tests drive Debian's chromium (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# axe-core (the accessibility checks of the browser tests) comes from the npm registry, at the
# version package-lock.json pins; Node.js and npm come from Debian when the machine lacks them.
node:
	@command -v npm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }

node_modules/.package-lock.json: package-lock.json | node
	npm ci --no-audit --no-fund --loglevel=error

test: $(STAMP) chromium haproxy node_modules/.package-lock.json
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

benchmark: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache
