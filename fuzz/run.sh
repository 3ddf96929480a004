#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs each for FUZZ_SECONDS (default 60), FUZZ_JOBS at a time
# (default 2), under nice. Seeds are fuzz/corpus/<target> (committed); what the fuzzer grows goes to
# fuzz/.work/<target>; a crashing input is written to fuzz/crashes/ and the run fails.
#   make fuzz FUZZ_SECONDS=600
set -uo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
jobs="${FUZZ_JOBS:-2}"
targets=(fuzz-sse fuzz-ndjson fuzz-eventstream fuzz-json fuzz-stream-decoders fuzz-error-paths)
swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library >&2 || exit 1
bin="$(swift build -c release --show-bin-path)"
mkdir -p crashes logs
run() {
  local target="$1"
  mkdir -p ".work/$target"
  nice -n 19 "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="crashes/$target-" ".work/$target" "corpus/$target" > "logs/$target.log" 2>&1
  local status=$?
  local runs; runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$target.log" | grep -o '[0-9]*$')"
  local cov; cov="$(grep -o 'cov: [0-9]*' "logs/$target.log" | tail -1)"
  if [ "$status" -eq 0 ]; then echo "$target: ${runs:-?} runs, $cov, no finding"; else echo "$target: FINDING (exit $status), see fuzz/logs/$target.log"; fi
  return "$status"
}
failed=0
pids=()
for target in "${targets[@]}"; do
  run "$target" & pids+=($!)
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
