#!/usr/bin/env bash
# Benchmarks `ccu build` at 100, 1,000 and 10,000 services and Hugo on the same number of
# equivalent markdown pages. Prints a markdown table (see docs/benchmarks.md).
# Usage: tools/bench.sh [sizes…]   (default: 100 1000 10000; needs hugo: apt-get install hugo)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100 1000 10000}")
[ $# -eq 0 ] && sizes=(100 1000 10000)
work=$(mktemp -d /tmp/ccu-bench.XXXX)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin ccu --example synth
command -v hugo >/dev/null || { echo "hugo is missing: apt-get install hugo" >&2; exit 2; }

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

echo "| services | ccu pages | ccu time (s) | pages/s | peak memory (MiB) | Hugo pages | Hugo time (s) | ccu / Hugo time |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  target/release/examples/synth --services "$n" --out "$site" >/dev/null
  target/release/ccu build --quiet --root "$site" --out "$work/warm-$n" # warm the page cache
  rm -rf "$work/warm-$n"
  /usr/bin/time -f "%e %M" -o "$work/time-$n" target/release/ccu build --quiet --root "$site" --out "$work/out-$n"
  read -r secs kib < "$work/time-$n"
  pages=$(find "$work/out-$n" -name '*.html' | wc -l)
  rm -rf "$work/out-$n"
  hugo_site "$site" "$work/hugo-$n" "$pages"
  hugo --quiet -s "$work/hugo-$n" -d "$work/hugo-out-$n" >/dev/null # warm
  rm -rf "$work/hugo-out-$n"
  /usr/bin/time -f "%e" -o "$work/htime-$n" hugo --quiet -s "$work/hugo-$n" -d "$work/hugo-out-$n" >/dev/null
  hsecs=$(cat "$work/htime-$n")
  hpages=$(find "$work/hugo-out-$n" -name '*.html' | wc -l)
  rm -rf "$work/hugo-out-$n" "$work/hugo-$n"
  awk -v n="$n" -v p="$pages" -v s="$secs" -v k="$kib" -v hp="$hpages" -v hs="$hsecs" 'BEGIN {
    printf "| %d | %d | %.2f | %.0f | %.0f | %d | %.2f | %.2f |\n", n, p, s, p / s, k / 1024, hp, hs, s / hs }'
  echo "$n $secs" >> "$work/scaling"
done
awk '{ t[$1] = $2 } END { if (t[1000] && t[10000]) printf "\ntime(10k)/time(1k) = %.1f\n", t[10000] / t[1000] }' "$work/scaling"
