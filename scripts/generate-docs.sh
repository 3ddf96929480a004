#!/usr/bin/env bash
# Regenerates everything derived from the command-line definitions: completions/ and man/llmctl.1.
# Run it after adding or changing a command or option; the DocsTests fail until you do.
#   scripts/generate-docs.sh [path/to/llmctl]      default: $LLMCTL_BIN, else a fresh debug build
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${LLMCTL_BIN:-}}"
if [ -z "$bin" ]; then
  swift build --product llmctl >&2
  bin="$(swift build --show-bin-path)/llmctl"
fi
scripts/generate-completions.sh "$bin"
scripts/generate-man.sh "$bin"
