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
# Our run sees our tools and, for every LXC tool lxc-ts does not have yet (lxc-copy,
# lxc-snapshot, lxc-execute, ...), a stub that fails: otherwise the bench would time real
# LXC's tool on our containers, and leave behind containers our lxc-destroy cannot remove.
mkdir "$OUT/bin"
for t in /usr/bin/lxc-*; do
  n=$(basename "$t")
  if [ -e "$PREFIX/bin/$n" ]; then
    ln -s "$PREFIX/bin/$n" "$OUT/bin/$n"
  else
    printf '#!/bin/sh\necho "%s: not provided by lxc-ts" >&2\nexit 1\n' "$n" >"$OUT/bin/$n"
    chmod +x "$OUT/bin/$n"
  fi
done
echo "# lxc-ts ($PREFIX/bin; LXC tools it lacks are stubs that fail)" >&2
"$BENCH" "${QUICK[@]}" --bin "$OUT/bin" --label "lxc-ts" --compare "$OUT/lxc.txt" >"$OUT/ours.txt"
cat "$OUT/ours.txt"

# The runtime's own floor, so that the start-up figures can be read: programs built exactly
# like our binary that do nothing, or only load node:fs (which every tool needs) and write a
# line. No tool of ours can be faster than these.
echo "# runtime floor" >&2
FLAGS=$(make -s -p -n 2>/dev/null | sed -n 's/^BUILD_FLAGS := //p' | head -1)
: >"$OUT/empty.ts"
echo 'import { writeSync } from "node:fs"; writeSync(1, "x\n");' >"$OUT/fs.ts"
floor_ms() { # program: median ms over 50 runs
  hyperfine -N --style none --warmup 5 --runs 50 --export-csv "$OUT/f.csv" "$1" >/dev/null 2>&1 || { echo NA; return; }
  tail -n 1 "$OUT/f.csv" | awk -F, '{printf "%.2f", $(NF-4) * 1000}'
}
lxc_fig() { awk -v k="$1" '$1 == k && NF == 3 {print $2; exit}' "$OUT/lxc.txt"; }
echo
echo "### runtime floor (compiled like lxc-ts: $FLAGS)"
echo
echo "| figure | median | unit | LXC's info | ratio to LXC's info |"
echo "|---|---:|---|---:|---:|"
for f in empty fs; do
  node_modules/.bin/bun build $FLAGS "$OUT/$f.ts" --outfile "$OUT/floor-$f" >/dev/null 2>&1 || continue
  m=$(floor_ms "$OUT/floor-$f") b=$(lxc_fig info)
  r=$(awk -v m="$m" -v b="$b" 'BEGIN { if (m + 0 > 0 && b + 0 > 0) printf "%.2f", m / b; else print "-" }')
  echo "| floor-bun-$f | $m | ms | ${b:-NA} | $r |"
done
