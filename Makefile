# XHHT: two commands on a fresh machine.
#   make demo   installs, prepares the embedded database with the place tree and demo data,
#               and serves the app at http://127.0.0.1:8000
#   make test   installs and runs the suite except the tests marked slow, linters and type checks
#               (.ci/run runs the slow ones too)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock requirements-schemas.txt pyproject.toml package-lock.json | sha1sum | cut -c1-12)
HOST   ?= 127.0.0.1
PORT   ?= 8000
export XHHT_DEBUG ?= 1

.PHONY: install demo serve test lint typecheck browser-deps bench lock clean messages

$(STAMP): requirements.lock requirements-schemas.txt pyproject.toml package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: --require-hashes -r requirements-schemas.txt -d $(VENV)/sdists
	mkdir -p $(VENV)/schemas && tar -xzf $(VENV)/sdists/pyoai-2.5.0.tar.gz -C $(VENV)/schemas --strip-components=4 pyoai-2.5.0/src/oaipmh/tests/OAI-PMH.xsd
	npm ci --no-audit --no-fund --loglevel=error
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP) messages

messages: $(STAMP)
	@command -v msgfmt >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	cd src/xhht && XHHT_TESTING=1 ../../$(BIN)/xhht compilemessages -v 0

demo: install
	$(BIN)/xhht migrate --no-input -v 0
	$(BIN)/xhht load_places
	$(BIN)/xhht seed_demo
	@echo ""
	@echo "XHHT đang chạy tại http://$(HOST):$(PORT)/  (dừng: Ctrl+C)"
	$(BIN)/xhht runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests (Playwright drives it through executablePath),
# LibreOffice and its fonts for the document layout tests.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@# LibreOffice renders the decision, certificate and report in the document layout tests;
	@# fonts-liberation gives Times New Roman's metrics (Liberation Serif) to DOCX and PDF.
	@# poppler-utils reads the rendered pages back (pdftotext -bbox-layout, pdffonts).
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
	  && fc-list | grep -q "Liberation Serif" || { \
	  echo "Installing LibreOffice Writer, poppler-utils and Liberation fonts for the document tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libreoffice-writer-nogui poppler-utils fonts-liberation >/dev/null; }

lint: install
	$(BIN)/ruff check src bench gunicorn.conf.py
	$(BIN)/ruff format --check src bench gunicorn.conf.py
	$(BIN)/lint-imports --no-cache --no-logo  # the layers: pyproject's [tool.importlinter]

typecheck: install
	XHHT_TESTING=1 $(BIN)/mypy src bench

test: install browser-deps lint typecheck
	XHHT_TESTING=1 $(BIN)/xhht makemigrations --check --dry-run
	XHHT_TESTING=1 $(BIN)/pytest -n 2 -q -m "not slow"

bench: install
	$(BIN)/python -m bench

lock:
	$(PYTHON) -m pip install --quiet uv && $(PYTHON) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header --quiet -o requirements.lock

clean:
	rm -rf $(VENV) node_modules
