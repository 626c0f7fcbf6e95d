# Shared by the core's test scripts (sourced): result counting and the
# plan field encoding.
PASS=0
FAIL=0

ok()   { PASS=$((PASS + 1)); echo "ok   - $*"; }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL - $*"; }
check() {   # check DESCRIPTION COMMAND...
	local d=$1; shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}
# same DESCRIPTION GOT WANT (ERR, when set, is shown on failure)
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'${ERR:+ (stderr: $ERR)}"; fi
}

# percent-encode one plan field
enc() {
	local LC_ALL=C s=$1 out="" c i
	if [ -z "$s" ]; then printf '%%-'; return; fi
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case "$c" in
		[!\ -~] | ' ' | '%' | $'\x7f') out+=$(printf '%%%02X' "'$c") ;;
		*) out+=$c ;;
		esac
	done
	printf '%s' "$out"
}

# Kill the monitor $MON (its init goes with it: every test plan has
# pdeathsig 9), unmount whatever is left below $T and remove $T.
remove_monitor_and_tmp() {
	if [ -n "${MON:-}" ]; then
		kill -9 "$MON" 2>/dev/null
		wait "$MON" 2>/dev/null
	fi
	if [ -n "${T:-}" ] && [ -d "$T" ]; then
		grep -o " $T[^ ]*" /proc/self/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
		rm -rf "$T"
	fi
}
