# governance_kit — set-up contract (see README.md)
#   make lab    create .venv, install the kit, register the kernel, open JupyterLab (中文界面) on notebooks/
#   make test   same environment, then every test and every notebook
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS := course,test,scale
KERNEL := governance_kit
LAB_ARGS ?=
ROOT_ARGS := $(if $(filter 0,$(shell id -u)),--allow-root,)
export PYTHONUTF8 := 1
export PYTHONDONTWRITEBYTECODE := 1
export MPLBACKEND := Agg

.PHONY: venv lab test test-py test-notebooks bench report clean-venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3 (governance_kit)" >/dev/null
	$(BIN)/python -m governance_kit.labsetup --prefix $(VENV)
	touch $(STAMP)

lab: venv
	$(BIN)/python -m governance_kit.labsetup --prefix $(VENV) >/dev/null
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(ROOT_ARGS) $(LAB_ARGS)

test: venv test-py test-notebooks

test-py: venv
	$(BIN)/python -m pytest tests -q
	$(BIN)/python -m pytest -q --doctest-modules governance_kit

test-notebooks: venv
	$(BIN)/python -m pytest -q --nbval-lax --nbval-current-env exercises/source notebooks

bench: venv
	$(BIN)/python bench/run.py

# the analysis report of the bundled corpus (one offline HTML file)
report: venv
	$(BIN)/govkit report --out report.html --force

clean-venv:
	rm -rf $(VENV)
