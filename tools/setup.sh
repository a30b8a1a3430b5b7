#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, on a fresh machine of this kind:
# Debian's Chromium (browser tests, driven by playwright-core), Java (the Nu HTML Checker), poppler-utils
# (the printed sheets' text), Node.js
# and the npm packages (playwright-core, axe-core, vnu-jar) from package-lock.json. Does nothing
# that is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
# pdftotext and pdfinfo: the printed sheets' text and page count (tests/node/offline.test.mjs).
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# `node --test --test-concurrency` (test.sh) needs Node.js 20.10 or later; Debian's own may be older.
node_version=$(node -p 'process.versions.node')
IFS=. read -r major minor _ <<<"$node_version"
if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 10 ]; }; then
  echo "error: Node.js $node_version is installed; the tests need 20.10 or later." >&2
  echo "  help: install a current Node.js (https://nodejs.org/en/download, or \`nvm install --lts\`), make it the \`node\` on your PATH, then run ./test.sh again" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/vnu-jar ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
