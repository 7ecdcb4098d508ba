# Retrain Playground: build, serve and test.
#
#   make serve       install what is missing, then serve a release build on http://127.0.0.1:8080/
#   make test        install what is missing (incl. Chromium), then run every test tier
#
#   make build       release build into dist/ (wasm-opt -Oz); relative URLs: upload
#                    dist/ to any folder of any static host, it works offline after one visit
#   make dist-subpath PUBLIC_URL=/retrain-playground/
#                    the same, with absolute URLs under that prefix (default ./ = make build)
#   make setup       only install/check tools (scripts/setup.sh)
#   make test-native cargo test (native)
#   make test-wasm   wasm-bindgen-test in headless Chromium (tests/web.rs)
#   make test-e2e    release build + Playwright journeys (tests/e2e/*.test.mjs)
#   make lint        cargo fmt --check + clippy (native and wasm32), warnings are errors
#
# Each target runs scripts/setup.sh first; it skips whatever is installed, so it
# costs a few seconds. Pass NO_SETUP=1 to skip it entirely.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# cargo-installed tools (trunk, wasm-bindgen) and npm tools (wasm-opt from binaryen).
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
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

.PHONY: help setup setup-browser build dist-subpath serve test test-native test-wasm test-e2e lint clean

help:
	@sed -n '2,17p' Makefile | sed 's/^# \{0,1\}//'

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

build: $(SETUP)
	trunk build --release

# A static folder for any web host, e.g. a GitHub Pages project site
# (https://USER.github.io/retrain-playground/ -> PUBLIC_URL=/retrain-playground/).
dist-subpath: $(SETUP)
	trunk build --release --public-url '$(PUBLIC_URL)'
	@echo
	@echo "  dist/ is ready (public URL $(PUBLIC_URL)): upload everything in dist/"
	@echo "  (index.html, sw.js, the .js/.wasm/.css files) to the app's folder on any static web host."
	@echo

serve: $(SETUP)
	@echo
	@echo "  Retrain Playground is at http://$(HOST):$(PORT)/"
	@echo "  (the first build takes a few minutes; Ctrl-C stops the server)"
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
	cargo test

test-wasm: $(SETUP_BROWSER)
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=$(CHROMEDRIVER) \
	cargo test --target $(WASM_TARGET) --lib --test web

test-e2e: $(SETUP_BROWSER)
	trunk build --release
	node tests/e2e/run.mjs

# The wasm32 pass lints what is built for wasm32 (lib, bins, tests/web.rs), not
# --all-targets: benches use criterion and the native tests proptest, which are
# (or should be) native-only dev-dependencies.
# All three checks run even when one fails; lint fails if any did.
lint: $(SETUP)
	@failed=""; \
	for cmd in "cargo fmt --all --check" \
	           "cargo clippy --all-targets -- -D warnings" \
	           "cargo clippy --target $(WASM_TARGET) --lib --bins --test web -- -D warnings"; do \
	  echo "$$cmd"; \
	  $$cmd || failed="$$failed; $$cmd"; \
	done; \
	if [ -n "$$failed" ]; then echo "lint: FAILED: $${failed#; }"; exit 1; fi

clean:
	rm -rf dist target/e2e-screenshots
