#!/usr/bin/env bash
# Installs the Debian packages llmctl needs, only when missing (idempotent, quick when present).
#   scripts/install-deps.sh          build/run: libcurl, libedit and SQLite headers
#   scripts/install-deps.sh --test   also what the tests and benchmarks use (tmux, hyperfine, curl, nghttpd)
set -euo pipefail
packages=(libcurl4-openssl-dev libedit-dev libsqlite3-dev pkg-config)
if [ "${1:-}" = "--test" ]; then packages+=(tmux hyperfine curl python3 nghttp2-server openssl); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq </dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
