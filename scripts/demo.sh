#!/bin/bash
# A busybox container's whole life with lxc-ts: create, start, list, inspect, stop, destroy.
# Usage: scripts/demo.sh [BINDIR]   (default: /usr/local/bin)
set -euo pipefail
BIN=${1:-/usr/local/bin}
NAME=lxcts-demo
CONF=$(mktemp /tmp/lxcts-demo-XXXXXX.conf)
cleanup() {
	"$BIN/lxc-destroy" -n "$NAME" -f >/dev/null 2>&1 || true
	rm -f "$CONF"
}
trap cleanup EXIT
# lxc-ts does not run the lxcbr0 bridge service (lxc-net) yet: the demo container gets only loopback
echo "lxc.net.0.type = empty" >"$CONF"
run() { echo "+ $*"; "$@"; }
run "$BIN/lxc-create" -n "$NAME" -t busybox -f "$CONF"
run "$BIN/lxc-start" -n "$NAME"
run "$BIN/lxc-ls" --fancy
run "$BIN/lxc-info" -n "$NAME"
run "$BIN/lxc-attach" -n "$NAME" -- uname -n
run "$BIN/lxc-stop" -n "$NAME"
run "$BIN/lxc-ls" --fancy
run "$BIN/lxc-destroy" -n "$NAME"
echo "== demo done: $NAME was created, ran, stopped and destroyed"
