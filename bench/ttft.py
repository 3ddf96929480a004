#!/usr/bin/env python3
"""Time to first token for a command, measured the same way for llmctl and curl.

Spawns the command N times and records, per run, the time from spawn to the first output byte that
carries reply text (for llmctl: any stdout byte; for raw SSE from curl: the first line with non-empty
"content"), and the total wall time. Prints JSON with medians.
"""
import json, os, statistics, subprocess, sys, time

def first_token(cmd, sse, env):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, bufsize=0)
    first = None
    buffer = b""
    fd = proc.stdout.fileno()
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        if first is None:
            if not sse:
                first = time.perf_counter()
            else:
                buffer += chunk
                for line in buffer.split(b"\n"):
                    if b'"content":"' in line and b'"content":""' not in line:
                        first = time.perf_counter()
                        break
    proc.wait()
    end = time.perf_counter()
    return ((first or end) - start) * 1000, (end - start) * 1000

def main():
    runs = int(sys.argv[1]); sse = sys.argv[2] == "sse"; cmd = sys.argv[3:]
    env = dict(os.environ)
    for _ in range(3):
        first_token(cmd, sse, env)  # warm-up: page cache, server threads
    samples = [first_token(cmd, sse, env) for _ in range(runs)]
    print(json.dumps({"runs": runs, "ttft_ms_median": round(statistics.median(s[0] for s in samples), 3),
                      "wall_ms_median": round(statistics.median(s[1] for s in samples), 3)}))

main()
