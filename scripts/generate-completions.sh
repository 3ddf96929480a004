#!/usr/bin/env bash
# Regenerates completions/ (bash, zsh, fish) from the ArgumentParser definitions of the built binary.
#   scripts/generate-completions.sh [path/to/llmctl]   default: $LLMCTL_BIN, else a fresh debug build
# Usually run through scripts/generate-docs.sh, which also regenerates the man page.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${LLMCTL_BIN:-}}"
if [ -z "$bin" ]; then
  swift build --product llmctl >&2
  bin="$(swift build --show-bin-path)/llmctl"
fi
mkdir -p completions
"$bin" --generate-completion-script bash > completions/llmctl.bash
"$bin" --generate-completion-script zsh > completions/_llmctl
"$bin" --generate-completion-script fish > completions/llmctl.fish
echo "wrote completions/llmctl.bash completions/_llmctl completions/llmctl.fish" >&2
