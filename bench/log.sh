#!/usr/bin/env bash
# Conversation-log benchmarks (issue 11), release build against MockProviders on loopback:
#   1. what logging adds to `llmctl ask`: hyperfine, the same ask with the log on and off (LLMCTL_LOG=0),
#      median difference; plus instruction counts of one ask each way (callgrind, the stable figure);
#   2. one exchange's commit in-process (open log, insert, commit), median and p95 over 2,000;
#   3. `llmctl log stats` over 100,000 logged exchanges (5 models): median wall time.
# Figures go to bench/out/log.json and are summarised on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-200}
ROWS=${ROWS:-100000}
mkdir -p bench/out
for product in llmctl mock-providers llmctl-bench-log; do
  swift build -c release --static-swift-stdlib --product "$product" >/dev/null
done
BIN=$(swift build -c release --static-swift-stdlib --show-bin-path)
WORK=$(mktemp -d)
"$BIN/mock-providers" --port 0 --tokens 20 --quiet > "$WORK/mock.log" &
MOCK=$!
trap 'kill $MOCK 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do grep -q listening "$WORK/mock.log" && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$WORK/mock.log")
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/data" OPENAI_API_KEY=sk-bench OPENAI_BASE_URL="$URL/v1"
mkdir -p "$HOME"
ASK="$BIN/llmctl ask -m openai:gpt-4o-mini bench"

# 1. ask with and without the log (the log grows by RUNS+warmup rows, as in daily use).
hyperfine -N --warmup 5 --runs "$RUNS" --export-json "$WORK/ask.json" \
  -n "log off" "env LLMCTL_LOG=0 $ASK" -n "log on" "$ASK" >/dev/null
if command -v valgrind >/dev/null; then
  # valgrind cannot read the static binary's debug info: count a stripped copy (same code).
  strip -o "$WORK/llmctl" "$BIN/llmctl"
  instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" "$@" >/dev/null 2>"$WORK/cg.err"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/cg.err"
  }
  # The log exists by now (hyperfine wrote it), as in daily use.
  OFF_I=$(LLMCTL_LOG=0 instructions "$WORK/llmctl" ask -m openai:gpt-4o-mini bench)
  ON_I=$(instructions "$WORK/llmctl" ask -m openai:gpt-4o-mini bench)
else
  OFF_I=null ON_I=null
fi

# 2. one commit in-process, on its own log.
"$BIN/llmctl-bench-log" record "$WORK/commits.db" 2000 > "$WORK/record.json"

# 3. log stats over ROWS exchanges.
STATS_DB="$WORK/stats/llmctl/logs.db"
"$BIN/llmctl-bench-log" fill "$STATS_DB" "$ROWS" >/dev/null
XDG_DATA_HOME="$WORK/stats" hyperfine -N --warmup 2 --runs 20 --export-json "$WORK/stats.json" \
  -n "log stats" "$BIN/llmctl log stats" >/dev/null

python3 - "$WORK" "$OFF_I" "$ON_I" "$ROWS" <<'PY'
import json, sys
work, off_i, on_i, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ask = {r["command"]: r for r in json.load(open(f"{work}/ask.json"))["results"]}
stats = json.load(open(f"{work}/stats.json"))["results"][0]
record = json.load(open(f"{work}/record.json"))
off, on = ask["log off"]["median"] * 1000, ask["log on"]["median"] * 1000
out = {
    "ask_median_ms_log_off": round(off, 3), "ask_median_ms_log_on": round(on, 3),
    "ask_logging_adds_ms": round(on - off, 3),
    "ask_instructions_log_off": None if off_i == "null" else int(off_i),
    "ask_instructions_log_on": None if on_i == "null" else int(on_i),
    "commit_median_us": round(record["median_us"], 1), "commit_p95_us": round(record["p95_us"], 1),
    "log_stats_rows": rows, "log_stats_median_ms": round(stats["median"] * 1000, 1),
    "log_stats_max_ms": round(max(stats["times"]) * 1000, 1),
}
json.dump(out, open("bench/out/log.json", "w"), indent=2)
print(json.dumps(out, indent=2))
PY
