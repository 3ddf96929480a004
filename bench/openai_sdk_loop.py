#!/usr/bin/env python3
"""N streamed chat requests one after another with the official OpenAI Python SDK and one client
(a warm client, like llmctl's engine in `llmctl-bench-engine --sequential N`). Prints JSON medians.

Usage: openai_sdk_loop.py N [tokens]      (OPENAI_BASE_URL and OPENAI_API_KEY from the environment)
With N = 1 and --print it is the SDK's `llmctl ask`: one streamed reply printed as it arrives.
"""
import json, statistics, sys, time
from openai import OpenAI

def main():
    args = [a for a in sys.argv[1:] if a != "--print"]
    printing = "--print" in sys.argv
    count = int(args[0]) if args else 20
    tokens = int(args[1]) if len(args) > 1 else 200
    client = OpenAI()
    firsts, totals = [], []
    for _ in range(count):
        start = time.perf_counter()
        first = None
        stream = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "bench"}], stream=True,
            stream_options={"include_usage": True}, max_tokens=tokens)
        for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                if first is None:
                    first = time.perf_counter()
                if printing:
                    sys.stdout.write(chunk.choices[0].delta.content)
                    sys.stdout.flush()
        end = time.perf_counter()
        firsts.append(((first or end) - start) * 1000)
        totals.append((end - start) * 1000)
    if printing:
        sys.stdout.write("\n")
        return
    print(json.dumps({"requests": count, "ttft_ms_median": round(statistics.median(firsts), 3),
                      "total_ms_median": round(statistics.median(totals), 3)}, sort_keys=True))

main()
