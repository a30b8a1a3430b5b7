#!/usr/bin/env bash
# Every test: Rust unit and integration tests, then the Node tests of the JS clients.
set -euo pipefail
cd "$(dirname "$0")"
cargo test --quiet
if [ -d tests/node ]; then
  cargo run --quiet --release -- build --quiet --out target/test-site
  CCU_DIST=target/test-site CCU_BIN=target/release/ccu node --test tests/node/
fi
