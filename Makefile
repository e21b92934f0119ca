# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean readme

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-cache-dir --upgrade pip
	$(PY) -m pip install --quiet --no-cache-dir -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	bash tools/system_deps.sh demo
	$(PY) build_graph.py

test: $(STAMP)
	bash tools/system_deps.sh test
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests tools build_graph.py

# Rerun the README's transcripts and rewrite them (tests/test_readme.py fails when one is stale).
readme: $(STAMP)
	$(PY) tools/update_readme.py

bench: $(STAMP)
	$(PY) benchmarks/bench_views.py
	$(PY) benchmarks/bench_queries.py
	$(PY) benchmarks/bench_query_scale.py
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_incremental.py

clean:
	rm -rf out .pytest_cache
