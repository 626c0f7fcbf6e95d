#!/bin/bash
# The README's first command: install lxc-ts (as root) and run a demo container.
#   PREFIX=/usr/local by default; set PREFIX=... to install elsewhere, DEMO=0 to skip the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-/usr/local}
bash scripts/deps.sh
make -s all
make -s install PREFIX="$PREFIX"
echo "== installed lxc-ts into $PREFIX/bin: $(ls "$PREFIX/bin" | grep '^lxc-' | tr '\n' ' ')"
[ "${DEMO:-1}" = 1 ] && exec bash scripts/demo.sh "$PREFIX/bin"
