#!/usr/bin/env bash
# GET /t/{token} with 1M in-transit shipments (3 scans each) in SQLite, loaded by wrk with
# random tokens at 64 connections, as browsers ask (Accept-Encoding: gzip): repeat views
# (half the links, viewed once before, so their pages are stored), the same from a client
# without gzip, first views after news (20,000 of those links whose parcels then got a scan
# through the pipeline, which renders their pages ahead: nobody has opened them since), and
# cold first views (the other half, seeded straight into the database and never viewed, so
# never rendered), side by side with nginx serving the same page bytes as a static file
# (gzip_static, the same gzip bytes); then the page's weight (raw and gzip) and the
# resources it loads.
# About 5 minutes on 2 cores once built (seeding and the first views of 500k links take
# most). Needs wrk, curl, gzip and nginx (/usr/sbin/nginx).
# Usage: bench/tracking_page.sh [SHIPMENTS] [SECONDS] [CONNECTIONS] [CHANGED]
set -euo pipefail
cd "$(dirname "$0")/.."
shipments=${1:-1000000}
seconds=${2:-20}
connections=${3:-64}
changed=${4:-20000}
nginx=${NGINX:-/usr/sbin/nginx}
wismo_port=18181
nginx_port=18182
for tool in wrk curl gzip "$nginx"; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

cargo build --release --example engine_bench -q
bin=${CARGO_TARGET_DIR:-target}/release/examples/engine_bench

dir=$(mktemp -d)
chmod 755 "$dir" # nginx's workers run as nobody
server='' proxy=''
cleanup() {
    for pid in $proxy $server; do
        kill -TERM "$pid" 2>/dev/null || continue
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wismo: the database goes to $TMPDIR, so inside $dir.
TMPDIR="$dir" "$bin" serve-pages --shipments "$shipments" --tokens "$dir/tokens.txt" \
    --new-tokens "$dir/new-tokens.txt" --changed "$changed" --changed-tokens "$dir/changed-tokens.txt" \
    --listen "127.0.0.1:$wismo_port" 2>"$dir/server.log" &
server=$!
until [ -s "$dir/tokens.txt" ] && curl -fs "http://127.0.0.1:$wismo_port/healthz" >/dev/null; do
    kill -0 "$server" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    sleep 0.5
done
cat "$dir/server.log"

# The page nginx serves: one shipment's stored page as wismo sends it, gzip and plain.
mkdir -p "$dir/www" "$dir/nginx"
path=$(sed -n "$((($(wc -l <"$dir/tokens.txt") + 1) / 2))p" "$dir/tokens.txt")
curl -fsS -o "$dir/www/index.html" "http://127.0.0.1:$wismo_port$path"
curl -fsS -H 'Accept-Encoding: gzip' -D "$dir/gzip.headers" -o "$dir/www/index.html.gz" \
    "http://127.0.0.1:$wismo_port$path"
grep -qi '^content-encoding: gzip' "$dir/gzip.headers" ||
    { echo "wismo did not send the stored page gzipped" >&2; exit 1; }
cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events {}
http {
    access_log off;
    types { text/html html; }
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $dir/www;
        gzip_static on;
        location / { try_files /index.html =404; }
    }
}
EOF
"$nginx" -p "$dir/nginx/" -e "$dir/nginx/error.log" -c "$dir/nginx.conf" &
proxy=$!
until curl -fs -o /dev/null "http://127.0.0.1:$nginx_port$path"; do
    kill -0 "$proxy" 2>/dev/null || { cat "$dir/nginx/error.log" >&2; exit 1; }
    sleep 0.2
done
cmp -s "$dir/www/index.html" <(curl -fsS "http://127.0.0.1:$nginx_port$path") ||
    { echo "nginx does not serve the page's bytes" >&2; exit 1; }
cmp -s "$dir/www/index.html.gz" <(curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$nginx_port$path") ||
    { echo "nginx does not serve the page's gzip bytes" >&2; exit 1; }

# A wrk latency figure ("812.00us", "3.21ms", "1.02s") in ms.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    printf "%.2f", u == "us" ? n / 1000 : u == "s" ? n * 1000 : u == "m" ? n * 60000 : n }'; }
load() { # NAME PORT TOKENS WARMUP_SECONDS ACCEPT_ENCODING
    local name=$1 port=$2 tokens=$3 warmup=$4 encoding=$5
    echo
    echo "== $name: wrk -t2 -c$connections -d${seconds}s --latency -H 'Accept-Encoding: $encoding'," \
        "random /t/{token} of $(wc -l <"$tokens")"
    # A few seconds first, unreported: connections opened, caches warm.
    WISMO_TOKENS="$tokens" wrk -t2 -c"$connections" -d"${warmup}s" -H "Accept-Encoding: $encoding" \
        -s bench/tracking_page.lua "http://127.0.0.1:$port" >/dev/null
    WISMO_TOKENS="$tokens" wrk -t2 -c"$connections" -d"${seconds}s" --latency \
        -H "Accept-Encoding: $encoding" -s bench/tracking_page.lua "http://127.0.0.1:$port" |
        tee "$dir/$name.wrk"
}
# Cold first views render each page (and keep it); 1 s of warm-up, so few links repeat.
load first "$wismo_port" "$dir/new-tokens.txt" 1 gzip
# First views after news: pages rendered ahead when the scan came.
load changed "$wismo_port" "$dir/changed-tokens.txt" 1 gzip
load wismo "$wismo_port" "$dir/tokens.txt" 3 gzip
load plain "$wismo_port" "$dir/tokens.txt" 3 identity
load nginx "$nginx_port" "$dir/tokens.txt" 3 gzip

field() { awk -v k="$2" '$1 == k { print $2; exit }' "$dir/$1.wrk"; }
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$dir/$1.wrk"; }
failures() { awk '/Non-2xx|Socket errors/ { $1 = $1; printf "%s; ", $0 }' "$dir/$1.wrk"; }
echo
echo "== GET /t/{token}, $shipments shipments (SQLite), $connections connections, ${seconds} s, wrk and server on the same $(nproc) cores"
printf '%-26s %12s %10s %10s  %s\n' "" "requests/s" "p50 ms" "p99 ms" "errors"
for name in wismo plain changed first nginx; do
    case $name in
        wismo) label="wismo, repeat views" ;;
        plain) label="wismo, repeat, no gzip" ;;
        changed) label="wismo, first after news" ;;
        first) label="wismo, cold first views" ;;
        nginx) label="nginx, static file" ;;
    esac
    printf '%-26s %12s %10s %10s  %s\n' "$label" "$(rps "$name")" "$(ms "$(field "$name" 50%)")" \
        "$(ms "$(field "$name" 99%)")" "$(failures "$name")"
done
wismo_rps=$(rps wismo) nginx_rps=$(rps nginx) wismo_p99=$(ms "$(field wismo 99%)")
awk -v w="$wismo_rps" -v n="$nginx_rps" -v p="$wismo_p99" 'BEGIN {
    r = 100 * w / n
    printf "wismo/nginx (repeat views): %.1f %% of nginx'"'"'s rate (goal >= 50 %%: %s); wismo p99 %.2f ms (goal <= 10 ms: %s)\n",
        r, r >= 50 ? "met" : "NOT met", p, p <= 10 ? "met" : "NOT met" }'
awk -v f="$(rps changed)" -v n="$nginx_rps" -v p="$(ms "$(field changed 99%)")" 'BEGIN {
    r = 100 * f / n
    printf "first views after news: %.1f %% of nginx'"'"'s rate (goal >= 20 %%: %s), p99 %.2f ms (pages rendered ahead when the scan came)\n",
        r, r >= 20 ? "met" : "NOT met", p }'
awk -v f="$(rps first)" -v n="$nginx_rps" -v p="$(ms "$(field first 99%)")" 'BEGIN {
    printf "cold first views: %.1f %% of nginx'"'"'s rate, p99 %.2f ms (never rendered: each renders the page and keeps it)\n", 100 * f / n, p }'

# Page weight: the HTML, and with the two stylesheets a first visit also loads.
echo
echo "== page weight ($path)"
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
page="$dir/www/index.html"
theme=$(grep -o 'href="/[a-z0-9-]*/theme\.css?v=[^"]*"' "$page" | sed 's/^href="//; s/"$//')
curl -fsS -o "$dir/wismo.css" "http://127.0.0.1:$wismo_port/static/wismo.css"
curl -fsS -o "$dir/theme.css" "http://127.0.0.1:$wismo_port$theme"
# What a browser gets: the bytes wismo sends with `Accept-Encoding: gzip`.
sent() { curl -fsS -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$wismo_port$1"; }
total_raw=0 total_sent=0
for pair in "$page $path" "$dir/wismo.css /static/wismo.css" "$dir/theme.css $theme"; do
    read -r file url <<<"$pair"
    raw=$(wc -c <"$file") gz=$(sent "$url")
    total_raw=$((total_raw + raw)) total_sent=$((total_sent + gz))
    printf '%-32s raw %6d B (%s)   sent %6d B (%s)\n' "$(basename "$file")" "$raw" "$(kb "$raw")" "$gz" "$(kb "$gz")"
done
printf '%-32s raw %6d B (%s)   sent %6d B (%s)   (goal <= 30 KB compressed: %s)\n' "page + both stylesheets" \
    "$total_raw" "$(kb "$total_raw")" "$total_sent" "$(kb "$total_sent")" "$([ "$total_sent" -le 30720 ] && echo met || echo NOT met)"
echo "(sent: what wismo sends a browser (Accept-Encoding: gzip): the page as stored, wismo.css compressed once per process, theme.css as is)"

# What the page loads: every URL in an element that fetches something, and any CSS url()
# or @import in the page or the stylesheets. Links people may follow (<a href>) load nothing.
echo
echo "== resources the page loads"
grep -oiE '<(link|script|img|iframe|frame|source|track|video|audio|embed|object|input)\b[^>]*>' "$page" |
    grep -oiE '\b(href|src|srcset|data|poster)="[^"]*"' |
    sed -E 's/^[a-z]+="//I; s/"$//' >"$dir/resources.txt" || true
cat "$dir/resources.txt"
inline=$(cat "$page" "$dir/wismo.css" "$dir/theme.css" | grep -ciE 'url\(|@import|<style|style=' || true)
expected=$(printf '/static/wismo.css\n%s\n' "$theme")
if [ "$(cat "$dir/resources.txt")" = "$expected" ] && [ "$inline" = 0 ]; then
    echo "only /static/wismo.css and $theme, both same-origin; no url()/@import/inline styles: OK"
else
    echo "UNEXPECTED resources (url()/@import/inline style lines: $inline)"
fi
links=$(grep -oiE '<a\b[^>]*href="https?://[^"]*"' "$page" | sed -E 's/.*href="//; s/"$//' | sort -u | paste -sd' ' - || true)
echo "links to other sites (followed only on click, not loaded): ${links:-none}"
