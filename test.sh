#!/usr/bin/env bash
# Every test: Rust unit, integration and property tests, then the Node tests of the JS
# clients and the real-browser suite (Chromium, axe-core, Nu HTML Checker) on a freshly built site.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
cargo test --quiet
# `cargo test` has just built target/debug/ccu; a separate `cargo build` would rebuild the
# dependencies with other features (dev-dependencies unify differently) for nothing.
target/debug/ccu build --quiet --out target/test-site
CCU_DIST=target/test-site CCU_BIN=target/debug/ccu node --test --test-concurrency=1 tests/node/
