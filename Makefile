# The two commands a newcomer needs:
#   make demo   build everything and serve the demo page on the local emulator
#   make test   run every test
# Both install what is missing first (tools/setup.sh) and stop with a clear message otherwise.

SHELL := /bin/bash
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium

.PHONY: all setup setup-browser pkg demo demo-site emulator lint fmt test test-native test-wasm test-node test-types test-browser test-package test-consumers link-pkg fuzz bench test-bench clean

all: pkg

setup:
	@bash tools/setup.sh

setup-browser:
	@bash tools/setup.sh --browser

## pkg: build the npm package into pkg/ (again only when its sources changed)
pkg: setup pkg/package.json

PKG_SOURCES := $(shell find src pkg-template emulator/core/src emulator/wasm/src -type f) tools/build-pkg.mjs \
	$(wildcard tools/wasm-*.mjs) tools/build-emulator.mjs emulator/core/Cargo.toml emulator/wasm/Cargo.toml \
	Cargo.toml Cargo.lock \
	README.md LICENSE package-lock.json
pkg/package.json: $(PKG_SOURCES)
	node tools/build-pkg.mjs

## demo: build the package and the emulator, and serve www-example against it
demo: pkg
	cargo build --profile emulator -p skimmer-emulator
	@echo "demo: open the URL below in a browser (API key: demo-key); Ctrl-C stops it"
	target/emulator/skimmer-emulator --port $${PORT:-8080} --serve www-example --serve-pkg pkg

## demo-site: the demo as static files in target/demo-site/ for any static host: the API runs in the page
demo-site: pkg
	node tools/demo-site.mjs

## test: every test (native, wasm in headless Chromium, Node, TypeScript, browser), after lint
test: setup-browser
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint test-native pkg test-package test-wasm test-node test-types test-browser test-consumers test-bench && \
	echo "make test: all passed in $$(( $$(date +%s) - start )) s"

## lint: Biome over the hand-written JS, TS and JSON (biome.jsonc), rustfmt, and clippy with
## warnings denied: the workspace natively, and the crates that run in wasm for wasm32 (all targets)
lint: setup
	node_modules/.bin/biome ci --error-on-warnings .
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p skimmer-activity-logs -p skimmer-emulator-core -p skimmer-emulator-wasm \
	  --target wasm32-unknown-unknown --all-targets -- -D warnings

## fmt: format the Rust and the JS in place, and apply Biome's safe fixes (then see `make lint`)
fmt: setup
	cargo fmt --all
	node_modules/.bin/biome check --write .

# The emulator core must also build for wasm32 (the in-process emulator is made of it), and
# write problem details there as the server does (its `wire` test, run in Node).
test-native:
	cargo test --workspace
	cargo test -p skimmer-emulator-core --target wasm32-unknown-unknown --test wire

## bench: the benchmarks against raw fetch, zod 4 and valibot, printed as one table (bench/README.md),
## then the package's size and where the wasm's bytes go; `make bench RUNS=2` runs the benchmarks
## twice and prints the spread
bench: setup-browser pkg bench/node_modules/.package-lock.json
	cargo build --profile emulator -p skimmer-emulator
	node bench/run.mjs $(if $(RUNS),--runs $(RUNS))
	node tools/size.mjs --breakdown

bench/node_modules/.package-lock.json: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error

# The benchmark harness, run quickly: it works (its figures mean nothing at this size).
test-bench: pkg emulator bench/node_modules/.package-lock.json
	EMULATOR_PROFILE=debug node bench/run.mjs --smoke

## fuzz: the core's fuzz targets and the emulator core's and in-process door's properties for longer (FUZZ_CASES per target; make test runs 3000 and 1000)
fuzz:
	FUZZ_CASES=$${FUZZ_CASES:-200000} cargo test --profile emulator -p skimmer-activity-logs --lib fuzz
	FUZZ_CASES=$${FUZZ_CASES:-200000} cargo test --profile emulator -p skimmer-emulator-core --test properties
	FUZZ_CASES=$${FUZZ_CASES:-200000} cargo test --profile emulator -p skimmer-emulator-wasm --test properties

# The debug emulator binary the JS and wasm tests start (tests/support/emulator.mjs).
emulator:
	cargo build -p skimmer-emulator

test-wasm: emulator
	node tools/with-emulator.mjs -- cargo test -p skimmer-activity-logs --target wasm32-unknown-unknown --test 'wasm_*'

# The Node and TypeScript tests import the built package by name, through its exports map.
link-pkg:
	@for dir in tests/node tests/types; do \
	  mkdir -p $$dir/node_modules && ln -sfn ../../../pkg $$dir/node_modules/skimmer-activity-logs; \
	done

test-node: link-pkg emulator
	node --test tests/node/

test-types: link-pkg
	node_modules/.bin/tsc -p tests/types/tsconfig.json

test-browser: emulator
	node --test tests/browser/

# The package as published: publint, arethetypeswrong (the .wasm export is an asset, not a
# module with types, so attw skips it), the size budget, and the build's own wasm steps.
test-package:
	node --test tests/package/
	node_modules/.bin/publint run pkg --strict
	rm -f target/skimmer-activity-logs-*.tgz
	cd pkg && npm pack --silent --pack-destination ../target >/dev/null
	node_modules/.bin/attw target/skimmer-activity-logs-*.tgz --exclude-entrypoints ./skimmer_activity_logs_bg.wasm
	node tools/size.mjs --check

# Consumer projects on the npm pack tarball: Node ESM/CJS, plain page + CSP, worker, Vite,
# webpack, TypeScript; workerd, Deno, Bun; Next.js; react-hook-form. Their heavy toolchains are
# installed once into target/consumers-cache/ (tests/consumers/support.mjs). Two files at a time.
test-consumers: emulator
	node --test --test-concurrency=2 tests/consumers/

clean:
	rm -rf pkg target/pkg-build-* target/consumers
