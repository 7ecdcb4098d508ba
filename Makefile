# Retrain Playground: build, serve and test.
#
#   make serve       install what is missing, then serve the app on http://127.0.0.1:8080/
#                    (Trunk's dev server: a dev build, rebuilt and reloaded on every edit)
#   make test        install what is missing (incl. Chromium), then run every test tier
#
#   make serve-release  the same with the release build (what make build ships)
#   make build       release build into dist/ (wasm-opt -Oz), with .br and .gz copies beside
#                    each file (scripts/precompress.mjs); relative URLs: upload dist/ to
#                    any folder of any static host, it works offline after one visit
#   make dist-subpath PUBLIC_URL=/retrain-playground/
#                    the same, with absolute URLs under that prefix (default ./ = make build)
#   make setup       only install/check tools (scripts/setup.sh)
#   make test-native cargo test (native)
#   make test-wasm   wasm-bindgen-test in headless Chromium (tests/web.rs)
#   make test-e2e    dev build + Playwright journeys (tests/e2e/*.test.mjs);
#                    E2E_RELEASE=1 runs them on the release build instead
#   make lint        cargo fmt --check + clippy (native and wasm32), warnings are errors
#   make bench       criterion + headless-Chromium + scikit-learn benchmarks: one table, also in BENCHMARKS.md
#   make wasm-size   what each part of the page's and the worker's wasm costs (scripts/wasm_size.py)
#   make one-module  page and worker as one wasm module, against the two shipped (issue 28)
#   make budget      the built files' compressed sizes against benches/budget.json (no browser)
#
# Each target runs scripts/setup.sh first; it skips whatever is installed, so it
# costs a few seconds. Pass NO_SETUP=1 to skip it entirely.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# cargo-installed tools (trunk, wasm-bindgen) and npm tools (wasm-opt from binaryen).
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# Trunk otherwise asks crates.io's web API for a newer Trunk on every start.
export TRUNK_SKIP_VERSION_CHECK := true

HOST ?= 127.0.0.1
# Where the app will be served from (make dist-subpath): ./ (relative URLs, works
# in any folder) or an absolute prefix such as /retrain-playground/.
PUBLIC_URL ?= ./
PORT ?= 8080
CHROMEDRIVER ?= /usr/bin/chromedriver
WASM_TARGET := wasm32-unknown-unknown

ifdef NO_SETUP
SETUP :=
SETUP_BROWSER :=
else
SETUP := setup
SETUP_BROWSER := setup-browser
endif

.PHONY: help setup setup-browser build dist-subpath serve serve-release test test-native test-wasm test-e2e lint bench budget wasm-size one-module clean

help:
	@sed -n '2,25p' Makefile | sed 's/^# \{0,1\}//'

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

build: $(SETUP)
	trunk build --release
	node scripts/precompress.mjs dist

# A static folder for any web host, e.g. a GitHub Pages project site
# (https://USER.github.io/retrain-playground/ -> PUBLIC_URL=/retrain-playground/).
dist-subpath: $(SETUP)
	trunk build --release --public-url '$(PUBLIC_URL)'
	node scripts/precompress.mjs dist
	@echo
	@echo "  dist/ is ready (public URL $(PUBLIC_URL)): upload everything in dist/"
	@echo "  (index.html, sw.js, the .js/.wasm/.css files) to the app's folder on any static web host."
	@echo

# A dev build (dependencies that do the work optimised, see Cargo.toml): the first
# one takes ~3 min on 2 cores where a release build takes ~6, it shares its crates
# with make test, and Trunk rebuilds it in seconds after an edit.
serve: $(SETUP)
	@echo
	@echo "  Retrain Playground is at http://$(HOST):$(PORT)/"
	@echo "  (the first build takes a few minutes; Ctrl-C stops the server)"
	@echo
	trunk serve --address $(HOST) --port $(PORT)

serve-release: $(SETUP)
	@echo
	@echo "  Retrain Playground (release build) is at http://$(HOST):$(PORT)/"
	@echo "  (the first build takes about 6 minutes on 2 cores; Ctrl-C stops the server)"
	@echo
	trunk serve --release --address $(HOST) --port $(PORT)

# Runs every tier even when one fails, then fails if any did.
test: $(SETUP_BROWSER)
	@failed=""; \
	for tier in test-native test-wasm test-e2e lint; do \
	  echo; echo "==> make $$tier"; \
	  if $(MAKE) NO_SETUP=1 $$tier; then \
	    echo "==> $$tier: ok"; \
	  else \
	    echo "==> $$tier: FAILED"; failed="$$failed $$tier"; \
	  fi; \
	done; \
	echo; \
	if [ -n "$$failed" ]; then echo "make test: FAILED tiers:$$failed"; exit 1; fi; \
	echo "make test: all tiers ok (test-native test-wasm test-e2e lint)"

test-native: $(SETUP)
	cargo test --workspace

test-wasm: $(SETUP_BROWSER)
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=$(CHROMEDRIVER) \
	cargo test --target $(WASM_TARGET) --lib --test web

# The journeys run against a dev build in target/e2e-dist: it reuses every crate
# the wasm tier compiled (same profile and features), so it costs seconds where a
# release build costs ~6 min on 2 cores. E2E_RELEASE=1 runs them on the release
# build (dist/, what make build ships; make bench measures that one too).
E2E_DIST ?= target/e2e-dist
test-e2e: $(SETUP_BROWSER)
ifdef E2E_RELEASE
	trunk build --release
	node tests/e2e/run.mjs
else
	trunk build --dist $(E2E_DIST)
	E2E_DIST=$(E2E_DIST) node tests/e2e/run.mjs
endif

# The wasm32 pass lints what is built for wasm32 (lib, bins, tests/web.rs), not
# --all-targets: benches use criterion and the native tests proptest, which are
# (or should be) native-only dev-dependencies.
# All three checks run even when one fails; lint fails if any did.
lint: $(SETUP)
	@failed=""; \
	for cmd in "cargo fmt --all --check" \
	           "cargo clippy --workspace --all-targets -- -D warnings" \
	           "cargo clippy --target $(WASM_TARGET) --lib --bins --test web -- -D warnings"; do \
	  echo "$$cmd"; \
	  $$cmd || failed="$$failed; $$cmd"; \
	done; \
	if [ -n "$$failed" ]; then echo "lint: FAILED: $${failed#; }"; exit 1; fi

# Benchmarks (~5-8 min on 2 cores once built): native criterion cycles, the release
# build in headless Chromium (bytes, load, per-cycle round trip in the worker, fps and
# long tasks while playing, memory over 1,000 cycles), and scikit-learn fitting the same
# windows (venv in target/bench-venv, from PyPI). Prints one table, writes BENCHMARKS.md.
# Builds into BENCH_DIST, never into dist/.
BENCH_DIR ?= target/bench
BENCH_DIST ?= $(BENCH_DIR)/dist
BENCH_VENV ?= target/bench-venv
# Lighthouse for make bench, installed outside package.json (the tests never need it).
LIGHTHOUSE_DIR ?= target/lighthouse
LIGHTHOUSE_VERSION ?= 13.5.0
BENCH_ROWS := 1000 5000 10000 100000
bench: $(SETUP_BROWSER)
	@mkdir -p $(BENCH_DIR) && : > $(BENCH_DIR)/loadavg.txt
	trunk build --release --dist $(BENCH_DIST)
	@echo "criterion $$(date -u +%T) load $$(cut -d' ' -f1-3 /proc/loadavg)" >> $(BENCH_DIR)/loadavg.txt
	cargo bench --profile worker-release --bench cycle -- --warm-up-time 1 --measurement-time 3 2>&1 | tee $(BENCH_DIR)/criterion.txt
	@echo "native-fit $$(date -u +%T) load $$(cut -d' ' -f1-3 /proc/loadavg)" >> $(BENCH_DIR)/loadavg.txt
	cargo run --quiet --profile worker-release --example export_window -- $(BENCH_DIR) $(BENCH_ROWS) | tee $(BENCH_DIR)/native.jsonl
	cargo run --quiet --profile worker-release --example warm_start -- 5000 30 | tee $(BENCH_DIR)/warm_start.jsonl
	@if ! $(BENCH_VENV)/bin/python -c 'import sklearn, numpy' 2>/dev/null; then \
	  echo "bench: creating $(BENCH_VENV) (pip install scikit-learn numpy)"; \
	  python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install --quiet scikit-learn numpy; \
	fi
	@echo "sklearn $$(date -u +%T) load $$(cut -d' ' -f1-3 /proc/loadavg)" >> $(BENCH_DIR)/loadavg.txt
	$(BENCH_VENV)/bin/python scripts/bench_sklearn.py $(BENCH_DIR) $(BENCH_ROWS) | tee $(BENCH_DIR)/sklearn.jsonl
	@echo "browser $$(date -u +%T) load $$(cut -d' ' -f1-3 /proc/loadavg)" >> $(BENCH_DIR)/loadavg.txt
	node scripts/bench.mjs browser $(BENCH_DIST) $(BENCH_DIR)/browser.json
	@if [ ! -f $(LIGHTHOUSE_DIR)/node_modules/lighthouse/cli/index.js ]; then \
	  echo "bench: installing Lighthouse $(LIGHTHOUSE_VERSION) into $(LIGHTHOUSE_DIR)"; \
	  mkdir -p $(LIGHTHOUSE_DIR) && npm install --no-audit --no-fund --prefix $(LIGHTHOUSE_DIR) lighthouse@$(LIGHTHOUSE_VERSION); \
	fi
	@echo "lighthouse $$(date -u +%T) load $$(cut -d' ' -f1-3 /proc/loadavg)" >> $(BENCH_DIR)/loadavg.txt
	node scripts/lighthouse.mjs $(BENCH_DIST) $(BENCH_DIR)/lighthouse.json $(LIGHTHOUSE_DIR)
	@echo "end $$(date -u +%T) load $$(cut -d' ' -f1-3 /proc/loadavg)" >> $(BENCH_DIR)/loadavg.txt
	$(MAKE) wasm-size NO_SETUP=1
	@echo
	node scripts/bench.mjs report $(BENCH_DIR) BENCHMARKS.md

# The built files' compressed sizes against benches/budget.json (make bench prints
# the same table into BENCHMARKS.md); fails naming each file over its budget.
budget: $(SETUP)
	trunk build --release --dist $(BENCH_DIST)
	node scripts/bench.mjs budget $(BENCH_DIST)

# What each part of the page's wasm costs (BENCHMARKS.md's breakdown): the page as
# Trunk builds it (cargo release profile, wasm-bindgen, wasm-opt -Oz) with function
# names kept (-g), grouped by scripts/wasm_size.py.
wasm-size: $(SETUP)
	@mkdir -p $(BENCH_DIR)/names
	cargo build --release --target $(WASM_TARGET) --bin retrain-playground
	wasm-bindgen --target web --keep-debug --out-dir $(BENCH_DIR)/names target/$(WASM_TARGET)/release/retrain-playground.wasm
	wasm-opt -Oz -g --strip-dwarf --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
	  $(BENCH_DIR)/names/retrain-playground_bg.wasm -o $(BENCH_DIR)/names/page.wasm
	python3 scripts/wasm_size.py $(BENCH_DIR)/names/page.wasm --json $(BENCH_DIR)/wasm-size.json
	cargo build --profile worker-release --target $(WASM_TARGET) --bin worker
	wasm-bindgen --target no-modules --keep-debug --out-dir $(BENCH_DIR)/names target/$(WASM_TARGET)/worker-release/worker.wasm
	wasm-opt -O3 -g --strip-dwarf --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
	  $(BENCH_DIR)/names/worker_bg.wasm -o $(BENCH_DIR)/names/worker.wasm
	python3 scripts/wasm_size.py $(BENCH_DIR)/names/worker.wasm --json $(BENCH_DIR)/wasm-size-worker.json

# One module for page and worker (issue 28's measurement, BENCHMARKS.md): the example
# examples/one_module.rs holds both halves; built with each half's profile and
# compared, gzip -9, with the two files shipped today (the wasm-size build above).
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
one-module: $(SETUP)
	@mkdir -p $(BENCH_DIR)/one
	cargo build --release --target $(WASM_TARGET) --example one_module
	wasm-bindgen --target web --out-dir $(BENCH_DIR)/one/z target/$(WASM_TARGET)/release/examples/one_module.wasm
	wasm-opt -Oz $(WASM_OPT_FEATURES) $(BENCH_DIR)/one/z/one_module_bg.wasm -o $(BENCH_DIR)/one/one-z.wasm
	cargo build --profile worker-release --target $(WASM_TARGET) --example one_module
	wasm-bindgen --target web --out-dir $(BENCH_DIR)/one/o3 target/$(WASM_TARGET)/worker-release/examples/one_module.wasm
	wasm-opt -O3 $(WASM_OPT_FEATURES) $(BENCH_DIR)/one/o3/one_module_bg.wasm -o $(BENCH_DIR)/one/one-o3.wasm
	cargo build --release --target $(WASM_TARGET) --bin retrain-playground
	wasm-bindgen --target web --out-dir $(BENCH_DIR)/one/page target/$(WASM_TARGET)/release/retrain-playground.wasm
	wasm-opt -Oz $(WASM_OPT_FEATURES) $(BENCH_DIR)/one/page/retrain-playground_bg.wasm -o $(BENCH_DIR)/one/page.wasm
	cargo build --profile worker-release --target $(WASM_TARGET) --bin worker
	wasm-bindgen --target no-modules --out-dir $(BENCH_DIR)/one/worker target/$(WASM_TARGET)/worker-release/worker.wasm
	wasm-opt -O3 $(WASM_OPT_FEATURES) $(BENCH_DIR)/one/worker/worker_bg.wasm -o $(BENCH_DIR)/one/worker.wasm
	@cd $(BENCH_DIR)/one && for f in page.wasm worker.wasm one-z.wasm one-o3.wasm; do \
	  printf '%-12s %8.1f KB raw %7.1f KB gzip -9\n' $$f $$(echo "$$(stat -c %s $$f) / 1000" | bc -l) \
	    $$(echo "$$(gzip -9 -c $$f | wc -c) / 1000" | bc -l); done

clean:
	rm -rf dist target/e2e-screenshots
