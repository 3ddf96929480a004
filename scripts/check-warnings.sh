#!/usr/bin/env bash
# Fails when a build log shows a compiler warning in the project's own code (dependencies are not ours).
set -euo pipefail
log="$1"
if grep -E "^/[^ ]*/(Sources|Tests)/[^ ]*: warning:" "$log" | grep -v "/.build" | sort -u | grep .; then
  echo "error: the build has warnings (see above); llmctl builds warning-free" >&2
  exit 1
fi
