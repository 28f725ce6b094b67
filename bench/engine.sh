#!/usr/bin/env bash
# The tracking engine (examples/engine_bench/): claiming due shipments among 1M active ones
# on SQLite and PostgreSQL (when it answers), event-pipeline throughput next to raw inserts,
# the worker polling the sandbox carrier on a simulated clock next to fixed 2-hour polling
# (realistic delivery hours, around the clock, and with a share of parcels on push),
# and delivery-estimate accuracy. A few minutes in all on 2 cores.
# Usage: bench/engine.sh [ACTIVE] [EVENTS] [SHIPMENTS] [JOURNEYS]
set -euo pipefail
cd "$(dirname "$0")/.."
active=${1:-1000000}
events=${2:-200000}
shipments=${3:-1000}
journeys=${4:-3000}
pg=${WISMO_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
cargo build --release --example engine_bench -q
bin=${CARGO_TARGET_DIR:-target}/release/examples/engine_bench

"$bin" claim --db sqlite --active "$active" --batch 500 --rounds 20
if psql "$pg" -qAtc 'select 1' >/dev/null 2>&1; then
    "$bin" claim --db postgres --postgres-url "$pg" --active "$active" --batch 500 --rounds 20
else
    echo "PostgreSQL not reachable at $pg: claim on PostgreSQL skipped"
fi
"$bin" ingest --events "$events" --batch 10 --breakdown 20000
# Realistic delivery hours (the goal), around the clock (stress, reported only), and a
# third of the parcels fed by push webhooks (the calls push saves).
"$bin" simulate --shipments "$shipments" --step-minutes 5 --days 12 --timing realistic
"$bin" simulate --shipments "$shipments" --step-minutes 5 --days 12 --timing around-the-clock --policies adaptive
"$bin" simulate --shipments "$shipments" --step-minutes 5 --days 12 --timing realistic --policies adaptive --push-share 0.3
"$bin" estimate --shipments "$journeys" --warmup 200
