// Builds the start plan from a container's config and a few host facts. Pure: no I/O, so
// plans are golden-tested. The order of filesystem steps follows LXC's: /dev tmpfs, proc
// and sys, fstab, mount entries, cgroup mounts, device nodes, devpts, console, ttys, /dev
// symlinks; then pivot_root and the process setup in the core's fixed order.
import { LxcError, notSupportedYet } from "../../errors.ts";
import { ConfigView, type Sourced } from "./config-view.ts";
import { parseMountOptions } from "./mount-options.ts";
import { MS, type Cleanup, type Plan, type Step } from "./schema.ts";
import { capabilityNumber, signalNumber } from "./names-tables.ts";

export interface CgroupMountEntry {
  /** name under /sys/fs/cgroup */
  name: string;
  kind: "cgroup" | "cgroup2" | "symlink";
  /** controllers (v1 mount data) or the symlink target */
  data: string;
}

export interface PlanInput {
  name: string;
  lxcpath: string;
  /** the global lxc.lxcpath, for LXC's absolute mount-entry target rule */
  globalLxcpath: string;
  socket: string;
  config: ConfigView;
  /** the rootfs directory, already prepared by the storage backend; absent = host root */
  rootfs?: { path: string; mountpoint: string; configValue: string };
  cgroupDirs: string[];
  /** what the host has in /sys/fs/cgroup; null = pure cgroup2 at /sys/fs/cgroup */
  cgroupLayout: CgroupMountEntry[] | null;
  foreground: boolean;
  /** false when a NIC of type none shares the host's network namespace */
  netns: boolean;
  /** container interfaces the core brings up after lo (NICs that need nothing else inside) */
  netup?: string[];
  /** namespaces joined instead of cloned (lxc.namespace.share.*, resolved to paths) */
  shares?: { ns: string; path: string }[];
  command?: string[];
  /** lxc-execute: our reaper is PID 1, the command gets the caller's stdio */
  execute?: boolean;
  notifyDir?: string;
  log?: { level: number; prog: string; file: string };
  cleanups: Cleanup[];
  teardown: string[];
  onReboot?: string[];
  callerEnv: Record<string, string | undefined>;
  /** lines of lxc.mount.fstab, read by the caller */
  fstab?: { file: string; lines: string[] };
  capLast: number;
  /** warnings for the log (e.g. ignored mount entries) */
  warn?: (msg: string) => void;
}

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const ALL_NS = ["mnt", "pid", "uts", "ipc", "net", "cgroup"];
const RLIMITS: Record<string, number> = {
  cpu: 0, fsize: 1, data: 2, stack: 3, core: 4, rss: 5, nproc: 6, nofile: 7, memlock: 8, as: 9,
  locks: 10, sigpending: 11, msgqueue: 12, nice: 13, rtprio: 14, rttime: 15,
};
const V1_CONTROLLERS = new Set([
  "blkio", "cpu", "cpuacct", "cpuset", "devices", "freezer", "hugetlb", "memory", "net_cls", "net_prio", "perf_event", "pids", "rdma", "misc",
]);

function bad(s: Sourced, msg: string, hint?: string): LxcError {
  return new LxcError("CONFIG_BAD_VALUE", `${s.origin.replace(/@/, " at ")}: ${msg}`, { hint, details: { key: s.key } });
}

/** Splits a command line with simple quoting, as lxc.init.cmd values are written. */
export function splitCommand(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q: string | null = null;
  let has = false;
  for (const c of s) {
    if (q) {
      if (c === q) q = null;
      else cur += c;
    } else if (c === "'" || c === '"') {
      q = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = "";
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

function unescapeFstab(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

function mountEntryStep(
  text: string,
  origin: string,
  ctx: { rootfsPrefixes: string[]; warn: (m: string) => void; key: string },
): Step | null {
  const f = text.trim().split(/\s+/);
  if (f.length < 4) {
    throw new LxcError("CONFIG_BAD_VALUE", `${origin.replace(/@/, " at ")}: mount entry "${text}" needs at least 4 fields`, {
      hint: "write it as in fstab: SOURCE TARGET FSTYPE OPTIONS [DUMP PASS], e.g. /srv/data srv none bind,create=dir 0 0",
      details: { key: ctx.key },
    });
  }
  const src = unescapeFstab(f[0]!);
  let target = unescapeFstab(f[1]!);
  const fstype = f[2]!;
  const o = parseMountOptions(f[3]!);
  if (o.unknownLxc.length) throw notSupportedYet(`mount option ${o.unknownLxc.join(",")} (${origin.replace(/@/, " at ")})`);
  if (target.startsWith("/")) {
    const pre = ctx.rootfsPrefixes.find((p) => target === p || target.startsWith(p + "/"));
    if (!pre) {
      ctx.warn(`ignoring mount entry with target "${target}" outside the container's rootfs (${origin})`);
      return null;
    }
    target = target.slice(pre.length);
  }
  target = target.replace(/^\/+/, "").replace(/\/+$/, "");
  const opts: string[] = [];
  if (o.optional) opts.push("optional");
  if (o.create === "dir") opts.push("mkdir");
  if (o.create === "file") opts.push("mkfile");
  if (o.relative) opts.push("relsrc");
  const nonBind = o.flags & ~(MS.BIND | MS.REC);
  if (o.bind && nonBind) opts.push("remount");
  return { kind: "mount", src, target, fstype, flags: o.flags | o.propagation, data: o.data, opts, origin };
}

function autoMounts(view: ConfigView): { proc?: string; sys?: string; cgroup?: string; origin: string } {
  const r: { proc?: string; sys?: string; cgroup?: string; origin: string } = { origin: "lxc.mount.auto" };
  for (const s of view.list("lxc.mount.auto")) {
    r.origin = s.origin;
    for (const tok of s.value.split(/\s+/).filter(Boolean)) {
      const [what, ...mods] = tok.split(":");
      const mode = mods.filter((m) => m !== "force")[0];
      if (what === "proc") r.proc = mode ?? "mixed";
      else if (what === "sys") r.sys = mode ?? "mixed";
      else if (what === "cgroup" || what === "cgroup-full") r.cgroup = mode ?? "mixed";
      else if (what === "cgroup2") r.cgroup = mode === "ro" ? "ro" : "rw";
      else if (what === "shmounts") throw notSupportedYet(`lxc.mount.auto = ${tok} (${s.origin.replace(/@/, " at ")})`);
      else throw bad(s, `unknown lxc.mount.auto token "${tok}"`, "use proc, sys, cgroup, cgroup-full or cgroup2 with their :mixed/:ro/:rw variants");
    }
  }
  return r;
}

const NOSUID_NODEV_NOEXEC = MS.NOSUID | MS.NODEV | MS.NOEXEC;

function procSysSteps(a: ReturnType<typeof autoMounts>): Step[] {
  const steps: Step[] = [];
  const origin = a.origin;
  if (a.proc) {
    steps.push({ kind: "mount", src: "proc", target: "proc", fstype: "proc", flags: NOSUID_NODEV_NOEXEC, data: "", opts: ["mkdir"], origin });
    if (a.proc === "mixed") {
      // writable /proc, but the host-wide knobs under /proc/sys and sysrq are read-only;
      // /proc/sys/net belongs to the container's own network namespace, so it stays writable
      steps.push({ kind: "mount", src: "proc/sys", target: "proc/sys", fstype: "none", flags: MS.BIND | MS.RDONLY | NOSUID_NODEV_NOEXEC, data: "", opts: ["relsrc", "remount"], origin });
      steps.push({ kind: "mount", src: "proc/sys/net", target: "proc/sys/net", fstype: "none", flags: MS.BIND | NOSUID_NODEV_NOEXEC, data: "", opts: ["relsrc", "remount", "optional"], origin });
      steps.push({ kind: "mount", src: "proc/sysrq-trigger", target: "proc/sysrq-trigger", fstype: "none", flags: MS.BIND | MS.RDONLY | NOSUID_NODEV_NOEXEC, data: "", opts: ["relsrc", "remount", "optional"], origin });
    } else if (a.proc !== "rw") {
      throw new LxcError("CONFIG_BAD_VALUE", `${origin.replace(/@/, " at ")}: unknown proc mode "${a.proc}"`, { hint: "use proc, proc:mixed or proc:rw" });
    }
  }
  if (a.sys) {
    const ro = a.sys === "ro" || a.sys === "mixed";
    if (!["ro", "rw", "mixed"].includes(a.sys)) {
      throw new LxcError("CONFIG_BAD_VALUE", `${origin.replace(/@/, " at ")}: unknown sys mode "${a.sys}"`, { hint: "use sys, sys:mixed, sys:ro or sys:rw" });
    }
    steps.push({ kind: "mount", src: "sysfs", target: "sys", fstype: "sysfs", flags: NOSUID_NODEV_NOEXEC | (ro ? MS.RDONLY : 0), data: "", opts: ["mkdir"], origin });
    if (a.sys === "mixed") {
      steps.push({ kind: "mount", src: "sys/devices/virtual/net", target: "sys/devices/virtual/net", fstype: "none", flags: MS.BIND | NOSUID_NODEV_NOEXEC, data: "", opts: ["relsrc", "remount", "optional"], origin });
    }
  }
  return steps;
}

function cgroupSteps(mode: string, layout: CgroupMountEntry[] | null, origin: string): Step[] {
  const ro = mode === "ro" ? MS.RDONLY : 0;
  if (!["ro", "rw", "mixed"].includes(mode)) {
    throw new LxcError("CONFIG_BAD_VALUE", `${origin.replace(/@/, " at ")}: unknown cgroup mode "${mode}"`, { hint: "use cgroup, cgroup:mixed, cgroup:ro or cgroup:rw" });
  }
  if (layout === null) {
    return [{ kind: "mount", src: "cgroup2", target: "sys/fs/cgroup", fstype: "cgroup2", flags: NOSUID_NODEV_NOEXEC | ro, data: "", opts: ["mkdir"], origin }];
  }
  const tmpfsData = "size=10240k,mode=755";
  const steps: Step[] = [
    { kind: "mount", src: "tmpfs", target: "sys/fs/cgroup", fstype: "tmpfs", flags: NOSUID_NODEV_NOEXEC, data: tmpfsData, opts: ["mkdir"], origin },
  ];
  for (const e of layout) {
    const target = `sys/fs/cgroup/${e.name}`;
    if (e.kind === "symlink") steps.push({ kind: "symlink", target: e.data, path: target, origin });
    else if (e.kind === "cgroup2") steps.push({ kind: "mount", src: "cgroup2", target, fstype: "cgroup2", flags: NOSUID_NODEV_NOEXEC | ro, data: "", opts: ["mkdir"], origin });
    else {
      const data = e.data.split(",").filter((t) => V1_CONTROLLERS.has(t) || t.startsWith("name=")).join(",");
      steps.push({ kind: "mount", src: "cgroup", target, fstype: "cgroup", flags: NOSUID_NODEV_NOEXEC | ro, data: data || "none", opts: ["mkdir"], origin });
    }
  }
  if (mode !== "rw") {
    steps.push({ kind: "mount", src: "tmpfs", target: "sys/fs/cgroup", fstype: "tmpfs", flags: MS.REMOUNT | MS.RDONLY | NOSUID_NODEV_NOEXEC, data: tmpfsData, opts: [], origin });
  }
  return steps;
}

function intValue(s: Sourced | undefined, dflt: number, min = 0): number {
  if (!s) return dflt;
  const n = Number(s.value);
  if (!Number.isInteger(n) || n < min) throw bad(s, `"${s.value}" is not a whole number${min > 0 ? ` >= ${min}` : ""}`);
  return n;
}

function boolValue(s: Sourced | undefined, dflt: boolean): boolean {
  if (!s) return dflt;
  if (s.value === "0") return false;
  if (s.value === "1") return true;
  throw bad(s, `"${s.value}" is not 0 or 1`);
}

function namespaces(view: ConfigView, netNone: boolean): string[] {
  const clone = view.scalar("lxc.namespace.clone");
  const keep = view.scalar("lxc.namespace.keep");
  let ns = [...ALL_NS];
  if (clone) ns = clone.value.split(/\s+/).filter(Boolean);
  else if (keep) {
    const k = keep.value.split(/\s+/).filter(Boolean);
    ns = ALL_NS.filter((n) => !k.includes(n));
  }
  const src = clone ?? keep;
  for (const n of ns) {
    if (n === "user" || n === "time") throw notSupportedYet(`the ${n} namespace (${src?.origin.replace(/@/, " at ") ?? n})`, "user namespaces (lxc.idmap) come with unprivileged container support");
    if (!ALL_NS.includes(n)) throw bad(src!, `unknown namespace "${n}"`, `use names from: ${ALL_NS.join(" ")}`);
  }
  if (netNone) ns = ns.filter((n) => n !== "net");
  return ns;
}

export function buildPlan(inp: PlanInput): Plan {
  const v = inp.config;
  const warn = inp.warn ?? (() => {});
  const shares = inp.shares ?? [];
  const clone = namespaces(v, !inp.netns).filter((n) => !shares.some((s) => s.ns === n));

  const steps: Step[] = [];
  const autodev = boolValue(v.scalar("lxc.autodev"), true) && inp.rootfs !== undefined;
  const autos = autoMounts(v);
  let rootfs: Plan["rootfs"];
  if (inp.rootfs) {
    const opt = v.scalar("lxc.rootfs.options");
    const o = parseMountOptions(opt?.value ?? "");
    if (o.unknownLxc.length) throw notSupportedYet(`lxc.rootfs.options ${o.unknownLxc.join(",")}`);
    rootfs = { src: inp.rootfs.path, mountpoint: inp.rootfs.mountpoint, flags: o.flags & ~(MS.BIND | MS.REC), data: o.data };
    const rootfsPrefixes = [`${inp.globalLxcpath}/${inp.name}/rootfs`, inp.rootfs.configValue.replace(/^dir:/, "")]
      .map((p) => p.replace(/\/+$/, ""));

    if (autodev) {
      const size = intValue(v.scalar("lxc.autodev.tmpfs.size"), 500000, 1);
      steps.push({ kind: "mount", src: "none", target: "dev", fstype: "tmpfs", flags: MS.NOSUID | MS.NOEXEC, data: `size=${size},mode=755`, opts: ["mkdir"], origin: "lxc.autodev" });
    }
    steps.push(...procSysSteps(autos));
    if (inp.fstab) {
      inp.fstab.lines.forEach((l, i) => {
        const t = l.trim();
        if (!t || t.startsWith("#")) return;
        const s = mountEntryStep(t, `lxc.mount.fstab@${inp.fstab!.file}:${i + 1}`, { rootfsPrefixes, warn, key: "lxc.mount.fstab" });
        if (s) steps.push(s);
      });
    }
    for (const e of v.list("lxc.mount.entry")) {
      const s = mountEntryStep(e.value, e.origin, { rootfsPrefixes, warn, key: e.key });
      if (s) steps.push(s);
    }
    if (autos.cgroup) steps.push(...cgroupSteps(autos.cgroup, inp.cgroupLayout, autos.origin));
    const ttyDir = v.get("lxc.tty.dir") ?? "";
    if (autodev) {
      const devs: [string, number, number][] = [["null", 1, 3], ["zero", 1, 5], ["full", 1, 7], ["urandom", 1, 9], ["random", 1, 8], ["tty", 5, 0]];
      for (const [n, ma, mi] of devs) steps.push({ kind: "mknod", path: `dev/${n}`, type: "c", major: ma, minor: mi, mode: 0o666, origin: "lxc.autodev" });
    }
    const ptyMax = intValue(v.scalar("lxc.pty.max"), 0);
    steps.push({
      kind: "mount", src: "devpts", target: "dev/pts", fstype: "devpts", flags: MS.NOSUID | MS.NOEXEC,
      data: `newinstance,ptmxmode=0666,mode=0620,gid=5${ptyMax > 0 ? `,max=${ptyMax}` : ""}`, opts: ["mkdir"], origin: "lxc.pty.max",
    });
    if (autodev) steps.push({ kind: "symlink", target: "pts/ptmx", path: "dev/ptmx", origin: "lxc.autodev" });
    else steps.push({ kind: "mount", src: "dev/pts/ptmx", target: "dev/ptmx", fstype: "none", flags: MS.BIND, data: "", opts: ["relsrc", "optional", "mkfile"], origin: "lxc.pty.max" });
    const consolePath = v.get("lxc.console.path");
    if (consolePath !== "none" && !inp.execute) steps.push({ kind: "console", dir: ttyDir, origin: "lxc.console.path" });
    const ttys = intValue(v.scalar("lxc.tty.max"), 0);
    if (ttys > 0) steps.push({ kind: "ttys", dir: ttyDir, origin: "lxc.tty.max" });
    if (autodev) {
      steps.push({ kind: "symlink", target: "/proc/self/fd", path: "dev/fd", origin: "lxc.autodev" });
      ["stdin", "stdout", "stderr"].forEach((n, i) => steps.push({ kind: "symlink", target: `/proc/self/fd/${i}`, path: `dev/${n}`, origin: "lxc.autodev" }));
    }
  } else if (v.list("lxc.mount.entry").length || autos.proc || autos.sys || autos.cgroup) {
    throw new LxcError("CONFIG_BAD_VALUE", "mounts are configured but the container has no lxc.rootfs.path", {
      hint: "set lxc.rootfs.path, or remove lxc.mount.entry / lxc.mount.auto lines",
    });
  }

  const consoleSrc = v.scalar("lxc.console.path");
  // the config check already made it "none" or an absolute path
  const consolePeer = consoleSrc && consoleSrc.value !== "none" && !inp.execute && inp.rootfs ? consoleSrc.value : undefined;
  const ttys = inp.rootfs ? intValue(v.scalar("lxc.tty.max"), 0) : 0;

  const env: string[] = ["container=lxc"];
  if (ttys > 0) env.push(`container_ttys=${Array.from({ length: ttys }, (_, i) => `tty${i + 1}`).join(" ")}`);
  for (const e of v.list("lxc.environment")) {
    const eq = e.value.indexOf("=");
    if (eq < 0) {
      const hv = inp.callerEnv[e.value];
      if (hv !== undefined) env.push(`${e.value}=${hv}`);
    } else env.push(e.value);
  }
  if (!env.some((e) => e.startsWith("PATH="))) env.push(`PATH=${DEFAULT_PATH}`);

  const cmdKey = inp.execute ? "lxc.execute.cmd" : "lxc.init.cmd";
  const configured = v.get(cmdKey);
  if (inp.execute && !inp.command?.length && !configured) {
    throw new LxcError("USAGE", "no command to execute", { hint: "give it after --, e.g. lxc-execute -n NAME -- /bin/sh, or set lxc.execute.cmd" });
  }
  const exec = inp.command && inp.command.length ? inp.command : splitCommand(configured ?? "/sbin/init");
  if (!exec.length) throw new LxcError("CONFIG_BAD_VALUE", `${cmdKey} is empty`, { hint: `set ${cmdKey} to the program to run` });

  const capdrop = new Set<number>();
  const keep = v.list("lxc.cap.keep");
  const drop = v.list("lxc.cap.drop");
  if (keep.length && drop.length) {
    throw bad(keep[0]!, "lxc.cap.keep and lxc.cap.drop cannot both be set", "keep only one of them");
  }
  if (keep.length) {
    const kept = new Set<number>();
    for (const k of keep) for (const n of k.value.split(/\s+/).filter(Boolean)) if (n !== "none") kept.add(capabilityNumber(n, k));
    for (let c = 0; c <= inp.capLast; c++) if (!kept.has(c)) capdrop.add(c);
  }
  for (const d of drop) for (const n of d.value.split(/\s+/).filter(Boolean)) capdrop.add(capabilityNumber(n, d));

  const sysctls: [string, string][] = v.prefixed("lxc.sysctl.").map((s) => [s.key.slice("lxc.sysctl.".length).replace(/\./g, "/"), s.value]);
  const rlimits: [number, number, number][] = v.prefixed("lxc.prlimit.").map((s) => {
    const res = s.key.slice("lxc.prlimit.".length);
    const no = RLIMITS[res];
    if (no === undefined) throw bad(s, `unknown resource limit "${res}"`, `use one of ${Object.keys(RLIMITS).join(" ")}`);
    const parts = s.value.split(":");
    const lim = (x: string) => {
      if (x === "unlimited") return -1;
      const n = Number(x);
      if (!Number.isInteger(n) || n < 0) throw bad(s, `"${x}" is not a number or "unlimited"`);
      return n;
    };
    const soft = lim(parts[0]!);
    return [no, soft, parts.length > 1 ? lim(parts[1]!) : soft];
  });

  const uid = intValue(v.scalar("lxc.init.uid"), 0);
  const gid = intValue(v.scalar("lxc.init.gid"), 0);
  const groupsSrc = v.scalar("lxc.init.groups");
  const groups = groupsSrc
    ? groupsSrc.value.split(",").map((g) => {
        const n = Number(g.trim());
        if (!Number.isInteger(n) || n < 0) throw bad(groupsSrc, `"${g}" is not a group id`);
        return n;
      })
    : [];
  const cwdSrc = v.scalar("lxc.init.cwd");
  if (cwdSrc && !cwdSrc.value.startsWith("/")) throw bad(cwdSrc, "lxc.init.cwd must be an absolute path");
  const pdeath = v.scalar("lxc.monitor.signal.pdeath");
  const bufSrc = v.scalar("lxc.console.buffer.size");
  const logSizeSrc = v.scalar("lxc.console.size");

  return {
    name: inp.name,
    lxcpath: inp.lxcpath,
    socket: inp.socket,
    foreground: inp.foreground,
    clone,
    shares,
    cgroups: inp.cgroupDirs,
    pdeathsig: pdeath ? signalNumber(pdeath) : 9,
    console: inp.execute ? "inherit" : v.get("lxc.console.path") === "none" || !inp.rootfs ? "none" : "pty",
    consoleLog: v.get("lxc.console.logfile"),
    consolePath: consolePeer,
    consoleBuffer: bufSrc ? consoleBufferSize(bufSrc) : 0,
    consoleLogSize: logSizeSrc && v.get("lxc.console.logfile") ? consoleBufferSize(logSizeSrc) : 0,
    consoleLogRotate: boolValue(v.scalar("lxc.console.rotate"), false),
    ttys,
    cleanups: inp.cleanups,
    log: inp.log,
    notifyDir: inp.notifyDir,
    reaper: (inp.execute ?? false) && clone.includes("pid"),
    teardown: inp.teardown,
    onReboot: inp.onReboot,
    rootfs,
    steps,
    hostname: clone.includes("uts") ? (v.get("lxc.uts.name") ?? inp.name) : undefined,
    netup: clone.includes("net") ? ["lo", ...(inp.netup ?? [])] : [],
    sysctls,
    rlimits,
    capdrop: [...capdrop].sort((a, b) => a - b),
    nonewprivs: boolValue(v.scalar("lxc.no_new_privs"), false),
    env,
    uid,
    gid,
    groups,
    cwd: cwdSrc?.value ?? "/",
    exec,
  };
}

export function consoleBufferSize(s: Sourced): number {
  if (s.value === "auto") return 128 * 1024;
  const m = /^(\d+)\s*(kb|mb|gb|k|m|g|b)?$/i.exec(s.value.trim());
  if (!m) throw bad(s, `"${s.value}" is not a size`, "use a number of bytes, a size like 128KB or 1MB, or auto");
  const mult: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1 << 20, mb: 1 << 20, g: 1 << 30, gb: 1 << 30 };
  return Number(m[1]) * (mult[(m[2] ?? "b").toLowerCase()] ?? 1);
}
