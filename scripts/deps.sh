#!/bin/bash
# Installs what lxc-ts needs to build and run (as root, Debian 12 or later).
#   scripts/deps.sh          build and runtime packages
#   scripts/deps.sh --tests  also what the test suites need (LXC's own test scripts, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential busybox-static libseccomp-dev libcap-dev iproute2 util-linux xz-utils tar)
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
if [ "${1:-}" = "--tests" ]; then
	# lxc-tests brings LXC's shell tests (and real LXC, used only to compare against)
	pkgs+=(lxc-tests)
fi
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "== installing: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -x node_modules/.bin/bun ] || [ ! -x node_modules/.bin/tsc ]; then
	echo "== installing npm dev dependencies (bun, typescript)"
	npm ci --no-audit --no-fund --loglevel=error
fi
