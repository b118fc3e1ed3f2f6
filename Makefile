# troly — the two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages the tests use for real: LibreOffice renders drafted .docx to PDF,
# poppler's pdftoppm renders PDF pages to PNG, Liberation fonts give Times New Roman metrics,
# Chromium runs the web page's browser test (driven by Playwright; no browser is downloaded).
APT_PACKAGES := libreoffice-writer fonts-liberation poppler-utils chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-deps run test clean

# torch is pinned and installed first: the CPU build lies on this machine's disk,
# while a looser request would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

# Index the knowledge folder, then serve the chat page and the API on http://127.0.0.1:8000/
# (`troly shell` remains the terminal search prompt).
run: install
	$(BIN)/troly ingest
	$(BIN)/troly serve --host 127.0.0.1 --port 8000

system-deps:
	@command -v libreoffice >/dev/null && command -v pdftoppm >/dev/null && command -v chromium >/dev/null \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); }

test: install system-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data .pytest_cache
