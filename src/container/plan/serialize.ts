// Writes a Plan in the core's line format (core/PLAN.md): one directive per line,
// percent-encoded fields, `%-` for an empty field.
import { PLAN_VERSION, type Plan, type Step } from "./schema.ts";

// printable ASCII but space and %: the usual field, written as it is
const PLAIN = /^[\x21-\x24\x26-\x7e]+$/;

export function encodeField(v: string | number): string {
  const s = String(v);
  if (s === "") return "%-";
  if (PLAIN.test(s)) return s;
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    if (b <= 0x20 || b === 0x25 || b >= 0x7f) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
    else out += String.fromCharCode(b);
  }
  return out;
}

export function decodeField(f: string): string {
  if (f === "%-") return "";
  const bytes: number[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "%" && i + 2 < f.length + 1) {
      bytes.push(parseInt(f.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(f.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

const line = (word: string, ...fields: (string | number)[]) => [word, ...fields.map(encodeField)].join(" ");

function stepLine(s: Step): string {
  switch (s.kind) {
    case "mount":
      return line("mount", s.src, s.target, s.fstype, s.flags, s.data, s.opts.length ? s.opts.join(",") : "-", s.origin);
    case "mkdir":
      return line("mkdir", s.path, s.mode.toString(8), s.origin);
    case "mknod":
      return line("mknod", s.path, s.type, s.major, s.minor, s.mode.toString(8), s.origin);
    case "symlink":
      return line("symlink", s.target, s.path, s.origin);
    case "console":
      return line("console", s.dir || "-", s.origin);
    case "ttys":
      return line("ttys", s.dir || "-", s.origin);
  }
}

export function serializePlan(p: Plan): string {
  const out: string[] = [`lxc-ts-plan ${PLAN_VERSION}`];
  out.push(line("name", p.name), line("lxcpath", p.lxcpath), line("socket", p.socket));
  out.push(line("foreground", p.foreground ? 1 : 0));
  if (p.clone.length) out.push(["clone", ...p.clone].join(" "));
  for (const c of p.cgroups) out.push(line("cgroup", c));
  for (const sh of p.shares) out.push(line("share", sh.ns, sh.path));
  out.push(line("pdeathsig", p.pdeathsig));
  out.push(line("console", p.console));
  if (p.consoleLog) out.push(line("console-log", p.consoleLog));
  if (p.consoleLog && p.consoleLogSize) out.push(line("console-log-size", p.consoleLogSize, ...(p.consoleLogRotate ? ["rotate"] : [])));
  if (p.consolePath) out.push(line("console-path", p.consolePath));
  out.push(line("console-buffer", p.consoleBuffer));
  out.push(line("ttys", p.ttys));
  for (const c of p.cleanups) out.push(line("cleanup", c.kind, c.path));
  if (p.log) out.push(line("log", p.log.level, p.log.prog, p.log.file));
  if (p.notifyDir) out.push(line("notify", p.notifyDir));
  if (p.reaper) out.push(line("init-reaper", 1));
  if (p.teardown.length) out.push(line("teardown", ...p.teardown));
  if (p.onReboot?.length) out.push(line("on-reboot", ...p.onReboot));
  if (p.rootfs) out.push(line("rootfs", p.rootfs.src, p.rootfs.mountpoint, p.rootfs.flags, p.rootfs.data));
  for (const s of p.steps) out.push(stepLine(s));
  if (p.hostname !== undefined) out.push(line("hostname", p.hostname));
  for (const n of p.netup) out.push(line("netup", n));
  for (const [k, v] of p.sysctls) out.push(line("sysctl", k, v));
  for (const [r, s, h] of p.rlimits) out.push(line("rlimit", r, s, h));
  if (p.capdrop.length) out.push(line("capdrop", ...p.capdrop));
  if (p.nonewprivs) out.push(line("nonewprivs", 1));
  for (const e of p.env) out.push(line("env", e));
  out.push(line("gid", p.gid));
  if (p.groups.length) out.push(line("groups", ...p.groups));
  out.push(line("uid", p.uid));
  out.push(line("cwd", p.cwd));
  out.push(line("exec", ...p.exec));
  return out.join("\n") + "\n";
}

/** Line number (1-based) in the serialized plan of each step, to map core errors back. */
export function planLineOrigins(text: string): Map<number, string> {
  const m = new Map<number, string>();
  text.split("\n").forEach((l, i) => {
    const parts = l.split(" ");
    const w = parts[0];
    if (w === "mount" || w === "mkdir" || w === "mknod" || w === "symlink" || w === "console" || w === "ttys") {
      m.set(i + 1, decodeField(parts[parts.length - 1] ?? ""));
    } else if (w) {
      m.set(i + 1, w);
    }
  });
  return m;
}
