// The attach plan handed to `lxc-core attach` (core/PLAN.md, "Attach"), and the pure
// decisions behind it: environment, capabilities, namespaces named on the command line,
// privileges kept with -e, the login shell. No I/O here, so all of it is unit-tested.
import { LxcError } from "../errors.ts";
import type { ConfigView } from "./plan/config-view.ts";
import { capabilityNumber } from "./plan/names-tables.ts";
import { encodeField } from "./plan/serialize.ts";

export const ATTACH_PLAN_VERSION = 1;

/** Namespace names as /proc/PID/ns shows them, in the order the core joins them. */
export const NAMESPACES = ["user", "pid", "uts", "ipc", "net", "time", "mnt", "cgroup"] as const;
export type NsName = (typeof NAMESPACES)[number];

export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export interface AttachPlan {
  name: string;
  pid: number;
  quiet: boolean;
  setns: NsName[];
  cgroups: string[];
  capdrop: number[];
  nonewprivs: boolean;
  env: string[];
  gid: number;
  groups: number[];
  uid: number;
  cwd: string;
  pty: boolean;
  exec: string[];
}

/** What -e keeps: CGROUP (stay in our cgroup), CAP (keep capabilities), LSM (keep our label). */
export interface Elevated {
  cgroup: boolean;
  cap: boolean;
  lsm: boolean;
}

export const NOT_ELEVATED: Elevated = { cgroup: false, cap: false, lsm: false };
export const ALL_ELEVATED: Elevated = { cgroup: true, cap: true, lsm: true };

export interface EnvOptions {
  /** the caller's environment */
  caller: Record<string, string | undefined>;
  /** --clear-env (otherwise --keep-env, the default) */
  clear: boolean;
  /** --keep-var NAME: kept with --clear-env */
  keep: string[];
  /** -v/--set-var K=V; a bare K removes K */
  set: string[];
}

export interface AttachPlanInput {
  name: string;
  initPid: number;
  /** the namespaces to join (already without those we share with the container) */
  namespaces: NsName[];
  /** the cgroup directories to move the command into (ignored when elevated.cgroup) */
  cgroupDirs: string[];
  config: ConfigView;
  capLast: number;
  elevated: Elevated;
  env: EnvOptions;
  uid: number;
  gid: number;
  cwd: string;
  pty: boolean;
  command: string[];
  quiet?: boolean;
}

const usage = (msg: string, hint: string) => new LxcError("USAGE", `lxc-attach: ${msg}`, { hint });

/**
 * -s/--namespaces: `|`-separated; LXC's documented names (MOUNT, PID, UTSNAME, IPC, USER,
 * NETWORK, CGROUP) and the /proc/PID/ns names (mnt, uts, net, time, ...), any case.
 */
export function parseNamespaces(arg: string): NsName[] {
  const alias: Record<string, NsName> = { mount: "mnt", utsname: "uts", network: "net" };
  const out: NsName[] = [];
  const tokens = arg.split("|").map((t) => t.trim());
  if (!tokens.some((t) => t !== "")) throw usage(`-s/--namespaces needs at least one namespace`, "e.g. -s 'NETWORK|UTSNAME'");
  for (const t of tokens) {
    if (t === "") continue;
    const low = t.toLowerCase();
    const ns = alias[low] ?? (NAMESPACES as readonly string[]).find((n) => n === low);
    if (!ns) {
      throw usage(`unknown namespace "${t}" in -s/--namespaces`, "use MOUNT, PID, UTSNAME, IPC, USER, NETWORK, CGROUP (or mnt, uts, net, time), separated by |");
    }
    if (!out.includes(ns as NsName)) out.push(ns as NsName);
  }
  return out;
}

/** -e/--elevated-privileges[=LIST]: undefined = not given, "" = given without a list = all. */
export function parseElevated(arg: string | undefined): Elevated {
  if (arg === undefined) return { ...NOT_ELEVATED };
  if (arg === "") return { ...ALL_ELEVATED };
  const out = { ...NOT_ELEVATED };
  for (const t of arg.split("|").map((x) => x.trim()).filter(Boolean)) {
    const up = t.toUpperCase();
    if (up === "CGROUP") out.cgroup = true;
    else if (up === "CAP") out.cap = true;
    else if (up === "LSM") out.lsm = true;
    else throw usage(`unknown privilege "${t}" in -e/--elevated-privileges`, "use CGROUP, CAP and LSM, separated by |, or -e alone for all of them");
  }
  return out;
}

/** A uid or gid given with -u/-g: a decimal number (LXC takes no names either). */
export function parseId(arg: string, what: "-u/--uid" | "-g/--gid"): number {
  if (!/^\d+$/.test(arg) || Number(arg) > 0xfffffffe) throw usage(`${what} wants a number, not "${arg}"`, `e.g. ${what.slice(0, 2)} 1000`);
  return Number(arg);
}

/**
 * The command's environment, in LXC's order: the caller's (or, with --clear-env, only the
 * kept variables and a default PATH), then container=lxc, then lxc.environment, then -v.
 * Setting a variable again keeps its first position, as setenv(3) does.
 */
export function attachEnv(opts: EnvOptions, config: ConfigView): string[] {
  const env = new Map<string, string>();
  if (opts.clear) {
    for (const k of opts.keep) {
      const v = opts.caller[k];
      if (v !== undefined) env.set(k, v);
    }
    if (!env.has("PATH")) env.set("PATH", DEFAULT_PATH);
  } else {
    for (const [k, v] of Object.entries(opts.caller)) if (v !== undefined && k !== "" && !k.includes("=")) env.set(k, v);
  }
  env.set("container", "lxc");
  for (const e of config.list("lxc.environment")) {
    const eq = e.value.indexOf("=");
    if (eq < 0) {
      const v = opts.caller[e.value];
      if (v !== undefined) env.set(e.value, v);
    } else if (eq > 0) env.set(e.value.slice(0, eq), e.value.slice(eq + 1));
  }
  for (const s of opts.set) {
    const eq = s.indexOf("=");
    if (eq < 0) env.delete(s);
    else if (eq > 0) env.set(s.slice(0, eq), s.slice(eq + 1));
    else throw usage(`-v/--set-var "${s}" has no variable name`, "write it as -v NAME=VALUE");
  }
  return [...env].map(([k, v]) => `${k}=${v}`);
}

/** Capabilities to drop from the bounding set: lxc.cap.drop, or all but lxc.cap.keep. */
export function attachCapDrop(config: ConfigView, capLast: number): number[] {
  const keep = config.list("lxc.cap.keep");
  const drop = config.list("lxc.cap.drop");
  const out = new Set<number>();
  if (keep.length && drop.length) {
    throw new LxcError("CONFIG_BAD_VALUE", `${keep[0]!.origin.replace("@", " at ")}: lxc.cap.keep and lxc.cap.drop cannot both be set`, {
      hint: "keep only one of them",
      details: { key: "lxc.cap.keep" },
    });
  }
  if (keep.length) {
    const kept = new Set<number>();
    for (const k of keep) for (const n of k.value.split(/\s+/).filter(Boolean)) if (n !== "none") kept.add(capabilityNumber(n, k));
    for (let c = 0; c <= capLast; c++) if (!kept.has(c)) out.add(c);
  }
  for (const d of drop) for (const n of d.value.split(/\s+/).filter(Boolean)) out.add(capabilityNumber(n, d));
  return [...out].sort((a, b) => a - b);
}

function boolValue(config: ConfigView, key: string): boolean {
  const v = config.get(key);
  return v?.trim() === "1";
}

/**
 * The login shell of `uid` in a passwd file's text; undefined when the uid has no entry
 * or an empty shell field.
 */
export function loginShell(passwd: string, uid: number): string | undefined {
  for (const line of passwd.split("\n")) {
    const f = line.split(":");
    if (f.length < 7 || f[0]!.startsWith("#")) continue;
    if (f[2] === String(uid)) {
      const sh = f[6]!.trim();
      return sh === "" ? undefined : sh;
    }
  }
  return undefined;
}

export function buildAttachPlan(inp: AttachPlanInput): AttachPlan {
  if (!inp.command.length || inp.command[0] === "") {
    throw new LxcError("USAGE", "lxc-attach: the command to run is empty", { hint: "give a command after --, or none for the login shell" });
  }
  const order = (ns: NsName[]) => NAMESPACES.filter((n) => ns.includes(n));
  return {
    name: inp.name,
    pid: inp.initPid,
    quiet: inp.quiet ?? false,
    setns: order(inp.namespaces),
    cgroups: inp.elevated.cgroup ? [] : [...inp.cgroupDirs],
    capdrop: inp.elevated.cap ? [] : attachCapDrop(inp.config, inp.capLast),
    nonewprivs: boolValue(inp.config, "lxc.no_new_privs"),
    env: attachEnv(inp.env, inp.config),
    gid: inp.gid,
    groups: [],
    uid: inp.uid,
    cwd: inp.cwd,
    pty: inp.pty,
    exec: [...inp.command],
  };
}

const line = (word: string, ...fields: (string | number)[]) => [word, ...fields.map(encodeField)].join(" ");

export function serializeAttachPlan(p: AttachPlan): string {
  const out = [`lxc-ts-attach ${ATTACH_PLAN_VERSION}`];
  if (p.name) out.push(line("name", p.name));
  if (p.quiet) out.push(line("quiet", 1));
  out.push(line("pid", p.pid));
  if (p.setns.length) out.push(["setns", ...p.setns].join(" "));
  for (const c of p.cgroups) out.push(line("cgroup", c));
  if (p.capdrop.length) out.push(line("capdrop", ...p.capdrop));
  if (p.nonewprivs) out.push(line("nonewprivs", 1));
  for (const e of p.env) out.push(line("env", e));
  out.push(line("gid", p.gid));
  out.push(line("groups", ...p.groups));
  out.push(line("uid", p.uid));
  out.push(line("cwd", p.cwd));
  out.push(line("pty", p.pty ? 1 : 0));
  out.push(line("exec", ...p.exec));
  return out.join("\n") + "\n";
}
