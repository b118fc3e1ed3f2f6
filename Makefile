# troly — the two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test clean

# torch is pinned and installed first: the CPU build lies on this machine's disk,
# while a looser request would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

run: install
	$(BIN)/troly --help

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data .pytest_cache
