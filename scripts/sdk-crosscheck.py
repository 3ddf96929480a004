#!/usr/bin/env python3
"""Cross-checks llmctl against the official provider SDKs, both talking to MockProviders.

For each provider the same two requests go through the SDK and through `llmctl ask --json`:
  - a request offering a tool (the mock calls it): tool name, call arguments and finish reason;
  - a reasoning request with prompt-cache counts (mock: --cache-read 100 --cache-write 20):
    reasoning text, answer text and every usage count, mapped as the man page documents
    (input counts cached prompt tokens, output counts reasoning tokens).
Each is checked streamed and not streamed on the SDK side. Prints one line per check and exits
non-zero if any differs.

Usage: scripts/sdk-crosscheck.py [--llmctl PATH] [--mock PATH]
Needs: pip install openai anthropic google-genai ollama boto3
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAILURES = []


def check(label, ours, theirs):
    ok = ours == theirs
    print(f"{'ok  ' if ok else 'DIFF'} {label}: llmctl={ours!r} sdk={theirs!r}")
    if not ok:
        FAILURES.append(label)


def start_mock(path):
    proc = subprocess.Popen([path, "--port", "0", "--quiet", "--cache-read", "100", "--cache-write", "20"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    return proc, line.rsplit(" ", 1)[-1]


def llmctl(binary, env, args):
    full = dict(os.environ, HOME=tempfile.mkdtemp(), LLMCTL_LOG="0", **env)
    for key in list(full):
        if key.startswith(("OPENAI_", "ANTHROPIC_", "GEMINI_", "GOOGLE_", "AWS_", "AZURE_", "OLLAMA_")) and key not in env:
            del full[key]
    out = subprocess.run([binary, "ask", "--json", *args], env=full, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise SystemExit(f"llmctl failed: {out.stderr}")
    return json.loads(out.stdout)


TOOL = {"name": "get_weather", "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}


def ours_tool(binary, env, model):
    path = os.path.join(tempfile.mkdtemp(), "tool.json")
    with open(path, "w") as f:
        json.dump(TOOL, f)
    result = llmctl(binary, env, ["--tool", path, "-m", model, "weather in Paris?"])
    call = result["tool_calls"][0]
    return call["name"], call["arguments"], result["finish_reason"]


def ours_reasoning(binary, env, model):
    result = llmctl(binary, env, ["--reasoning", "low", "-m", model, "question"])
    return result["reasoning"], result["text"], result["usage"]


def openai_checks(binary, base):
    import openai
    client = openai.OpenAI(base_url=base + "/v1", api_key="sk-cross")
    env = {"OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": "sk-cross"}
    tools = [{"type": "function", "function": TOOL}]
    for stream in (False, True):
        if stream:
            calls, finish = {}, None
            for chunk in client.chat.completions.create(model="gpt-4o-mini", tools=tools, stream=True,
                                                        messages=[{"role": "user", "content": "weather in Paris?"}]):
                for choice in chunk.choices:
                    for piece in choice.delta.tool_calls or []:
                        entry = calls.setdefault(piece.index, {"name": "", "arguments": ""})
                        entry["name"] += piece.function.name or ""
                        entry["arguments"] += piece.function.arguments or ""
                    finish = choice.finish_reason or finish
            name, arguments = calls[0]["name"], json.loads(calls[0]["arguments"])
        else:
            reply = client.chat.completions.create(model="gpt-4o-mini", tools=tools,
                                                   messages=[{"role": "user", "content": "weather in Paris?"}])
            call = reply.choices[0].message.tool_calls[0]
            name, arguments, finish = call.function.name, json.loads(call.function.arguments), reply.choices[0].finish_reason
        check(f"openai tool call (sdk stream={stream})", ours_tool(binary, env, "openai:gpt-4o-mini"), (name, arguments, finish))
    reply = client.chat.completions.create(model="gpt-4o-mini", reasoning_effort="low",
                                           messages=[{"role": "user", "content": "question"}])
    u = reply.usage
    reasoning, text, usage = ours_reasoning(binary, env, "openai:gpt-4o-mini")
    check("openai reasoning + text", (reasoning, text),
          (reply.choices[0].message.model_extra.get("reasoning_content"), reply.choices[0].message.content))
    check("openai usage", usage, {
        "input_tokens": u.prompt_tokens, "output_tokens": u.completion_tokens, "total_tokens": u.total_tokens,
        "cached_input_tokens": u.prompt_tokens_details.cached_tokens, "cache_write_tokens": None,
        "reasoning_tokens": u.completion_tokens_details.reasoning_tokens})


def anthropic_checks(binary, base):
    import anthropic
    client = anthropic.Anthropic(base_url=base, api_key="sk-ant-cross")
    env = {"ANTHROPIC_BASE_URL": base, "ANTHROPIC_API_KEY": "sk-ant-cross"}
    tools = [{"name": TOOL["name"], "description": TOOL["description"], "input_schema": TOOL["parameters"]}]
    messages = [{"role": "user", "content": "weather in Paris?"}]
    for stream in (False, True):
        if stream:
            with client.messages.stream(model="claude-sonnet-4-5", max_tokens=1024, tools=tools, messages=messages) as s:
                reply = s.get_final_message()
        else:
            reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, tools=tools, messages=messages)
        call = next(b for b in reply.content if b.type == "tool_use")
        check(f"anthropic tool call (sdk stream={stream})", ours_tool(binary, env, "anthropic:claude-sonnet-4-5"),
              (call.name, call.input, reply.stop_reason))
    with client.messages.stream(model="claude-sonnet-4-5", max_tokens=5120,
                                thinking={"type": "enabled", "budget_tokens": 1024},
                                messages=[{"role": "user", "content": "question"}]) as s:
        reply = s.get_final_message()
    u = reply.usage
    thinking = "".join(b.thinking for b in reply.content if b.type == "thinking")
    text = "".join(b.text for b in reply.content if b.type == "text")
    reasoning, ours_text, usage = ours_reasoning(binary, env, "anthropic:claude-sonnet-4-5")
    check("anthropic reasoning + text", (reasoning, ours_text), (thinking, text))
    total_input = u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens
    check("anthropic usage", usage, {
        "input_tokens": total_input, "output_tokens": u.output_tokens, "total_tokens": total_input + u.output_tokens,
        "cached_input_tokens": u.cache_read_input_tokens, "cache_write_tokens": u.cache_creation_input_tokens,
        "reasoning_tokens": None})


def gemini_checks(binary, base):
    from google import genai
    from google.genai import types
    client = genai.Client(api_key="gem-cross", http_options=types.HttpOptions(base_url=base))
    env = {"GOOGLE_GEMINI_BASE_URL": base, "GEMINI_API_KEY": "gem-cross"}
    tool = types.Tool(function_declarations=[types.FunctionDeclaration(
        name=TOOL["name"], description=TOOL["description"], parameters_json_schema=TOOL["parameters"])])
    config = types.GenerateContentConfig(tools=[tool], automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True))
    for stream in (False, True):
        if stream:
            chunks = list(client.models.generate_content_stream(model="gemini-2.5-flash", contents="weather in Paris?", config=config))
            calls = [c for chunk in chunks for c in (chunk.function_calls or [])]
            finish = chunks[-1].candidates[0].finish_reason
        else:
            reply = client.models.generate_content(model="gemini-2.5-flash", contents="weather in Paris?", config=config)
            calls, finish = reply.function_calls, reply.candidates[0].finish_reason
        check(f"gemini tool call (sdk stream={stream})", ours_tool(binary, env, "gemini:gemini-2.5-flash"),
              (calls[0].name, calls[0].args, finish.value if hasattr(finish, "value") else finish))
    thinking = types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024, include_thoughts=True))
    reply = client.models.generate_content(model="gemini-2.5-flash", contents="question", config=thinking)
    parts = reply.candidates[0].content.parts
    u = reply.usage_metadata
    reasoning, text, usage = ours_reasoning(binary, env, "gemini:gemini-2.5-flash")
    check("gemini reasoning + text", (reasoning, text),
          ("".join(p.text for p in parts if p.thought), "".join(p.text for p in parts if not p.thought)))
    check("gemini usage", usage, {
        "input_tokens": u.prompt_token_count, "output_tokens": u.candidates_token_count + (u.thoughts_token_count or 0),
        "total_tokens": u.total_token_count, "cached_input_tokens": u.cached_content_token_count,
        "cache_write_tokens": None, "reasoning_tokens": u.thoughts_token_count})


def bedrock_checks(binary, base):
    import boto3
    client = boto3.client("bedrock-runtime", region_name="us-east-1", endpoint_url=base,
                          aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    env = {"AWS_ENDPOINT_URL_BEDROCK_RUNTIME": base, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
           "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
    model = "anthropic.claude-3-7-sonnet-20250219-v1:0"
    tool_config = {"tools": [{"toolSpec": {"name": TOOL["name"], "description": TOOL["description"],
                                           "inputSchema": {"json": TOOL["parameters"]}}}]}
    messages = [{"role": "user", "content": [{"text": "weather in Paris?"}]}]
    for stream in (False, True):
        if stream:
            name, arguments, finish = "", "", None
            for event in client.converse_stream(modelId=model, messages=messages, toolConfig=tool_config)["stream"]:
                if "contentBlockStart" in event:
                    name = event["contentBlockStart"]["start"]["toolUse"]["name"]
                if "contentBlockDelta" in event and "toolUse" in event["contentBlockDelta"]["delta"]:
                    arguments += event["contentBlockDelta"]["delta"]["toolUse"]["input"]
                if "messageStop" in event:
                    finish = event["messageStop"]["stopReason"]
            theirs = (name, json.loads(arguments), finish)
        else:
            reply = client.converse(modelId=model, messages=messages, toolConfig=tool_config)
            use = next(b["toolUse"] for b in reply["output"]["message"]["content"] if "toolUse" in b)
            theirs = (use["name"], use["input"], reply["stopReason"])
        check(f"bedrock tool call (sdk stream={stream})", ours_tool(binary, env, "bedrock:" + model), theirs)
    reply = client.converse(modelId=model, messages=[{"role": "user", "content": [{"text": "question"}]}],
                            inferenceConfig={"maxTokens": 5120},
                            additionalModelRequestFields={"thinking": {"type": "enabled", "budget_tokens": 1024}})
    blocks = reply["output"]["message"]["content"]
    u = reply["usage"]
    reasoning, text, usage = ours_reasoning(binary, env, "bedrock:" + model)
    check("bedrock reasoning + text", (reasoning, text),
          ("".join(b["reasoningContent"]["reasoningText"]["text"] for b in blocks if "reasoningContent" in b),
           "".join(b["text"] for b in blocks if "text" in b)))
    total_input = u["inputTokens"] + u.get("cacheReadInputTokens", 0) + u.get("cacheWriteInputTokens", 0)
    check("bedrock usage", usage, {
        "input_tokens": total_input, "output_tokens": u["outputTokens"], "total_tokens": u["totalTokens"],
        "cached_input_tokens": u.get("cacheReadInputTokens"), "cache_write_tokens": u.get("cacheWriteInputTokens"),
        "reasoning_tokens": None})


def ollama_checks(binary, base):
    import ollama
    client = ollama.Client(host=base)
    env = {"OLLAMA_HOST": base}
    tools = [{"type": "function", "function": TOOL}]
    for stream in (False, True):
        if stream:
            calls = [c for part in client.chat(model="qwen3", messages=[{"role": "user", "content": "weather in Paris?"}],
                                               tools=tools, stream=True) for c in (part.message.tool_calls or [])]
        else:
            calls = client.chat(model="qwen3", messages=[{"role": "user", "content": "weather in Paris?"}], tools=tools).message.tool_calls
        check(f"ollama tool call (sdk stream={stream})", ours_tool(binary, env, "ollama:qwen3"),
              (calls[0].function.name, dict(calls[0].function.arguments), "stop"))
    reply = client.chat(model="qwen3", messages=[{"role": "user", "content": "question"}], think=True)
    reasoning, text, usage = ours_reasoning(binary, env, "ollama:qwen3")
    check("ollama reasoning + text", (reasoning, text), (reply.message.thinking, reply.message.content))
    check("ollama usage", usage, {
        "input_tokens": reply.prompt_eval_count, "output_tokens": reply.eval_count,
        "total_tokens": reply.prompt_eval_count + reply.eval_count, "cached_input_tokens": None,
        "cache_write_tokens": None, "reasoning_tokens": None})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--llmctl", default=os.path.join(ROOT, ".build/debug/llmctl"))
    parser.add_argument("--mock", default=os.path.join(ROOT, ".build/debug/mock-providers"))
    args = parser.parse_args()
    proc, base = start_mock(args.mock)
    try:
        for run in (openai_checks, anthropic_checks, gemini_checks, bedrock_checks, ollama_checks):
            run(args.llmctl, base)
    finally:
        proc.terminate()
    print(f"{len(FAILURES)} difference(s)" if FAILURES else "all checks agree")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
