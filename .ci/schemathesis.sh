#!/usr/bin/env bash
# The API against its own OpenAPI document: a bounded schemathesis run against a live
# `wismo serve` on a fresh SQLite database, then on a fresh PostgreSQL database. It fails on
# any 5xx and on any response whose status, content type or body the document does not
# declare.
#
# Usage: .ci/schemathesis.sh [sqlite] [postgres]      (both when none is named)
#   WISMO_BIN          the binary to test (default: `cargo build` and target/debug/wismo)
#   ST_MAX_EXAMPLES    test cases per operation and phase (default 40)
#   ST_MAX_TIME        seconds per backend (default 50)
#   ST_SEED            the random seed, to replay a run (default: a new one, printed)
#   ST_EXTRA_ARGS      more `st run` options, e.g. `--phases fuzzing`
#   WISMO_TEST_POSTGRES_URL  the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
set -euo pipefail
cd "$(dirname "$0")/.."

pg_url="${WISMO_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
max_examples="${ST_MAX_EXAMPLES:-40}"
max_time="${ST_MAX_TIME:-50}"
seed="${ST_SEED:-$RANDOM$RANDOM}"
backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(sqlite postgres)

command -v st >/dev/null 2>&1 || {
    echo "FATAL: schemathesis is not installed (pip install schemathesis)" >&2
    exit 1
}

if [ -n "${WISMO_BIN:-}" ]; then
    bin="$WISMO_BIN"
else
    cargo build -q -p wismo_server --bin wismo
    bin=target/debug/wismo
fi
[ -x "$bin" ] || {
    echo "FATAL: no wismo binary at $bin" >&2
    exit 1
}

work=$(mktemp -d)
server_pid=""
pg_db=""

stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

cleanup() {
    stop_server
    if [ -n "$pg_db" ]; then
        psql "$pg_url" -qc "drop database if exists $pg_db" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts wismo on `$1` (a database URL), with a store and its API key in $api_key.
start_server() {
    local database_url=$1 name=$2 port
    port=$(free_port)
    export WISMO_DATABASE_URL="$database_url"
    export WISMO_LISTEN="127.0.0.1:$port"
    export WISMO_PUBLIC_URL="http://127.0.0.1:$port"
    WISMO_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
    export WISMO_SECRET_KEY
    export RUST_LOG="${RUST_LOG:-warn}"
    "$bin" migrate >/dev/null
    api_key=$("$bin" store create --slug acme --name "Acme" --json |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["api_key"])')
    "$bin" serve --role web >"$work/$name.log" 2>&1 &
    server_pid=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do
        if curl -fsS "$base/readyz" >/dev/null 2>&1; then
            return
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.2
    done
    echo "FATAL: wismo did not start on $name" >&2
    cat "$work/$name.log" >&2
    exit 1
}

api() {
    local method=$1 path=$2 content_type=$3 body=$4
    curl -fsS -o /dev/null -X "$method" -H "Authorization: Bearer $api_key" \
        -H "Content-Type: $content_type" --data-binary "$body" "$base/api/v1$path"
}

# Data for the responses to carry before schemathesis adds its own: an order with two
# parcels (one with a scan, one without: fields that are null and fields that are not),
# branding, hosts and a logo.
seed_data() {
    api POST /orders application/json '{"order_number": "#1001", "external_id": "ext-1",
        "customer": {"name": "Ana Lima", "email": "ana@example.com", "phone": "+14155550100",
            "locale": "pt-BR", "timezone": "America/Sao_Paulo"},
        "destination": {"city": "Austin", "region": "TX", "postal_code": "78701", "country": "US"},
        "items": [{"name": "Mug", "quantity": 2, "sku": "MUG-1"}],
        "placed_at": "2026-01-02T10:00:00Z", "promised_date": "2026-01-09",
        "shipments": [{"tracking_number": "1Z999AA10123456784", "carrier": "ups", "service": "Ground"},
            {"tracking_number": "9400100000000000000000"}]}'
    api POST /shipments/1/events application/json '{"stage": "in_transit",
        "substatus": "departed_facility", "description": "Departed the facility",
        "location": "Austin, TX", "occurred_at": "2026-01-03T08:00:00-06:00"}'
    api PUT /store/branding application/json '{"primary_color": "#1a56db", "font": "serif",
        "header_message": "Thanks for your order", "support_email": "help@acme.example",
        "faq": [{"question": "Where is it?", "answer": "On its way."}],
        "footer_links": [{"label": "Returns", "url": "https://acme.example/returns"}],
        "link_expiry_days": 30}'
    api PUT /store/hosts application/json '{"domains": ["track.acme.example"],
        "widget_origins": ["https://acme.example"]}'
    api PUT /store/logo image/gif 'GIF89a'
}

run_schemathesis() {
    local name=$1
    echo "schemathesis on $name: seed $seed, at most $max_examples cases per operation, ${max_time}s"
    local rc=0
    # From the scratch directory: schemathesis keeps a crash cache in its working directory,
    # and each run starts without one. One worker: with more, hypothesis's ast.parse races
    # in CPython 3.11 ("AST constructor recursion depth mismatch").
    (cd "$work" && st run "$base/api/v1/openapi.json" \
        --header "Authorization: Bearer $api_key" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
        --max-examples "$max_examples" \
        --max-time "$max_time" \
        --seed "$seed" \
        --workers 1 \
        --request-timeout 10 \
        --generation-database none \
        --no-color \
        ${ST_EXTRA_ARGS:-}) || rc=$?
    if grep -q "panicked" "$work/$name.log"; then
        echo "the server panicked on $name:" >&2
        grep -A5 "panicked" "$work/$name.log" >&2
        rc=1
    fi
    if [ $rc -ne 0 ]; then
        echo "the server's log on $name, last errors:" >&2
        grep -E "ERROR|WARN" "$work/$name.log" | tail -n 20 >&2 || true
    fi
    return $rc
}

failed=()
for backend in "${backends[@]}"; do
    case "$backend" in
        sqlite)
            start_server "sqlite://$work/wismo.db" sqlite
            ;;
        postgres)
            pg_db="wismo_schemathesis_$$"
            PGOPTIONS=--client-min-messages=warning psql "$pg_url" -qc "drop database if exists $pg_db" >/dev/null
            psql "$pg_url" -qc "create database $pg_db" >/dev/null
            start_server "${pg_url%/*}/$pg_db" postgres
            ;;
        *)
            echo "unknown backend $backend: sqlite or postgres" >&2
            exit 2
            ;;
    esac
    seed_data
    run_schemathesis "$backend" || failed+=("$backend")
    stop_server
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "schemathesis failed on: ${failed[*]} (replay with ST_SEED=$seed)" >&2
    exit 1
fi
echo "schemathesis passed on: ${backends[*]}"
