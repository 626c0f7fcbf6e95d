// Keys from before the LXC 2.1 rename. LXC 3+ refuses them; lxc-ts reads them under their new
// names with a notice, and updateConfigText() rewrites a file for lxc-update-config. Both use
// scanLegacy(), so a file reads the same before and after it is rewritten.
import { ROOTFS_BACKENDS } from "./names.ts";
import { classifyLine } from "./syntax.ts";

export const LEGACY_RENAMES: Readonly<Record<string, string>> = Object.freeze({
  "lxc.utsname": "lxc.uts.name",
  "lxc.id_map": "lxc.idmap",
  "lxc.aa_profile": "lxc.apparmor.profile",
  "lxc.aa_allow_incomplete": "lxc.apparmor.allow_incomplete",
  "lxc.se_context": "lxc.selinux.context",
  "lxc.seccomp": "lxc.seccomp.profile",
  "lxc.tty": "lxc.tty.max",
  "lxc.pts": "lxc.pty.max",
  "lxc.devttydir": "lxc.tty.dir",
  "lxc.console": "lxc.console.path",
  "lxc.mount": "lxc.mount.fstab",
  "lxc.haltsignal": "lxc.signal.halt",
  "lxc.rebootsignal": "lxc.signal.reboot",
  "lxc.stopsignal": "lxc.signal.stop",
  "lxc.loglevel": "lxc.log.level",
  "lxc.logfile": "lxc.log.file",
  "lxc.syslog": "lxc.log.syslog",
  "lxc.init_cmd": "lxc.init.cmd",
  "lxc.init_uid": "lxc.init.uid",
  "lxc.init_gid": "lxc.init.gid",
  "lxc.limit": "lxc.prlimit",
  "lxc.network": "lxc.net",
  "lxc.rootfs": "lxc.rootfs.path",
});

/** Old keys that no longer mean anything, with the reason. */
export const LEGACY_DROPPED: Readonly<Record<string, string>> = Object.freeze({
  "lxc.kmsg": "it has had no effect since LXC 2.1",
  "lxc.pivotdir": "it has had no effect since LXC 2.1",
  "lxc.rootfs.backend": "its storage type is now the TYPE: prefix of lxc.rootfs.path",
});

/** Per-file (rootfs backend) and per-load (NIC counter) state of the translation. */
export interface LegacyState {
  /** index given to the last un-indexed `lxc.network.type`, -1 before the first */
  nic: number;
  /** value of the file's last active `lxc.rootfs.backend` */
  backend?: string;
}

export interface LegacyLine {
  /** 0-based line index */
  index: number;
  commented: boolean;
  from: string;
  /** null: the key is dropped */
  to: string | null;
  /** the value text to store when it changes (lxc.rootfs gains its TYPE: prefix) */
  newValue?: string;
  reason?: string;
}

const KEY_LINE = /^([ \t]*(?:#+[ \t]*)?)(lxc\.[^\s=#]+)([ \t]*=)(.*)$/;

export function isLegacyKey(key: string): boolean {
  return key in LEGACY_RENAMES || key in LEGACY_DROPPED || key.startsWith("lxc.limit.") || key.startsWith("lxc.network.");
}

/** New name of a legacy `lxc.network*` subkey (ipv4/ipv6 gain `.address`). */
function netSub(sub: string): string {
  return sub === "ipv4" || sub === "ipv6" ? `${sub}.address` : sub;
}

function withBackend(value: string, backend: string | undefined): string {
  if (value === "") return value;
  const m = /^([a-z0-9]+):/.exec(value);
  if (m && ROOTFS_BACKENDS.includes(m[1]!)) return value;
  if (backend) return `${backend}:${value}`;
  return value.startsWith("/dev/") ? value : `dir:${value}`;
}

/** Translation of one key (advancing the NIC counter), or undefined when it is not legacy. */
export function translateKey(key: string, value: string, st: LegacyState): { to: string | null; newValue?: string; reason?: string } | undefined {
  if (key in LEGACY_DROPPED) return { to: null, reason: LEGACY_DROPPED[key] };
  if (key === "lxc.rootfs") {
    const nv = withBackend(value, st.backend);
    return { to: "lxc.rootfs.path", newValue: nv === value ? undefined : nv };
  }
  if (key === "lxc.network") {
    st.nic = -1;
    return { to: "lxc.net" };
  }
  const renamed = LEGACY_RENAMES[key];
  if (renamed) return { to: renamed };
  if (key.startsWith("lxc.limit.")) return { to: `lxc.prlimit.${key.slice("lxc.limit.".length)}` };
  const indexed = /^lxc\.network\.(\d+)\.(.+)$/.exec(key);
  if (indexed) return { to: `lxc.net.${Number(indexed[1])}.${netSub(indexed[2]!)}` };
  const plain = /^lxc\.network\.([a-z].*)$/.exec(key);
  if (plain) {
    if (plain[1] === "type") st.nic++;
    return { to: `lxc.net.${Math.max(st.nic, 0)}.${netSub(plain[1]!)}` };
  }
  return undefined;
}

/** Value of the last active `lxc.rootfs.backend` line. */
export function findBackend(lines: readonly string[]): string | undefined {
  let b: string | undefined;
  for (const raw of lines) {
    // a cheap test first: this runs over every line of every config loaded
    if (!raw.includes("lxc.rootfs.backend")) continue;
    const s = classifyLine(raw);
    if (s.kind === "entry" && s.key === "lxc.rootfs.backend" && s.value) b = s.value;
  }
  return b;
}

// Lines known to hold no legacy key (most lines of every config): a pure function of the
// text, remembered per process because lxc-ls scans many near-identical files.
const plainLines = new Set<string>();

/** Legacy keys of a file, active and commented out, by line. NIC numbering counts commented-out
 *  `lxc.network.type` lines too, as lxc-update-config does, so the two always agree. */
export function scanLegacy(lines: readonly string[], st: LegacyState = { nic: -1 }): LegacyLine[] {
  st.backend = findBackend(lines);
  const out: LegacyLine[] = [];
  lines.forEach((raw, index) => {
    if (plainLines.has(raw)) return;
    const m = KEY_LINE.exec(raw);
    const key = m?.[2];
    if (!m || !key || !isLegacyKey(key)) {
      if (plainLines.size < 10000) plainLines.add(raw);
      return;
    }
    const commented = m[1]!.includes("#");
    const cls = classifyLine(commented ? raw.slice(m[1]!.length) : raw);
    const t = translateKey(key, cls.value ?? "", st);
    if (t) out.push({ index, commented, from: key, to: t.to, newValue: t.newValue, reason: t.reason });
  });
  return out;
}

/** A file's text with every legacy key rewritten to its current name (comments, spacing and
 *  order kept; dropped keys' lines removed), and one line per change. Idempotent. */
export function updateConfigText(text: string): { text: string; changes: string[] } {
  const lines = text.split("\n");
  const found = scanLegacy(lines);
  const changes: string[] = [];
  const drop = new Set<number>();
  for (const l of found) {
    const n = l.index + 1;
    const where = l.commented ? `line ${n} (commented out)` : `line ${n}`;
    if (l.to === null) {
      if (l.commented) continue;
      drop.add(l.index);
      changes.push(`${where}: removed ${l.from} (${l.reason})`);
      continue;
    }
    const raw = lines[l.index]!;
    const m = KEY_LINE.exec(raw)!;
    let rest = m[4]!;
    if (l.newValue !== undefined) {
      const lead = /^[ \t]*["']?/.exec(rest)![0];
      const cls = classifyLine(l.commented ? raw.slice(m[1]!.length) : raw);
      rest = lead + l.newValue.slice(0, l.newValue.length - (cls.value ?? "").length) + rest.slice(lead.length);
    }
    lines[l.index] = m[1]! + l.to + m[3]! + rest;
    changes.push(`${where}: ${l.from} -> ${l.to}${l.newValue !== undefined ? ` (value ${l.newValue})` : ""}`);
  }
  return { text: lines.filter((_, i) => !drop.has(i)).join("\n"), changes };
}
