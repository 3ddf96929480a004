#!/usr/bin/env bash
# Regenerates man/llmctl.1 from man/llmctl.1.in (hand-written sections) and the ArgumentParser
# definitions of the built binary (every command and option, via --experimental-dump-help).
#   scripts/generate-man.sh [path/to/llmctl]      default: $LLMCTL_BIN, else a fresh debug build
# Usually run through scripts/generate-docs.sh, which also regenerates the completions.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${LLMCTL_BIN:-}}"
if [ -z "$bin" ]; then
  swift build --product llmctl >&2
  bin="$(swift build --show-bin-path)/llmctl"
fi
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$bin" --experimental-dump-help > "$json"
version="$("$bin" --version | sed 's/^llmctl //')"

python3 - "$json" man/llmctl.1.in "$version" > man/llmctl.1.tmp <<'PY'
import json, sys

dump_path, template_path, version = sys.argv[1:4]
root = json.load(open(dump_path))["command"]

def esc(text):
    """Roff-safe text: backslashes escaped, no line starting with a control character."""
    text = (text or "").replace("\\", "\\e")
    lines = [("\\&" + l if l[:1] in (".", "'") else l) for l in text.split("\n")]
    return "\n".join(lines)

def opt(name):
    return "\\fB" + name.replace("-", "\\-") + "\\fR"

def flag_names(arg):
    prefix = {"short": "-", "long": "--", "longWithSingleDash": "-"}
    return [opt(prefix[n["kind"]] + n["name"]) for n in arg.get("names", [])]

def displayed(command):
    return [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]

def usage(path, command):
    parts = [" ".join(path)]
    if any(a["kind"] != "positional" for a in displayed(command)):
        parts.append("[\\fIoptions\\fR]")
    for a in displayed(command):
        if a["kind"] == "positional":
            value = "\\fI" + esc(a.get("valueName", "arg")) + "\\fR" + (" ..." if a.get("isRepeating") else "")
            parts.append("[" + value + "]" if a.get("isOptional") else value)
    if command.get("subcommands"):
        # The root runs on its own (REPL or ask); other groups need a subcommand.
        parts.append("[\\fIsubcommand\\fR]" if not path else "\\fIsubcommand\\fR")
    return " ".join(parts)

def visible_subcommands(command):
    return [c for c in command.get("subcommands", []) if c.get("shouldDisplay", True)]

def walk(command, path):
    yield path, command
    for sub in visible_subcommands(command):
        yield from walk(sub, path + [sub["commandName"]])

synopsis = []
sections = []
for path, command in walk(root, [root["commandName"]]):
    synopsis.append(".br\n.B " + path[0] + ("\n" + usage(path[1:], command) if len(path) > 1 else "\n" + usage([], command).strip()))
    title = " ".join(path)
    out = [".SS \"" + title + "\"" if len(path) > 1 else ".SH OPTIONS"]
    if len(path) > 1:
        out.append(esc(command.get("abstract", "")))
        if command.get("discussion"):
            out += [".PP", esc(command["discussion"])]
        out += [".PP", "Usage: " + usage(path, command)]
    else:
        out.append("Options of \\fBllmctl\\fR itself (the REPL, or one answer when stdin is piped):")
    for arg in displayed(command):
        if arg["kind"] == "positional":
            head = "\\fI" + esc(arg.get("valueName", "arg")) + "\\fR"
        else:
            head = ", ".join(flag_names(arg))
            if arg["kind"] == "option":
                head += " \\fI" + esc(arg.get("valueName", "value")) + "\\fR"
        text = esc(arg.get("abstract", ""))
        notes = []
        if arg.get("allValues"):
            notes.append("one of: " + ", ".join(esc(v) for v in arg["allValues"]))
        if arg.get("defaultValue") not in (None, "", "false") and arg["kind"] == "option":
            notes.append("default: " + esc(arg["defaultValue"]))
        if arg.get("isRepeating") and arg["kind"] != "flag":
            notes.append("repeatable")
        if notes:
            text += " (" + "; ".join(notes) + ")"
        out += [".TP", head, text]
    if len(path) == 1:
        out.append(".SH COMMANDS")
    sections.append("\n".join(out))

template = open(template_path).read()
synopsis_text = "\n".join(s for s in synopsis)
page = (template.replace("@VERSION@", version)
        .replace("@SYNOPSIS@", synopsis_text.removeprefix(".br\n"))
        .replace("@COMMANDS@", "\n".join(sections)))
sys.stdout.write(page)
PY
mv man/llmctl.1.tmp man/llmctl.1
echo "wrote man/llmctl.1" >&2
