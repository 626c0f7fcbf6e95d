#!/bin/bash
# The README's second command (and what CI runs): install what the tests need, build,
# install into a scratch prefix, and run every suite: type check, the C core's tests,
# unit tests, integration tests (real containers, as root) and LXC's own shell tests from
# the allow-list in tests/compat/allow-list. Ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
bash scripts/deps.sh --tests || { echo "dependency installation failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

WORK=$(mktemp -d /tmp/lxcts-test-XXXXXX)
chmod 755 "$WORK"
PREFIX="$WORK/prefix"
made_bridge=0
cleanup() {
	[ $made_bridge = 1 ] && ip link del lxcbr0 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
# LXC's default.conf puts containers on lxcbr0. Without LXC's bridge service running (there is
# no systemd here), give the tests a plain bridge of that name: no address, no NAT, no DHCP,
# nothing that reaches beyond this machine. Removed again at the end.
if [ ! -d /sys/class/net/lxcbr0 ]; then
	ip link add lxcbr0 type bridge && ip link set lxcbr0 up && made_bridge=1
fi
pass=0; fail=0; skip=0
failed_suites=()

note() { printf '\n== %s\n' "$*"; }
count_step() { # name rc
	if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); failed_suites+=("$1"); fi
}
# bun test with a JUnit report; adds its counts to the totals
bun_suite() { # name files...
	local name=$1; shift
	local xml="$WORK/$name.xml"
	node_modules/.bin/bun test --reporter=junit --reporter-outfile="$xml" "$@"
	local rc=$?
	local head n f s e
	head=$(grep -o '<testsuites[^>]*' "$xml" 2>/dev/null | head -1)
	n=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$head"); n=${n:-0}
	f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$head"); f=${f:-0}
	e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$head"); e=${e:-0}
	s=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$head"); s=${s:-0}
	f=$((f + e))
	if [ "$n" -eq 0 ] || { [ $rc -ne 0 ] && [ "$f" -eq 0 ]; }; then
		echo "suite $name: bun exited $rc with $n tests counted"; f=$((f + 1))
	fi
	local p=$((n - f - s)); [ $p -lt 0 ] && p=0
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	[ "$f" -gt 0 ] && failed_suites+=("$name")
	echo "suite $name: $p passed, $f failed, $s skipped"
}

note "build"
make -s all && make -s install PREFIX="$PREFIX"
rc=$?; count_step build $rc
if [ $rc -ne 0 ]; then echo "0 passed, 1 failed, 0 skipped"; exit 1; fi

note "type check (tsc --noEmit)"
node_modules/.bin/tsc --noEmit; count_step typecheck $?

note "C core tests"
make -s -C core test 2>&1 | tee "$WORK/core.txt"
rc=${PIPESTATUS[0]}
# the core's test blocks each end with "# N passed, N failed": add them up
cp=""; cf=""
read -r cp cf < <(awk '/^# [0-9]+ passed, [0-9]+ failed/ {p += $2; f += $4; n++} END {if (n) print p, f}' "$WORK/core.txt")
if [ -n "$cp" ] && [ -n "$cf" ]; then
	pass=$((pass + cp)); fail=$((fail + cf))
	{ [ "$cf" -gt 0 ] || [ "$rc" -ne 0 ]; } && { failed_suites+=(core-tests); [ "$cf" -eq 0 ] && fail=$((fail + 1)); }
else
	count_step core-tests 1
fi

note "unit tests"
bun_suite unit tests/unit

note "integration tests (real containers)"
LXC_TS_BIN="$PREFIX/bin" bun_suite integration --timeout 120000 tests/integration

note "LXC's own tests (allow-list: tests/compat/allow-list)"
SHARED="$ROOT/../shared/tools/run-lxc-tests.sh"
if [ -x "$SHARED" ]; then
	mapfile -t allowed < <(grep -v '^#' tests/compat/allow-list | grep -v '^$')
	out="$WORK/compat.txt"
	"$SHARED" --bin "$PREFIX/bin" "${allowed[@]}" 2>&1 | tee "$out"
	line=$(tail -n1 "$out")
	p=$(sed -n 's/^\([0-9]*\) passed.*/\1/p' <<<"$line"); p=${p:-0}
	f=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$line"); f=${f:-1}
	s=$(sed -n 's/.* \([0-9]*\) skipped.*/\1/p' <<<"$line"); s=${s:-0}
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	[ "$f" -gt 0 ] && failed_suites+=(compat)
else
	echo "run-lxc-tests.sh not found at $SHARED"; fail=$((fail + 1)); failed_suites+=(compat-missing)
fi

echo
[ ${#failed_suites[@]} -gt 0 ] && echo "failed suites: ${failed_suites[*]}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
