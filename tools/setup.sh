#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, on a fresh machine of this kind:
# Debian's Chromium and ChromeDriver (browser tests), Java (the Nu HTML Checker), and the npm packages
# (playwright-core, axe-core, vnu-jar) from package-lock.json. Does nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null || missing+=(chromium chromium-driver)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/vnu-jar ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
