#!/usr/bin/env bash
# CSV import throughput: generates a file of ROWS rows (default 100,000; one order in ten
# has a second parcel, one in twenty is not shipped yet) and times `wismo import orders`
# (release build) on SQLite, a first import and the same file again (nothing new), then
# the same on PostgreSQL when it answers. Reports rows per second; the goal is at least
# 5,000 on SQLite. Usage: bench/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
pg=${WISMO_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
cargo build --release --bin wismo -q
bin=$PWD/target/release/wismo
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export WISMO_SECRET_KEY=dGVzdC1rZXktZm9yLXNlYWxlZC1zZWNyZXRzLTMyYiE= RUST_LOG=warn

python3 - "$rows" >"$dir/orders.csv" <<'PY'
import sys
rows = int(sys.argv[1])
print("order_number,customer_name,email,phone,locale,city,region,postal_code,country,carrier,tracking_number,items")
n = order = 0
while n < rows:
    order += 1
    parcels = 0 if order % 20 == 0 else (2 if order % 10 == 0 else 1)
    for p in range(max(parcels, 1)):
        if n == rows:
            break
        tracking = f"BENCH{order:08d}{p}" if parcels else ""
        carrier = "ups" if parcels else ""
        print(f"#{order},Customer {order},c{order}@example.com,+1415555{order % 10000:04d},en,Portland,OR,97201,US,"
              f"{carrier},{tracking},Espresso beans x 2; Mug")
        n += 1
PY

bench() {
    local db=$1 name=$2
    "$bin" --database-url "$db" store create --slug bench --name Bench >/dev/null
    for run in first again; do
        start=$(date +%s.%N)
        "$bin" --database-url "$db" import orders --store bench "$dir/orders.csv" >"$dir/out.txt"
        end=$(date +%s.%N)
        python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); r=int(sys.argv[3]); print(f'$name, $run import: {r} rows in {s:.2f} s = {r/s:,.0f} rows/s')" "$start" "$end" "$rows"
        cat "$dir/out.txt"
    done
}

bench "sqlite://$dir/bench.db" SQLite
if psql "$pg" -qAtc 'select 1' >/dev/null 2>&1; then
    name="wismo_bench_import_$$"
    psql "$pg" -qc "create database $name" >/dev/null
    bench "${pg%/*}/$name" PostgreSQL
    psql "$pg" -qc "drop database $name" >/dev/null
else
    echo "PostgreSQL not reachable at $pg: skipped"
fi
