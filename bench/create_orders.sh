#!/usr/bin/env bash
# Create-order throughput through the HTTP API: 10k orders of one shipment, on SQLite and
# on PostgreSQL (when it answers). Usage: bench/create_orders.sh [ORDERS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-10000}
concurrency=${2:-16}
pg=${WISMO_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
cargo build --release --example bench_api -q
bin=target/release/examples/bench_api
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$bin" create-orders --database-url "sqlite://$dir/bench.db" --orders "$orders" --concurrency "$concurrency"

if psql "$pg" -qAtc 'select 1' >/dev/null 2>&1; then
    db="wismo_bench_$$"
    psql "$pg" -qc "create database $db" >/dev/null
    "$bin" create-orders --database-url "${pg%/*}/$db" --orders "$orders" --concurrency "$concurrency"
    psql "$pg" -qc "drop database $db" >/dev/null
else
    echo "PostgreSQL not reachable at $pg: skipped"
fi
