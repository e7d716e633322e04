#!/bin/sh
# Runs every fuzz target (or those named as arguments) one after another, each for
# $FUZZ_SECONDS seconds (default 600), politely: lowest CPU priority, one job, one worker.
# Logs go to fuzz/logs/<target>.log; the last line of each is libFuzzer's final stats line.
#
#   fuzz/run-all.sh                      # all targets, 10 minutes each
#   FUZZ_SECONDS=60 fuzz/run-all.sh document_json manifest_json
#
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain
# accept them (see docs/fuzzing.md).
set -eu
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-600}"
export RUSTC_BOOTSTRAP=1
mkdir -p logs
python3 seed-corpora.py > /dev/null
if [ "$#" -eq 0 ]; then
    set -- $(cargo fuzz list)
fi
nice -n 19 cargo fuzz build
for target in "$@"; do
    echo "== $target ($seconds s)"
    status=0
    rm -f fuzz-0.log
    nice -n 19 cargo fuzz run "$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -jobs=1 -workers=1 -print_final_stats=1 \
        > "logs/$target.log" 2>&1 || status=$?
    # With -jobs, the job writes to fuzz-0.log, which libFuzzer copies into its own output
    # (so into logs/$target.log) when the job ends.
    rm -f fuzz-0.log
    grep -E '^#[0-9]+.*(DONE|cov:)' "logs/$target.log" | tail -n 1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "logs/$target.log" || true
    if [ "$status" -ne 0 ]; then
        echo "   $target stopped with status $status; see fuzz/logs/$target.log and fuzz/artifacts/$target/"
    fi
done
