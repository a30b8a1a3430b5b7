#!/usr/bin/env bash
# Proves that a change leaves the built site byte-identical: builds the site with
# BASE_REV's `ccu` (from BASE_REV's own catalog, content and theme) and with the working
# tree's, then with both on one synthetic site of N services, and compares every file.
# Usage: tools/same-output.sh BASE_REV [N]   (N defaults to 300; exit 1 if any file differs)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: tools/same-output.sh BASE_REV [N]}
n=${2:-300}
work=$(mktemp -d /tmp/ccu-same.XXXX)
trap 'rm -rf "$work"' EXIT
target=$(pwd)/target

# BASE_REV's sources, built into the same target folder so its dependencies are reused.
mkdir "$work/base-src"
git archive "$base" | tar -x -C "$work/base-src"
(cd "$work/base-src" && cargo build --quiet --bin ccu --target-dir "$target")
cp "$target/debug/ccu" "$work/ccu-base"
cargo build --quiet --bin ccu --example synth
cp "$target/debug/ccu" "$work/ccu-new"
"$target/debug/examples/synth" --services "$n" --out "$work/synth" >/dev/null

same=0
compare() { # name, base root, new root
  "$work/ccu-base" build --quiet --root "$2" --out "$work/$1-base"
  "$work/ccu-new" build --quiet --root "$3" --out "$work/$1-new"
  local files
  files=$(find "$work/$1-new" -type f | wc -l)
  if diff -r -q "$work/$1-base" "$work/$1-new"; then
    echo "$1: $files files, byte-identical"
  else
    echo "$1: differs (see above)"
    same=1
  fi
}
compare real "$work/base-src" .
compare "synthetic-$n" "$work/synth" "$work/synth"
exit "$same"
