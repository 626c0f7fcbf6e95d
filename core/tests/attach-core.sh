#!/bin/bash
# lxc-core attach: check-attach on good and bad plans, then (as root) a
# container started from a plan, and commands attached to it.  Everything
# made here (temp dir, cgroup, monitor, container) goes away on exit.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
CORE=$(cd "$HERE/.." && pwd)/lxc-core
BUSYBOX=${BUSYBOX:-/bin/busybox}
TMO=10

T=""
CG=""
MON=""

cleanup() {
	remove_monitor_and_tmp
	if [ -n "$CG" ] && [ -d "$CG" ]; then
		local i
		for ((i = 0; i < 50; i++)); do rmdir "$CG" 2>/dev/null && break; sleep 0.1; done
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM


# ---------------------------------------------------------------- check-attach
echo "# check-attach"
# check_attach NAME EXPECTED-OUTPUT PLAN-TEXT
check_attach() {
	local got
	got=$(printf '%s' "$3" | "$CORE" check-attach)
	same "check-attach $1" "$got" "$2"
}
check_attach good 'ok' $'lxc-ts-attach 1\n# a comment\nname c1\npid 1\nsetns user mnt pid uts ipc net cgroup time\ncgroup /sys/fs/cgroup/x\ncapdrop 1 2\ncapdrop 3\nnonewprivs 1\nenv A=%20b\nenv B=\ngid 0\ngroups\nuid 0\ncwd /\npty 0\nexec sh -c %-\n'
check_attach version 'error 1 expected "lxc-ts-attach 1" as the first line' $'lxc-ts-plan 1\npid 1\nexec x\n'
check_attach no-pid 'error 0 missing pid' $'lxc-ts-attach 1\nexec x\n'
check_attach no-exec 'error 0 missing exec' $'lxc-ts-attach 1\npid 1\n'
check_attach after-exec 'error 4 exec must be the last directive' $'lxc-ts-attach 1\npid 1\nexec x\nuid 0\n'
check_attach unknown-ns 'error 2 unknown namespace "foo" (want user mnt pid uts ipc net cgroup time)' $'lxc-ts-attach 1\nsetns net foo\n'
check_attach dup-ns 'error 2 namespace "net" given twice' $'lxc-ts-attach 1\nsetns net net\n'
check_attach dup 'error 3 duplicate pid' $'lxc-ts-attach 1\npid 1\npid 2\n'
check_attach unknown 'error 2 unknown directive "clone"' $'lxc-ts-attach 1\nclone net\n'
check_attach bad-pid 'error 2 pid must be a process id' $'lxc-ts-attach 1\npid 0\n'
check_attach bad-env 'error 2 env wants K=V' $'lxc-ts-attach 1\nenv novalue\n'
check_attach rel-cgroup 'error 2 cgroup DIR must be an absolute path' $'lxc-ts-attach 1\ncgroup x\n'
check_attach bad-escape 'error 2 exec: field 1: bad percent escape' $'lxc-ts-attach 1\nexec %zz\n'
check_attach bad-pty 'error 2 pty must be 0 or 1' $'lxc-ts-attach 1\npty 2\n'
check "attach without fd 3 refuses" bash -c '! "$0" attach 3<&- 2>/dev/null' "$CORE"
out=$(printf 'lxc-ts-attach 1\npid 1\nfrob\n' | "$CORE" attach 3<&0 2>&1)
rc=$?
same "attach with a bad plan: exit 1" "$rc" 1
same "attach with a bad plan: message names the line" "$out" 'lxc-attach: attach plan line 3: unknown directive "frob"'

if [ "$(id -u)" != 0 ]; then
	echo "# not root: container tests skipped"
	echo "# $PASS passed, $FAIL failed"
	[ "$FAIL" = 0 ]
	exit
fi

# ---------------------------------------------------------------- a container
T=$(mktemp -d /tmp/lxc-core-attach.XXXXXX) || exit 1
chmod 755 "$T"
R=$T/rootfs
mkdir -p "$R"/{bin,proc,dev,tmp,etc,root}
cp "$BUSYBOX" "$R/bin/busybox"
for a in sh ls cat echo hostname sleep env id tr grep readlink head stat true tty kill pwd; do
	ln -s busybox "$R/bin/$a"
done
printf '#!/bin/sh\necho script-ran "$@"\n' >"$R/bin/withshebang"
printf 'echo noshebang-ran "$@"\n' >"$R/bin/noshebang"
printf 'not executable\n' >"$R/bin/notexec"
chmod 755 "$R/bin/withshebang" "$R/bin/noshebang"
chmod 644 "$R/bin/notexec"
SOCK=lxc-core-attach-$$

if [ -d /sys/fs/cgroup/unified ] && grep -q " /sys/fs/cgroup/unified cgroup2 " /proc/self/mounts; then
	CG=/sys/fs/cgroup/unified/lxc-core-attach-$$
elif grep -q " /sys/fs/cgroup cgroup2 " /proc/self/mounts; then
	CG=/sys/fs/cgroup/lxc-core-attach-$$
fi
[ -n "$CG" ] && { mkdir "$CG" || CG=""; }

echo "# container a1"
{
	cat <<EOF
lxc-ts-plan 1
name a1
lxcpath $T
socket $SOCK/a1
pdeathsig 9
clone mnt pid uts ipc net${CG:+ cgroup}
${CG:+cgroup $CG}
console none
rootfs $R $R 0 %-
mount proc proc proc 14 %- - t:proc
mount tmpfs dev tmpfs 2 mode=755 - t:dev
mknod dev/null c 1 3 0666 t:null
mount devpts dev/pts devpts 10 newinstance,ptmxmode=0666,mode=0620 mkdir t:devpts
symlink pts/ptmx dev/ptmx t:ptmx
hostname attach-test-a1
env PATH=/bin
exec sleep 600
EOF
} >"$T/a1.plan"
mkfifo "$T/a1.ev" "$T/a1.cmd"
exec {EVFD}<>"$T/a1.ev"
exec {CMDFD}<>"$T/a1.cmd"
(exec -a "[lxc monitor] $T a1" "$CORE" start 3<"$T/a1.plan" 4>"$T/a1.ev" 5<"$T/a1.cmd" \
	2>>"$T/a1.stderr" {EVFD}<&- {CMDFD}<&-) &
MON=$!
read -r -t "$TMO" -u "$EVFD" ev
INIT=${ev#pid }
echo go >&"$CMDFD"
read -r -t "$TMO" -u "$EVFD" ev
if [ "$ev" != running ]; then
	bad "a1: container runs (got '$ev'; $(cat "$T/a1.stderr"))"
	echo "# $PASS passed, $FAIL failed"
	exit 1
fi
ok "a1: container runs (init $INIT)"

NS_ALL="mnt pid uts ipc net${CG:+ cgroup}"
# aplan FILE [extra directives...] -- CMD ARG... : writes an attach plan
aplan() {
	local f=$1 setns=$NS_ALL; shift
	local extra=() args=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case "$1" in setns=*) setns=${1#setns=} ;; *) extra+=("$1") ;; esac
		shift
	done
	shift
	for a in "$@"; do args+=("$(enc "$a")"); done
	{
		echo "lxc-ts-attach 1"
		echo "name a1"
		echo "pid $INIT"
		[ -n "$setns" ] && echo "setns $setns"
		local e
		for e in "${extra[@]}"; do echo "$e"; done
		echo "exec ${args[*]}"
	} >"$f"
}
# attach [directives...] -- CMD...: runs it, stdout in $OUT, stderr in $ERR, status in $RC
attach() {
	aplan "$T/p" "$@"
	"$CORE" attach 3<"$T/p" >"$T/out" 2>"$T/err" </dev/null
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	[ "$RC" = 0 ] || [ -z "${DEBUG:-}" ] || echo "# rc $RC: $ERR"
}
COMMON=("env PATH=/bin" "gid 0" "groups" "uid 0" "cwd /")
BASE=("${COMMON[@]}" "pty 0")

attach "${BASE[@]}" -- hostname
same "hostname is the container's" "$OUT" "attach-test-a1"
same "hostname: exit 0" "$RC" 0
attach "${BASE[@]}" -- sh -c 'exit 7'
same "exit status 7 passed back" "$RC" 7
attach "${BASE[@]}" -- sh -c 'kill -9 $$'
same "killed by SIGKILL: 128+9" "$RC" 137
attach "${BASE[@]}" -- sh -c 'kill -15 $$'
same "killed by SIGTERM: 128+15" "$RC" 143
attach "${BASE[@]}" -- no-such-program a b
same "missing program: exit 127" "$RC" 127
same "missing program: the reason on stderr" "$ERR" 'lxc-attach: a1: Failed to exec "no-such-program": No such file or directory'
attach "${BASE[@]}" -- /bin/notexec
same "not executable: exit 126" "$RC" 126
same "not executable: the reason" "$ERR" 'lxc-attach: a1: Failed to exec "/bin/notexec": Permission denied'
attach "${BASE[@]}" -- noshebang x
same "a script without #! runs with /bin/sh" "$OUT" "noshebang-ran x"
attach "${BASE[@]}" -- withshebang y
same "PATH search in the plan's env" "$OUT" "script-ran y"
attach "env PATH=/nowhere" "gid 0" "uid 0" -- hostname
same "PATH without the program: 127" "$RC" 127
attach "gid 0" "uid 0" -- hostname
same "no PATH in the env: the default search path" "$OUT" "attach-test-a1"
attach "${BASE[@]}" -- sh -c 'echo out; echo err >&2; exit 3'
same "stdout kept apart" "$OUT" "out"
same "stderr kept apart" "$ERR" "err"
same "status with output" "$RC" 3
aplan "$T/p" "${BASE[@]}" -- cat
got=$(echo piped-in | "$CORE" attach 3<"$T/p")
same "stdin passed through" "$got" "piped-in"
aplan "$T/p" "${BASE[@]}" -- sh -c 'ls -l /proc/self/fd/0 /proc/self/fd/1 | grep -c null'
got=$("$CORE" attach 3<"$T/p" </dev/null 2>&1 | cat)
same "/dev/null stdin reaches the command as is" "$got" "1"

attach "env PATH=/bin" "env FOO=$(enc 'a b%c')" "env container=lxc" "uid 0" -- env
same "env is exactly the plan's" "$(echo "$OUT" | sort | tr '\n' '|')" "FOO=a b%c|PATH=/bin|container=lxc|"
attach "uid 0" -- /bin/env
same "no env directive: empty environment" "$OUT" ""

attach "${BASE[@]}" -- sh -c 'echo $$; readlink /proc/1/exe'
same "pid namespace joined (not pid 1, init visible)" "$(echo "$OUT" | tr '\n' ' ')" "$(echo "$OUT" | head -1) /bin/busybox "
check "pid namespace joined: pid is small" [ "$(echo "$OUT" | head -1)" -lt 100 ]
host_net=$(readlink /proc/self/ns/net)
init_net=$(readlink /proc/$INIT/ns/net)
attach "${BASE[@]}" -- readlink /proc/self/ns/net
same "net namespace joined" "$OUT" "$init_net"
attach "${BASE[@]}" -- pwd
same "cwd" "$OUT" "/"
attach "env PATH=/bin" "cwd /does/not/exist" -- pwd
same "missing cwd: the namespace's root, not an error" "$OUT:$RC" "/:0"
attach "env PATH=/bin" "cwd /tmp" -- pwd
same "cwd /tmp" "$OUT" "/tmp"

echo "# namespace subsets"
attach "${BASE[@]}" "setns=uts" -- /bin/busybox hostname
same "setns uts only: the container's hostname" "$OUT" "attach-test-a1"
attach "${BASE[@]}" "setns=uts" -- readlink /proc/self/ns/net
same "setns uts only: the host's network" "$OUT" "$host_net"
attach "${BASE[@]}" "setns=net" -- hostname
same "setns net only: the host's hostname" "$OUT" "$(hostname)"
attach "${BASE[@]}" "setns=net" -- readlink /proc/self/ns/net
same "setns net only: the container's network" "$OUT" "$init_net"
attach "${BASE[@]}" "setns=net" -- cat /proc/net/dev
same "setns net only: only lo in there" "$(echo "$OUT" | grep -c :)" "1"
attach "${BASE[@]}" "setns=" -- readlink /proc/self/ns/uts
same "no setns at all: our own namespaces" "$OUT" "$(readlink /proc/self/ns/uts)"

echo "# credentials"
attach "env PATH=/bin" "gid 1001" "groups 1002 1003" "uid 1000" -- sh -c 'grep -E "^(Uid|Gid|Groups):" /proc/self/status | tr -s "\t " " "'
same "uid, gid, groups" "$(echo "$OUT" | tr '\n' '|')" "Uid: 1000 1000 1000 1000|Gid: 1001 1001 1001 1001|Groups: 1002 1003 |"
attach "env PATH=/bin" -- sh -c 'grep -E "^Groups:" /proc/self/status | tr -s "\t " " "'
same "no gid/groups/uid directives: ids unchanged" "$OUT" "$(grep -E '^Groups:' /proc/self/status | tr -s '\t ' ' ')"
attach "env PATH=/bin" "capdrop 21 38" "nonewprivs 1" -- sh -c 'grep -E "^(CapBnd|NoNewPrivs):" /proc/self/status'
capbnd=$(echo "$OUT" | awk '/^CapBnd/ {print $2}')
check "capdrop: 21 and 38 gone from the bounding set, 0 kept" \
	bash -c '[ -n "$0" ] && [ $((0x$0 & (1 << 21))) = 0 ] && [ $((0x$0 & (1 << 38))) = 0 ] && [ $((0x$0 & 1)) = 1 ]' "$capbnd"
check "nonewprivs" grep -q 'NoNewPrivs:.1' <<<"$OUT"

if [ -n "$CG" ]; then
	echo "# cgroup"
	aplan "$T/p" "${BASE[@]}" "cgroup $CG" -- sh -c 'cat /proc/self/cgroup; sleep 2'
	"$CORE" attach 3<"$T/p" >"$T/out" 2>&1 </dev/null &
	AP=$!
	sleep 0.5
	kids=$(cat /proc/$AP/task/$AP/children 2>/dev/null)
	check "cgroup: the command is in the container's cgroup" grep -qw "${kids%% *}" "$CG/cgroup.procs"
	check "cgroup: the core itself is not" bash -c '! grep -qw "$0" "$1"' "$AP" "$CG/cgroup.procs"
	wait $AP
	same "cgroup: seen as the cgroup namespace's root" "$(grep '^0::' "$T/out")" "0::/"
	attach "${BASE[@]}" "cgroup $T/no-such-cgroup" -- true
	same "missing cgroup: exit 1" "$RC" 1
	same "missing cgroup: message names the step and file" "$ERR" "lxc-attach: a1: cgroup: cannot open $T/no-such-cgroup/cgroup.procs: No such file or directory"
fi

echo "# failures"
attach "${BASE[@]}" "quiet 1" -- no-such-program
same "quiet: no message" "$ERR:$RC" ":127"
aplan "$T/p" "${BASE[@]}" -- true
sed -i "s/^pid .*/pid 999999999/" "$T/p"
"$CORE" attach 3<"$T/p" >/dev/null 2>"$T/err"
same "no such pid: exit 1" "$?" 1
same "no such pid: message" "$(cat "$T/err")" "lxc-attach: a1: pid: process 999999999 does not exist (did the container stop?)"
if command -v setpriv >/dev/null; then
	aplan "$T/p" "${BASE[@]}" "setns=net" -- true
	chmod 644 "$T/p"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$CORE" attach 3<"$T/p" >/dev/null 2>"$T/err"
	same "setns without privilege: exit 1" "$?" 1
	check "setns without privilege: message names the step" grep -q '^lxc-attach: a1: setns: ' "$T/err"
fi

echo "# pty"
if command -v script >/dev/null; then
	# stdin stays open (a sleeping writer) so script(1) sends no EOF into the test
	aplan "$T/p" "${COMMON[@]}" "pty 1" -- sh -c 'tty; [ -t 0 ] && [ -t 1 ] && echo TTY; stty size; exit 5'
	sleep 3 | script -qec "stty rows 33 cols 77; $CORE attach 3<$T/p" /dev/null >"$T/pty.out"
	rc=${PIPESTATUS[1]}
	out=$(tr -d '\r' <"$T/pty.out")
	same "pty: the command's terminal is the container's devpts" "$(echo "$out" | grep '^/dev/')" "/dev/pts/0"
	check "pty: stdin and stdout are terminals" grep -q '^TTY$' <<<"$out"
	check "pty: window size copied" grep -q '^33 77$' <<<"$out"
	same "pty: exit status through the pty" "$rc" 5
	aplan "$T/p" "${COMMON[@]}" "pty 1" -- sh -c 'echo out; echo err >&2; ls -l /proc/self/fd/2'
	out=$(sleep 3 | script -qec "$CORE attach 3<$T/p 2>$T/err2" /dev/null | tr -d '\r')
	check "pty: stdout on the pty" grep -q '^out$' <<<"$out"
	same "pty: a redirected stderr is left alone" "$(cat "$T/err2")" "err"
	aplan "$T/p" "${COMMON[@]}" "pty 1" -- sh -c 'kill -9 $$'
	sleep 3 | script -qec "$CORE attach 3<$T/p" /dev/null >/dev/null
	same "pty: killed by a signal: 137" "${PIPESTATUS[1]}" 137
	aplan "$T/p" "${COMMON[@]}" "pty 1" -- sh -c 'read x; echo got:$x'
	out=$( (sleep 0.5; echo hello; sleep 2) | script -qec "$CORE attach 3<$T/p" /dev/null | tr -d '\r')
	check "pty: input reaches the command" grep -q '^got:hello$' <<<"$out"
	aplan "$T/p" "${COMMON[@]}" "pty 1" -- sh -c 'trap "echo TERM-seen; exit 9" TERM; echo ready; sleep 5 & wait'
	(sleep 3 | script -qec "$CORE attach 3<$T/p" /dev/null >"$T/term.out") &
	SP=$!
	for ((i = 0; i < 50; i++)); do grep -q ready "$T/term.out" 2>/dev/null && break; sleep 0.1; done
	cp=$(pgrep -f "^$CORE attach" | head -1)
	[ -n "$cp" ] && kill -TERM "$cp"
	wait $SP
	check "pty: SIGTERM to the core is forwarded to the command" grep -q 'TERM-seen' "$T/term.out"
	aplan "$T/p" "${COMMON[@]}" "pty 1" -- true
	sleep 2 | script -qec "stty -a > $T/stty.before; $CORE attach 3<$T/p; stty -a > $T/stty.after" /dev/null >/dev/null
	check "pty: the caller's terminal settings are restored" cmp -s "$T/stty.before" "$T/stty.after"
fi

echo "# $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
