#!/bin/bash
# Benchmarks lxc-ts against real LXC 5 in one run and prints the ratios (ours / LXC).
#   bench/compare.sh [--quick] [PREFIX]
# PREFIX is where `make install PREFIX=...` put our tools (default: build/bench-prefix, built
# and installed here). Real LXC (apt-get install lxc) must be in /usr/bin; hyperfine is needed.
# The measuring itself is done by ../shared/tools/lxc-bench.sh, once per implementation.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=()
[ "${1:-}" = "--quick" ] && { QUICK=(--quick); shift; }
PREFIX=${1:-$(pwd)/build/bench-prefix}
BENCH=../shared/tools/lxc-bench.sh
[ -x "$BENCH" ] || { echo "bench: $BENCH not found" >&2; exit 1; }
[ -x /usr/bin/lxc-start ] || { echo "bench: real LXC is not installed (apt-get install lxc)" >&2; exit 1; }
command -v hyperfine >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
if [ $# -eq 0 ]; then make -s all && make -s install PREFIX="$PREFIX"; fi
OUT=$(mktemp -d /tmp/lxcts-bench-XXXXXX)
trap 'rm -rf "$OUT"' EXIT
echo "# LXC 5 (/usr/bin)" >&2
PATH=/usr/bin:/bin:/usr/sbin:/sbin "$BENCH" "${QUICK[@]}" --label "LXC $(/usr/bin/lxc-start --version)" >"$OUT/lxc.txt"
echo "# lxc-ts ($PREFIX/bin)" >&2
"$BENCH" "${QUICK[@]}" --bin "$PREFIX/bin" --label "lxc-ts" --compare "$OUT/lxc.txt" >"$OUT/ours.txt"
cat "$OUT/ours.txt"
