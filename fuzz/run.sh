#!/usr/bin/env bash
# Runs each fuzz target for a set time, one after another at nice 19, then minimizes each
# corpus, and reports per target the executions and the findings (crashes, timeouts, OOMs).
#
#   fuzz/run.sh [seconds-per-target] [target ...]
#
# Defaults: 60 seconds, every target in crates/wismo_fuzz's TARGETS order (what carriers and
# aggregators send first). Findings land in fuzz/artifacts/<target>/; logs in fuzz/logs/.
# Environment: FUZZ_SANITIZER (default `none`; `address` needs nightly features, so
# RUSTC_BOOTSTRAP=1 is set for it), CMIN=0 to keep the corpora as the run left them (by
# default each is minimized to a set cover of its edges).
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ups fedex usps dhl easypost aftership seventeen_track webhook_signature detect
        api_order api_shipment api_shipment_patch api_event api_branding api_hosts csv_import)
fi

sanitizer="${FUZZ_SANITIZER:-none}"
if [ "$sanitizer" != none ]; then
    export RUSTC_BOOTSTRAP=1
fi
# The same flags for build, run and cmin, so nothing is rebuilt between them: release with
# overflow checks and debug assertions, as a test build panics.
flags=(-O -a -s "$sanitizer" --codegen-units 16)

nice -n 19 cargo fuzz build "${flags[@]}"

mkdir -p logs artifacts
summary="logs/summary-$(date -u +%Y%m%dT%H%M%SZ).txt"
printf '%-20s %12s %8s %8s %8s %6s\n' target executions crashes timeouts ooms corpus | tee "$summary"
failed=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    count() { find "artifacts/$target" -maxdepth 1 -name "$1-*" | wc -l; }
    before=("$(count crash)" "$(count timeout)" "$(count oom)")
    extra=()
    case "$target" in
        detect | webhook_signature) ;;
        *) extra+=(-dict=json.dict) ;;
    esac
    log="logs/$target.log"
    nice -n 19 cargo fuzz run "${flags[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 || failed=1
    if [ "${CMIN:-1}" != 0 ]; then
        # Edges only (no hit counts) and a greedy set cover: the committed corpus stays small.
        nice -n 19 cargo fuzz cmin "${flags[@]}" "$target" "corpus/$target" -- \
            -set_cover_merge=1 -use_counters=0 >"logs/$target.cmin.log" 2>&1 || failed=1
    fi
    executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    printf '%-20s %12s %8s %8s %8s %6s\n' "$target" "${executions:-?}" \
        $(($(count crash) - before[0])) $(($(count timeout) - before[1])) $(($(count oom) - before[2])) \
        "$(find "corpus/$target" -type f | wc -l)" | tee -a "$summary"
done
if [ "$failed" != 0 ]; then
    echo "some target stopped on a finding; see fuzz/logs/<target>.log and fuzz/artifacts/" | tee -a "$summary"
fi
exit "$failed"
