#!/bin/bash
# Where a tool's start-up time goes: builds a copy of the binary whose module initialisers
# and built-in require()s are timed, runs it once with the given arguments, and prints the
# self time of each (ms, biggest first) to stderr. Not for production: a diagnostic.
#   bench/init-profile.sh lxc-info -P /var/lib/lxc -n c1
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 TOOL [ARGS...]" >&2; exit 2; }
T=$(mktemp -d /tmp/lxcts-prof-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
node_modules/.bin/bun build src/main.ts --target bun --format cjs --outfile "$T/b.js" >/dev/null
cat >"$T/prelude.js" <<'JS'
var __tstack = [], __trows = new Map(), __tnow = () => performance.now(), __tstart = __tnow();
function __tenter() { __tstack.push([__tnow(), 0]); }
function __tleave(name) {
  const [t0, child] = __tstack.pop(), dt = __tnow() - t0;
  if (__tstack.length) __tstack[__tstack.length - 1][1] += dt;
  const r = __trows.get(name) ?? [0, 0]; r[0] += dt - child; r[1] += dt; __trows.set(name, r);
}
var __tesm = (name, fn) => { let f = __esm(fn); let done = false; return () => { if (done) return f(); done = true; __tenter(); try { return f(); } finally { __tleave("init " + name); } }; };
var __treq = (n) => { __tenter(); try { return require(n); } finally { __tleave("require " + n); } };
function __tprint() {
  const rows = [...__trows].sort((a, b) => b[1][0] - a[1][0]);
  let out = `bundle start at ${__tstart.toFixed(2)} ms, exit at ${__tnow().toFixed(2)} ms (performance.now)\n  self   total  what\n`;
  for (const [k, [s, t]] of rows) if (t >= 0.05) out += `${s.toFixed(2).padStart(6)} ${t.toFixed(2).padStart(6)}  ${k}\n`;
  require("fs").writeSync(2, out);
}
JS
# __tesm needs __esm, so the prelude goes right after __esm's definition
awk -v pre="$T/prelude.js" '
  { gsub(/require\("/, "__treq(\""); }
  /^var init_[A-Za-z0-9_]+ = __esm\(/ { sub(/^var init_/, "var init_"); match($0, /init_[A-Za-z0-9_]+/); n = substr($0, RSTART + 5, RLENGTH - 5); sub(/= __esm\(/, "= __tesm(\"" n "\", "); }
  /^function exitNow\(code\) \{/ { print; print "  __tprint();"; next }
  { print }
  /^};$/ && !done && seen { while ((getline l < pre) > 0) print l; done = 1 }
  /^var __esm = / { seen = 1 }
' "$T/b.js" >"$T/p.js"
# the wrapper's own require must stay the real one
sed -i 's/return __treq(n); } finally/return require(n); } finally/' "$T/p.js"
# the bundle is one CommonJS wrapper function: unwrap it so that --compile runs its body
sed -i -e '1d' -e '2s/^(function(exports, require, module, __filename, __dirname) {//' -e '$s/^})$//' "$T/p.js"
FLAGS=$(make -s -p -n 2>/dev/null | sed -n "s/^BUILD_FLAGS := //p" | head -1)
node_modules/.bin/bun build $FLAGS "$T/p.js" --outfile "$T/lxc" >/dev/null
tool=$1; shift
ln -s lxc "$T/$tool"
"$T/$tool" "$@" >/dev/null
