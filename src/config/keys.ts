// The key table: every LXC 5 container config key, how its value is checked, how get-item
// prints it, and whether lxc-ts's start implements it yet. Families (lxc.cgroup.*, ...) and
// the lxc.net.N.* subkeys live in keys-family.ts and keys-net.ts; resolveKey() looks up all.
// The tables are built on first use: most tool runs never look a key up.
import type { ItemContext, KeySpec } from "./key-spec.ts";
import { FAMILIES, type FamilySpec } from "./keys-family.ts";
import { netSubkey, netSubkeys } from "./keys-net.ts";
import { ARCHES, NAMESPACES, PRLIMIT_RESOURCES } from "./names.ts";
import * as v from "./validators.ts";

type Opts = Partial<Omit<KeySpec, "name" | "kind" | "validate">> & { about: string; supported: boolean };

function scalar(name: string, validate: v.Validator, o: Opts & { default?: string | null }): KeySpec {
  return { name, kind: "scalar", validate, ...o, default: o.default === undefined ? "" : o.default };
}
function list(name: string, validate: v.Validator, o: Opts): KeySpec {
  return { name, kind: "list", validate, ...o, default: o.default === undefined ? "" : o.default };
}
const bool = (name: string, supported: boolean, about: string, dflt = "0", cleared?: string) =>
  scalar(name, v.bool01, { supported, about, default: dflt, cleared });
const lines = (vals: string[]) => vals.map((x) => `${x}\n`).join("");

/** cap.drop and cap.keep read back the same (shared) list: a 5.0.2 quirk kept on purpose. */
function capItem(c: ItemContext): string {
  const toks = (k: string) => {
    let out: string[] = [];
    for (const m of c.members((x) => x === k)) {
      if (m.norm === "") continue;
      for (const t of m.norm.split(" ")) out = t === "none" ? [] : [...out, t];
    }
    return out;
  };
  return lines([...toks("lxc.cap.keep"), ...toks("lxc.cap.drop")]);
}

function mountAutoItem(c: ItemContext): string {
  let proc: string | undefined;
  let sys: string | undefined;
  let cg: { kind: string; mode: string; force: boolean } | undefined;
  for (const val of c.list()) {
    for (const t of val.split(" ")) {
      const [head, ...rest] = t.split(":");
      if (head === "proc") proc = rest[0] ?? "mixed";
      else if (head === "sys") sys = rest[0] ?? "mixed";
      else if (head === "cgroup" || head === "cgroup-full" || head === "cgroup2") {
        const force = rest.includes("force");
        const mode = rest.filter((r) => r !== "force")[0] ?? "";
        cg = { kind: head, mode, force };
      }
    }
  }
  const out: string[] = [];
  if (proc) out.push(`proc:${proc}`);
  if (sys) out.push(`sys:${sys}`);
  if (cg && cg.kind !== "cgroup2" && !cg.force) out.push(cg.mode ? `${cg.kind}:${cg.mode}` : cg.kind);
  return out.join(" ");
}

function nsItem(c: ItemContext): string {
  const set = new Set(c.list().flatMap((x) => x.split(" ")));
  return lines(NAMESPACES.filter((n) => set.has(n)));
}

function timeItem(sep: string) {
  return (c: ItemContext): string => {
    let sec = 0n;
    let nsec = 0n;
    for (const val of c.list()) {
      const m = /^(-?\d+)(h|m|s|ms|us|ns)$/.exec(val)!;
      const n = BigInt(m[1]!);
      const u = m[2]!;
      if (u === "h") sec = n * 3600n;
      else if (u === "m") sec = n * 60n;
      else if (u === "s") sec = n;
      else nsec = n * { ms: 1000000n, us: 1000n, ns: 1n }[u as "ms"];
    }
    return sec !== 0n ? `${sec}${sep}s\n` : `${nsec}${sep}ns\n`;
  };
}

function envItem(c: ItemContext): string {
  return lines(c.list().map((e) => (e.includes("=") ? e : `${e}=${c.env[e] ?? ""}`)));
}

/** uid/gid read back as a signed 32-bit number (4294967295 shows as -1). */
const asInt32 = (norm: string) => String(Number(BigInt.asIntN(32, BigInt(norm))));

function buildTop(): KeySpec[] {
  return [
    scalar("lxc.arch", v.arch, {
      supported: true, noClear: true, about: "personality of the container (x86_64, i686, ...)",
      show: (a) => (ARCHES[a] === 32 ? "i686" : "x86_64"),
    }),
    scalar("lxc.apparmor.profile", v.anyText, { supported: true, about: "AppArmor profile (unconfined, unchanged, generated or a name)" }),
    bool("lxc.apparmor.allow_incomplete", false, "start even if the kernel lacks AppArmor mount mediation"),
    bool("lxc.apparmor.allow_nesting", false, "let the generated AppArmor profile allow nesting"),
    list("lxc.apparmor.raw", v.anyText, { supported: false, about: "raw AppArmor rules for the generated profile" }),
    scalar("lxc.autodev.tmpfs.size", v.uintValidator(), { supported: true, about: "size of the /dev tmpfs in bytes", default: "0", cleared: "500000" }),
    bool("lxc.autodev", true, "mount a tmpfs on /dev and create the basic devices", "1", "0"),
    list("lxc.cap.drop", v.capList(false), { supported: true, about: "capabilities to drop", get: capItem }),
    list("lxc.cap.keep", v.capList(true), { supported: true, about: "capabilities to keep (none = drop all)", get: capItem }),
    scalar("lxc.cgroup2", v.anyText, { supported: true, clearOnly: true, about: "clears every lxc.cgroup2.* setting", get: (c) => familyListing(c, isCgroupMember("lxc.cgroup2.")) }),
    scalar("lxc.cgroup.dir.monitor.pivot", v.cgroupDir, { supported: false, default: "(null)", about: "cgroup the monitor moves to at teardown" }),
    scalar("lxc.cgroup.dir.monitor", v.cgroupDir, { supported: false, default: "(null)", about: "cgroup path for the monitor" }),
    scalar("lxc.cgroup.dir.container.inner", v.cgroupDir, { supported: false, default: "(null)", about: "extra leaf cgroup for the cgroup namespace root" }),
    scalar("lxc.cgroup.dir.container", v.cgroupDir, { supported: false, default: "(null)", about: "cgroup path for the container" }),
    scalar("lxc.cgroup.dir", v.cgroupDir, { supported: false, default: "(null)", about: "cgroup path in which the container's cgroup is created" }),
    bool("lxc.cgroup.relative", false, "never escape to the root cgroup"),
    scalar("lxc.cgroup", v.anyText, { supported: true, clearOnly: true, about: "clears every lxc.cgroup.* setting", get: (c) => familyListing(c, isCgroupMember("lxc.cgroup.")) }),
    scalar("lxc.console.buffer.size", v.byteSize, { supported: true, default: "0", about: "console ring buffer size (auto or a size)" }),
    scalar("lxc.console.logfile", v.anyText, { supported: true, about: "file receiving the console output" }),
    scalar("lxc.console.path", v.consolePath, { supported: true, about: "console device, or none" }),
    bool("lxc.console.rotate", true, "keep the full console log as FILE.1 when lxc.console.size is reached"),
    scalar("lxc.console.size", v.byteSize, { supported: true, default: "0", about: "maximum console log file size" }),
    bool("lxc.sched.core", false, "put the container in its own core-scheduling domain"),
    list("lxc.environment", v.environment, { supported: true, about: "NAME=VALUE for init", get: envItem }),
    bool("lxc.ephemeral", true, "destroy the container when it stops"),
    scalar("lxc.execute.cmd", v.anyText, { supported: true, about: "command lxc-execute runs" }),
    list("lxc.group", (x) => x.split(/\s+/).join(" "), { supported: true, about: "autostart groups", get: (c) => lines(c.list().flatMap((x) => x.split(" "))) }),
    ...["autodev", "clone", "destroy", "mount", "post-stop", "pre-mount", "pre-start", "start", "start-host", "stop"].map((h) =>
      list(`lxc.hook.${h}`, v.anyText, { supported: false, about: `${h} hook command` }),
    ),
    scalar("lxc.hook.version", v.oneOf(["0", "1"]), { supported: true, default: "0", about: "hook argument style (0 = arguments, 1 = environment)" }),
    scalar("lxc.hook", v.anyText, { supported: false, clearOnly: true, default: null, about: "clears every hook", get: () => null }),
    list("lxc.idmap", v.idmap, { supported: false, about: "user namespace id map", get: (c) => c.list().join("\n") }),
    list("lxc.include", v.anyText, { supported: true, default: null, about: "include a file or a directory of *.conf", get: () => null }),
    scalar("lxc.init.cmd", v.anyText, { supported: true, about: "init command (default /sbin/init)" }),
    scalar("lxc.init.gid", v.uintValidator(), { supported: true, default: "0", about: "gid init runs as", show: asInt32 }),
    list("lxc.init.groups", v.initGroups, { supported: true, about: "supplementary gids for init", get: (c) => c.list().filter((x) => x).join(",") }),
    scalar("lxc.init.uid", v.uintValidator(), { supported: true, default: "0", about: "uid init runs as", show: asInt32 }),
    scalar("lxc.init.cwd", v.absolutePath, { supported: true, about: "working directory of init inside the container" }),
    bool("lxc.keyring.session", false, "give the container a fresh session keyring"),
    scalar("lxc.log.file", v.anyText, { supported: true, about: "log file" }),
    scalar("lxc.log.level", v.logLevel, { supported: true, default: "NOTSET", about: "log level (0-8 or TRACE ... FATAL)" }),
    scalar("lxc.log.syslog", v.syslogFacility, { supported: false, about: "syslog facility for the log" }),
    bool("lxc.monitor.unshare", false, "unshare the monitor's mount namespace"),
    scalar("lxc.monitor.signal.pdeath", v.signal, { supported: true, default: "9", cleared: "0", about: "signal sent to init when the monitor dies" }),
    list("lxc.mount.auto", v.mountAuto, { supported: true, about: "automatic proc/sys/cgroup mounts", get: mountAutoItem }),
    list("lxc.mount.entry", v.mountEntry, { supported: true, about: "fstab-style mount line" }),
    scalar("lxc.mount.fstab", v.anyText, { supported: true, about: "fstab file of mounts" }),
    list("lxc.namespace.clone", v.nsList, { supported: true, about: "namespaces to create", get: nsItem }),
    list("lxc.namespace.keep", v.nsList, { supported: true, about: "namespaces to inherit", get: nsItem }),
    list("lxc.time.offset.boot", v.timeOffset, { supported: false, about: "boot clock offset in the time namespace", get: timeItem(" ") }),
    list("lxc.time.offset.monotonic", v.timeOffset, { supported: false, about: "monotonic clock offset in the time namespace", get: timeItem("") }),
    scalar("lxc.net", v.anyText, { supported: true, clearOnly: true, about: "clears every network", get: netListItem }),
    bool("lxc.no_new_privs", true, "set PR_SET_NO_NEW_PRIVS for init"),
    scalar("lxc.prlimit", v.anyText, { supported: true, clearOnly: true, about: "clears every lxc.prlimit.* setting", get: (c) => familyListing(c, (k) => k.startsWith("lxc.prlimit."), true) }),
    scalar("lxc.pty.max", v.uintValidator(), { supported: true, default: "0", about: "maximum number of ptys" }),
    bool("lxc.rootfs.managed", true, "whether LXC manages the rootfs storage", "1", "1"),
    scalar("lxc.rootfs.mount", v.anyText, { supported: true, default: "/usr/lib/x86_64-linux-gnu/lxc/rootfs", cleared: "", about: "where the rootfs is mounted before pivot_root" }),
    scalar("lxc.rootfs.options", v.anyText, { supported: true, about: "mount options for the rootfs" }),
    scalar("lxc.rootfs.path", v.rootfsPath, { supported: true, about: "root filesystem: [TYPE:]LOCATION", show: (p) => p.slice(p.indexOf(":") + 1) }),
    bool("lxc.seccomp.allow_nesting", false, "stack seccomp filters"),
    scalar("lxc.seccomp.notify.cookie", v.anyText, { supported: false, about: "cookie sent with seccomp notifications" }),
    scalar("lxc.seccomp.notify.proxy", v.notifyProxy, { supported: false, about: "seccomp notification proxy socket", show: (p) => p.slice("unix:".length).replace(/^@/, "") }),
    scalar("lxc.seccomp.profile", v.anyText, { supported: false, about: "seccomp policy file" }),
    scalar("lxc.selinux.context.keyring", v.anyText, { supported: false, about: "SELinux context of the session keyring" }),
    scalar("lxc.selinux.context", v.anyText, { supported: false, about: "SELinux context of init" }),
    scalar("lxc.signal.halt", v.signal, { supported: true, default: "0", about: "signal for a clean shutdown" }),
    scalar("lxc.signal.reboot", v.signal, { supported: true, default: "0", about: "signal for a reboot" }),
    scalar("lxc.signal.stop", v.signal, { supported: true, default: "0", about: "signal for a hard stop" }),
    bool("lxc.start.auto", true, "start with lxc-autostart"),
    scalar("lxc.start.delay", v.uintValidator(), { supported: true, default: "0", about: "seconds to wait after an autostart" }),
    scalar("lxc.start.order", v.intRangeValidator(-(2n ** 31n), 2n ** 31n - 1n), { supported: true, default: "0", about: "autostart order" }),
    scalar("lxc.tty.dir", v.ttyDir, { supported: true, about: "directory under /dev for the console and ttys" }),
    scalar("lxc.tty.max", v.uintValidator(), { supported: true, default: "0", about: "number of ttys" }),
    scalar("lxc.uts.name", v.hostname, { supported: true, about: "hostname" }),
    scalar("lxc.sysctl", v.anyText, { supported: true, clearOnly: true, about: "clears every lxc.sysctl.* setting", get: (c) => familyListing(c, (k) => k.startsWith("lxc.sysctl."), true) }),
    scalar("lxc.proc", v.anyText, { supported: false, clearOnly: true, about: "clears every lxc.proc.* setting", get: (c) => familyListing(c, (k) => k.startsWith("lxc.proc.")) }),
  ];
}

let top: { exact: ReadonlyMap<string, KeySpec>; names: readonly string[] } | null = null;

function topTable() {
  if (top) return top;
  const specs = buildTop();
  const net = specs.findIndex((s) => s.name === "lxc.net") + 1;
  top = {
    exact: new Map(specs.map((s) => [s.name, s])),
    names: [...specs.slice(0, net).map((s) => s.name), "lxc.net.", ...specs.slice(net).map((s) => s.name), "lxc.namespace.share."],
  };
  return top;
}

/** The exact (non-family) keys by name. */
export function exactKeys(): ReadonlyMap<string, KeySpec> {
  return topTable().exact;
}

/** The 86 entries of LXC 5.0.2's key table, in its order ("lxc.net." etc. are the families). */
export function topLevelKeys(): readonly string[] {
  return topTable().names;
}

/** `lxc.cgroup.<controller>.<file>` members (not lxc.cgroup.dir*, lxc.cgroup.relative). */
export function isCgroupMember(prefix: "lxc.cgroup." | "lxc.cgroup2.") {
  return (k: string) => k.startsWith(prefix) && (prefix === "lxc.cgroup2." || !exactKeys().has(k));
}

/** `key = value` lines of a family; `replace` keeps one line per key (first position, last value). */
function familyListing(c: ItemContext, pred: (k: string) => boolean, replace = false): string {
  const m = c.members(pred);
  if (!replace) return m.filter((e) => e.norm !== "").map((e) => `${e.key} = ${e.norm}\n`).join("");
  const byKey = new Map<string, string>();
  for (const e of m) {
    if (e.norm === "") byKey.delete(e.key);
    else byKey.set(e.key, e.norm);
  }
  return [...byKey].map(([k, val]) => `${k} = ${val}\n`).join("");
}

function netListItem(c: ItemContext): string {
  const types = new Map<number, string>();
  for (const e of c.members((k) => /^lxc\.net\.\d+\./.test(k))) {
    const idx = Number(/^lxc\.net\.(\d+)\./.exec(e.key)![1]);
    if (!types.has(idx)) types.set(idx, "empty");
    if (e.key.endsWith(".type")) types.set(idx, e.norm === "" ? "(invalid)" : e.norm);
  }
  return lines([...types].sort((a, b) => a[0] - b[0]).map(([, t]) => t));
}

export type Resolved =
  | { ok: true; key: string; spec: KeySpec; net?: { index: number; sub: string }; family?: FamilySpec }
  | { ok: false; reason?: string };

const memo = new Map<string, Resolved>();

/** Looks a key up: exact keys, then lxc.net.N.*, then the prefix families. `key` in the result is
 *  the canonical spelling (lxc.net.00.type -> lxc.net.0.type). */
export function resolveKey(key: string): Resolved {
  const hit = memo.get(key);
  if (hit) return hit;
  const r = resolveUncached(key);
  if (memo.size < 10000) memo.set(key, r);
  return r;
}

function resolveUncached(key: string): Resolved {
  const exact = exactKeys().get(key);
  if (exact) return { ok: true, key, spec: exact };
  const net = /^lxc\.net\.(\d+)\.(.+)$/.exec(key);
  if (net) {
    const index = Number(net[1]);
    const s = netSubkey(net[2]!);
    if (!s || index > 0x7fffffff) return { ok: false };
    const canon = `lxc.net.${index}.${s.name}`;
    return { ok: true, key: canon, spec: { ...s, name: canon }, net: { index, sub: s.name } };
  }
  for (const f of FAMILIES) {
    if (!key.startsWith(f.prefix) || key.length === f.prefix.length) continue;
    const m = f.member(key.slice(f.prefix.length));
    if (typeof m === "string") return { ok: false, reason: m };
    return { ok: true, key, spec: m, family: f };
  }
  return { ok: false };
}

/** Every key name a user could mean, for did-you-mean hints (`lxc.net.N.*` with the given index). */
export function knownKeyNames(netIndex = 0): string[] {
  return [
    ...exactKeys().keys(),
    ...netSubkeys().map((s) => `lxc.net.${netIndex}.${s.name}`),
    ...PRLIMIT_RESOURCES.map((r) => `lxc.prlimit.${r}`),
    ...NAMESPACES.map((n) => `lxc.namespace.share.${n}`),
  ];
}
