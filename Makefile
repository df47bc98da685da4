# Rapport — the handful of targets everyone (and CI) uses.
#   make serve   set up, build, and serve the Excel add-in (and playground) on localhost
#   make test    set up, build, and run every test (Rust, Node, browser)
#   make build   build dist/ from the Rust engine
#   make docs    refresh docs/functions.md from the catalogue
#   make lint    rustfmt and clippy
#   make fuzz    fuzz the engine's entry point (nightly + cargo-fuzz; FUZZ_SECONDS=600)
#   make bench   measure Rapport against pure JS, native Rust and the floor (docs/performance.md)

.PHONY: setup setup-test build docs native serve test test-rust test-js lint fuzz bench

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --browser

build: setup
	node js/build/build.mjs

# Copy the generated function reference into the committed docs (a test fails while it is stale).
docs: build
	cp build/functions.md docs/functions.md

native:
	cargo build --release --bin rapport --bin rapport-bench

serve: build native
	./target/release/rapport demo
	node js/build/serve.mjs

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

bench: build native
	node --expose-gc bench/run.mjs

test-rust:
	cargo test

test-js: native
	node --test --test-timeout=300000 tests/js/

test: setup-test build lint test-rust test-js

# Fuzz the wasm entry point (needs a nightly toolchain and cargo-fuzz; CI replays
# fuzz/regressions/ through `cargo test` instead).
FUZZ_SECONDS ?= 600
fuzz:
	cargo +nightly fuzz run -s none call_packed -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 -max_len=4096 -print_final_stats=1
