#!/usr/bin/env bash
# /t/{token} requests/s and latency at 32 connections with 100k shipments stored (SQLite),
# loaded by wrk with random tokens. Usage: bench/tracking_page.sh [SHIPMENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
shipments=${1:-100000}
seconds=${2:-20}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release --example bench_api -q
dir=$(mktemp -d)
port=18181
target/release/examples/bench_api seed-and-serve --database-url "sqlite://$dir/bench.db" \
    --shipments "$shipments" --tokens "$dir/tokens.txt" --listen "127.0.0.1:$port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
until [ -s "$dir/tokens.txt" ] && curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 1; done
echo "seeded $(wc -l <"$dir/tokens.txt") shipments; loading /t/{token} for ${seconds}s at 32 connections"
WISMO_TOKENS="$dir/tokens.txt" wrk -t2 -c32 -d"${seconds}s" --latency -s bench/tracking_page.lua "http://127.0.0.1:$port"
