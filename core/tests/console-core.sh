#!/bin/bash
# The monitor's console proxy (`console N`, `winsize N R C`) and how the
# command socket treats requests that are not requests.  Needs root: a
# real container from a plan on a busybox rootfs in a temp dir, removed on
# exit whatever happens.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
CORE=$(cd "$HERE/.." && pwd)/lxc-core
CLI=$HERE/sockcli
CON=$HERE/concli.py
BUSYBOX=${BUSYBOX:-/bin/busybox}
TMO=10

T=""
MON=""

# has DESCRIPTION TEXT PATTERN: grep -q PATTERN in TEXT
has() {
	if printf '%s' "$2" | grep -q -- "$3"; then ok "$1"; else bad "$1: no /$3/ in '$(printf '%s' "$2" | tr -d '\r' | head -c 300)'"; fi
}

cleanup() {
	local p
	for p in $(jobs -p); do kill -9 "$p" 2>/dev/null; done
	remove_monitor_and_tmp
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$(id -u)" != 0 ]; then
	echo "# console-core: not root, skipped"
	exit 0
fi

T=$(mktemp -d /tmp/lxc-core-console.XXXXXX) || exit 1
chmod 755 "$T"
R=$T/rootfs
mkdir -p "$R"/{bin,proc,dev,tmp}
cp "$BUSYBOX" "$R/bin/busybox"
for a in sh echo stty head tr sleep cat; do ln -s busybox "$R/bin/$a"; done
SOCK=lxc-core-console-$$/c1

# each tty runs a service that echoes lines back, with the tty's size;
# "flood" makes it write far more than a socket buffer holds
svc='svc() { while read -r l; do echo "$1 got:$l size:$(stty size)"; [ "$l" = flood ] && head -c 4000000 /dev/zero | tr "\0" x; done; }'
script="$svc; svc tty1 </dev/tty1 >/dev/tty1 2>&1 & svc tty2 </dev/tty2 >/dev/tty2 2>&1 & echo READY; svc con"
cat >"$T/c1.plan" <<EOF
lxc-ts-plan 1
name c1
lxcpath $T
socket $SOCK
pdeathsig 9
log 4 lxc-start $T/log
clone mnt pid uts
console pty
console-buffer 65536
ttys 2
rootfs $R $R 0 %-
mount proc proc proc 14 %- - t:proc
mount tmpfs dev tmpfs 2 mode=755 - t:dev
mknod dev/null c 1 3 0666 t:null
mknod dev/zero c 1 5 0666 t:zero
console - t:console
ttys - t:ttys
env PATH=/bin
exec sh -c $(enc "$script")
EOF
mkfifo "$T/ev" "$T/cmd"
exec {EV}<>"$T/ev"
exec {CMD}<>"$T/cmd"
"$CORE" start 3<"$T/c1.plan" 4>"$T/ev" 5<"$T/cmd" </dev/null >/dev/null 2>"$T/stderr" {EV}<&- {CMD}<&- &
MON=$!
read -r -t $TMO -u $EV line
check "pid event" grep -qE "^pid [0-9]+$" <<<"$line"
echo go >&$CMD
read -r -t $TMO -u $EV line
check "running" [ "$line" = running ]
for ((i = 0; i < 50; i++)); do "$CLI" "$SOCK" console-buffer 1 | grep -q READY && break; sleep 0.1; done

echo "# console N"
out=$("$CON" "$SOCK" 'console 1\nfirst\n' +0.5)
has "console 1: answered ok 1" "$out" '^ok 1$'
has "console 1: input behind the request line reaches the tty" "$out" 'tty1 got:first'
out=$("$CON" "$SOCK" 'console 1\n' 'second\n' +0.5)
has "console 1: typed input and the tty's answer" "$out" 'tty1 got:second'
out=$("$CON" "$SOCK" 'console 0\n' 'oncon\n' +0.5)
has "console 0: the console" "$out" 'con got:oncon'
out=$("$CON" "$SOCK" 'console 2\n' 'two\n' +0.5)
has "console 2" "$out" 'tty2 got:two'

echo "# several clients"
"$CON" "$SOCK" 'console 1\n' +3 >"$T/a.out" &
A=$!
sleep 0.5
out=$("$CON" "$SOCK" 'console 1\n' 'shared\n' +0.5)
wait $A
has "client B sees the answer to its input" "$out" 'tty1 got:shared'
has "client A sees it too" "$(cat "$T/a.out")" 'tty1 got:shared'

echo "# first free tty"
"$CON" --hold 3 "$SOCK" 'console 1\n' >/dev/null &
H1=$!
sleep 0.5
check "console -1 skips a busy tty1" [ "$("$CON" "$SOCK" 'console -1\n' | head -1)" = "ok 2" ]
"$CON" --hold 3 "$SOCK" 'console 2\n' >/dev/null &
H2=$!
sleep 0.5
check "console -1 with every tty busy: EBUSY" [ "$("$CON" "$SOCK" 'console -1\n')" = "error 16 all 2 ttys have a client already" ]
kill -9 $H1 $H2 2>/dev/null
wait $H1 $H2 2>/dev/null
sleep 0.2
check "console -1 after the clients went: tty1" [ "$("$CON" "$SOCK" 'console -1\n' | head -1)" = "ok 1" ]

echo "# a client killed mid-session"
"$CON" "$SOCK" 'console 1\n' +10 >"$T/k.out" &
K=$!
"$CON" "$SOCK" 'console 1\n' +3 >"$T/o.out" &
O=$!
sleep 0.5
kill -9 $K
wait $K 2>/dev/null
out=$("$CON" "$SOCK" 'console 1\n' 'afterkill\n' +0.5)
wait $O
has "the tty still answers a new client" "$out" 'tty1 got:afterkill'
has "the other client still gets output" "$(cat "$T/o.out")" 'tty1 got:afterkill'
check "the container still runs" [ "$("$CLI" "$SOCK" state)" = RUNNING ]

echo "# winsize"
check "winsize 1 33 111: ok" [ "$("$CLI" "$SOCK" 'winsize 1 33 111')" = ok ]
out=$("$CON" "$SOCK" 'console 1\n' 'size\n' +0.5)
has "the tty has the new size" "$out" 'tty1 got:size size:33 111'
check "winsize 0 (console): ok" [ "$("$CLI" "$SOCK" 'winsize 0 40 120')" = ok ]
check "winsize of a missing tty: EINVAL" [ "$("$CLI" "$SOCK" 'winsize 3 1 1' | cut -d' ' -f1-2)" = "error 22" ]
check "winsize with a bad size: EINVAL" [ "$("$CLI" "$SOCK" 'winsize 1 x 1' | cut -d' ' -f1-2)" = "error 22" ]

echo "# bad console requests"
check "console 3 (2 ttys): ENXIO naming the count" [ "$("$CLI" "$SOCK" 'console 3')" = "error 6 tty 3 does not exist: the container has 2 ttys" ]
check "console abc: EINVAL" [ "$("$CLI" "$SOCK" 'console abc' | cut -d' ' -f1-2)" = "error 22" ]
check "console -2: EINVAL" [ "$("$CLI" "$SOCK" 'console -2' | cut -d' ' -f1-2)" = "error 22" ]
check "console without a number: EINVAL" [ "$("$CLI" "$SOCK" 'console')" = "error 22" ]

echo "# requests that are not requests are closed at once"
junk() {   # junk DESCRIPTION BYTES: answered error 22 and closed within a second
	local t0=$SECONDS out
	out=$(timeout 3 "$CON" "$SOCK" "$2" +2 | head -c 100)
	if [ "$out" = "error 22" ] && [ $((SECONDS - t0)) -le 2 ]; then ok "$1"; else bad "$1: got '$out'"; fi
}
junk "binary junk without a newline" '\x00\x01\x02\xff\xfe'
junk "a control character in the line" 'sta\x1bte\n'
junk "no newline within the buffer" "$(printf 'a%.0s' {1..200})"
silent() {   # half a line, then nothing: closed once the request time is up
	local t0=$SECONDS out
	out=$(timeout 12 "$CON" "$SOCK" 'sta' +10)
	[ -z "$out" ] && [ $((SECONDS - t0)) -ge 4 ] && [ $((SECONDS - t0)) -le 8 ]
}
check "half a line and then silence: closed after about 5 s" silent
check "the monitor still answers" [ "$("$CLI" "$SOCK" state)" = RUNNING ]

echo "# a client that cannot keep up"
"$CON" --no-read "$SOCK" 'console 2\nflood\n' +6 >/dev/null &
S=$!
"$CON" "$SOCK" 'console 0\n' +6 >"$T/watch.out" &
W=$!
sleep 0.3
t0=$(date +%s%N)
state=$("$CLI" "$SOCK" state 3)
t1=$(date +%s%N)
check "the monitor answers while tty2 floods a stuck client" [ "$state" = RUNNING ]
echo "# state answered in $(((t1 - t0) / 1000000)) ms"
for ((i = 0; i < 50; i++)); do grep -q "cannot keep up" "$T/log" && break; sleep 0.1; done
check "the stuck client is cut off with a log line" grep -q "WARN .*a client of tty 2 cannot keep up" "$T/log"
out=$("$CON" "$SOCK" 'console 0\n' 'stillhere\n' +0.5)
has "the console still works" "$out" 'con got:stillhere'
kill -9 $S $W 2>/dev/null
wait $S $W 2>/dev/null
RSS=$(awk '/^VmRSS/ {print $2}' /proc/$MON/status)
echo "# monitor VmRSS ${RSS} kB"
check "monitor RSS <= 1536 kB" [ "$RSS" -le 1536 ]

echo "# stop"
check "signal 9" [ "$("$CLI" "$SOCK" 'signal 9')" = ok ]
for ((i = 0; i < TMO * 10; i++)); do kill -0 $MON 2>/dev/null || break; sleep 0.1; done
wait $MON
check "monitor exits 0" [ $? = 0 ]
MON=""

echo "# $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
