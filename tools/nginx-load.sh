#!/usr/bin/env bash
# Load test of the built site behind nginx on loopback, with docs/nginx.conf's rules.
# Usage: tools/nginx-load.sh [DIST] [seconds]   (needs nginx, wrk; DIST built with --precompress)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath "${1:-dist}")
secs=${2:-10}
work=$(mktemp -d /tmp/ccu-nginx.XXXX)
port=18080
modules=""
for m in /usr/lib/nginx/modules/ngx_http_brotli_static_module.so; do
  [ -f "$m" ] && modules="load_module $m;"
done
brotli=""; [ -n "$modules" ] && brotli="brotli_static on;"
# The site's server block, moved onto a loopback port and this build's folder.
server=$(sed -e "s|listen 80;|listen 127.0.0.1:$port;|" -e "s|root /srv/ccu/dist;|root $dist;|" \
  -e "s|brotli_static on;|$brotli|" docs/nginx.conf | grep -v '^#')
cat > "$work/nginx.conf" <<CONF
$modules
daemon off;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  $server
}
CONF
nginx -t -c "$work/nginx.conf" -p "$work" 2>/dev/null
nginx -c "$work/nginx.conf" -p "$work" & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
check() { # url, header that must be there
  curl -s -D - -o /dev/null -H 'Accept-Encoding: br, gzip' "http://127.0.0.1:$port$1" | tr -d '\r' | grep -qi "$2" \
    || { echo "FAIL: $1 lacks '$2'" >&2; exit 1; }
}
css=$(grep -o '/assets/style\.[0-9a-f]*\.css' "$dist/en/index.html" | head -1)
check /en/services/1-4/ "content-encoding: br"
check "$css" "cache-control: public, max-age=31536000, immutable"
check /en/services/1-4/ "cache-control: no-cache"
check /search/en/meta.json "cache-control: public, max-age=300"
check /no/such/page/ "HTTP/1.1 404"
for url in /en/services/1-4/ "$css" /search/en/meta.json /no/such/page/; do
  check "$url" "content-security-policy: .*frame-ancestors 'none'"
  check "$url" "x-content-type-options: nosniff"
  check "$url" "referrer-policy: strict-origin-when-cross-origin"
done
echo "headers: precompressed brotli, immutable fingerprinted CSS, no-cache pages, 404 page, security headers: ok"
for url in /en/ /az/services/1-4/ /search/en/meta.json; do
  printf '%s\t' "$url"
  wrk -t2 -c32 -d"${secs}s" -H 'Accept-Encoding: br, gzip' "http://127.0.0.1:$port$url" | awk '/Requests\/sec/ {r = $2} /Latency/ {l = $2} END {printf "%s req/s\tlatency avg %s\n", r, l}'
done
