#!/usr/bin/env bash
# Every test: Rust unit, integration and property tests, then the Node tests of the JS
# clients and the real-browser suite (Chromium, axe-core, Nu HTML Checker) on a freshly built site.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
# --release: the same dependency build as `cargo run --release -- serve`, so that the two README
# commands compile the ~300 dependencies once between them, not once each (the dev-dependencies
# add crates but change no shared crate's features: see `getrandom` in Cargo.toml).
cargo test --release --quiet
# `cargo test` has just built target/release/ccu.
target/release/ccu build --quiet --out target/test-site
CCU_DIST=target/test-site CCU_BIN=target/release/ccu node --test --test-concurrency=1 tests/node/
