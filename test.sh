#!/usr/bin/env bash
# Every test: Rust unit and integration tests, then the Node tests of the JS clients
# (run on a freshly built site, against the same binary's `search` and `locate`).
set -euo pipefail
cd "$(dirname "$0")"
cargo test --quiet
cargo build --quiet
target/debug/ccu build --quiet --out target/test-site
CCU_DIST=target/test-site CCU_BIN=target/debug/ccu node --test tests/node/
