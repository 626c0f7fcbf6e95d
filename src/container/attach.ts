// Running a command inside a running container (lxc-attach): ask the monitor for init's
// pid, gather what the plan needs from /proc and the cgroup tree, and hand the plan to
// `lxc-core attach`, which does the namespace work (a multithreaded runtime cannot
// setns() into mount or user namespaces). The command gets our stdin/stdout/stderr, or a
// pty for the ones that are terminals; its exit status is ours.
import type { Subprocess } from "bun";
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync, constants as fsc } from "node:fs";
import { constants as osc } from "node:os";
import { basename, dirname, join } from "node:path";
import { isatty } from "../sys/libc.ts";
import { LxcError } from "../errors.ts";
import { log } from "../log.ts";
import { cgroupManager } from "../cgroups/index.ts";
import { PAYLOAD_PREFIX } from "../cgroups/naming.ts";
import { status } from "../monitor/client.ts";
import { corePath } from "../sys/self.ts";
import { relaySignals } from "../sys/signal-relay.ts";
import { sendPlan } from "./core-process.ts";
import { buildAttachPlan, NAMESPACES, NOT_ELEVATED, ALL_ELEVATED, loginShell, serializeAttachPlan, type Elevated, type NsName } from "./attach-plan.ts";
import { capLast } from "./host-facts.ts";
import { containerExists, loadConfig, notFound } from "./load.ts";
import { commandSocketName, type ContainerRef } from "./names.ts";
import { ConfigView } from "./plan/config-view.ts";

export interface AttachOptions {
  rcfile?: string;
  /** -s: join only these (implies all of -e) */
  namespaces?: NsName[];
  /** -e */
  elevated?: Elevated;
  clearEnv?: boolean;
  keepVars?: string[];
  setVars?: string[];
  uid?: number;
  gid?: number;
  /** empty or absent: the user's login shell in the container */
  command?: string[];
  /** override the pty decision (default: when stdin, stdout or stderr is a terminal) */
  pty?: boolean;
  quiet?: boolean;
  env?: Record<string, string | undefined>;
}

const RUNNING_STATES = new Set(["RUNNING", "FROZEN", "FREEZING", "THAWED"]);

/** init's pid from the monitor; not running -> STATE_NOT_RUNNING (or STATE_NOT_FOUND). */
export async function initPidOf(ref: ContainerRef): Promise<number> {
  const st = await status(commandSocketName(ref));
  if (st && RUNNING_STATES.has(st.state) && st.pid > 0) return st.pid;
  if (!st && !containerExists(ref)) throw notFound(ref);
  throw new LxcError("STATE_NOT_RUNNING", `container ${ref.name} is not running`, {
    hint: `start it first with lxc-start -n ${ref.name}${ref.lxcpath ? ` -P ${ref.lxcpath}` : ""}`,
    details: { state: st?.state ?? "STOPPED" },
  });
}

function nsId(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/** The namespaces of pid that differ from ours (of `wanted`, or of all). */
export function namespacesToJoin(pid: number, wanted?: NsName[]): NsName[] {
  return NAMESPACES.filter((ns) => {
    if (wanted && !wanted.includes(ns)) return false;
    const theirs = nsId(`/proc/${pid}/ns/${ns}`);
    if (theirs === null) return false;
    return theirs !== nsId(`/proc/self/ns/${ns}`);
  });
}

/** The payload cgroup above dir when init sits in a sub-cgroup of it (systemd's init.scope). */
function payloadRoot(dir: string, name: string): string {
  let d = dir;
  while (d !== "/" && d !== ".") {
    const b = basename(d);
    if (b === PAYLOAD_PREFIX + name || (b.startsWith(`${PAYLOAD_PREFIX}${name}-`) && /^\d+$/.test(b.slice(PAYLOAD_PREFIX.length + name.length + 1)))) return d;
    d = dirname(d);
  }
  return dir;
}

/**
 * Where the command goes: the container's cgroup in each hierarchy; on cgroup2 its `.lxc`
 * leaf (as LXC does: the container's own cgroup may be an inner node with controllers
 * enabled, where no process may live).
 */
export function attachCgroups(ref: ContainerRef, pid: number): string[] {
  const h = cgroupManager().findForPid(pid);
  if (!h) {
    log.warn("attach", `cannot find the cgroups of pid ${pid}: the command stays in ours`);
    return [];
  }
  const out: string[] = [];
  for (const p of h.paths) {
    const dir = payloadRoot(p, ref.name);
    if (!existsSync(join(dir, "cgroup.controllers"))) {
      out.push(dir);
      continue;
    }
    const leaf = join(dir, ".lxc");
    try {
      mkdirSync(leaf);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new LxcError("CGROUP_FAILED", `cannot create the attach cgroup ${leaf}: ${(e as Error).message}`, {
          hint: "use -e CGROUP to leave the command in the current cgroup",
          details: { path: leaf },
        });
      }
    }
    out.push(leaf);
  }
  return out;
}

/** init's real uid and gid (the default identity of the command). */
export function initIds(pid: number): { uid: number; gid: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const uid = /^Uid:\s+(\d+)/m.exec(s);
    const gid = /^Gid:\s+(\d+)/m.exec(s);
    return { uid: uid ? Number(uid[1]) : 0, gid: gid ? Number(gid[1]) : 0 };
  } catch {
    return { uid: 0, gid: 0 };
  }
}

/**
 * The container's /etc/passwd, read through /proc/PID/root: a regular file only, at most
 * 1 MiB, never following a symlink in the last component (the container controls it).
 */
function containerPasswd(pid: number): string {
  let fd = -1;
  try {
    fd = openSync(`/proc/${pid}/root/etc/passwd`, fsc.O_RDONLY | fsc.O_NOFOLLOW | fsc.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return "";
    const buf = Buffer.alloc(1 << 20);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r <= 0) break;
      n += r;
      if (n === buf.length) break;
    }
    return buf.subarray(0, n).toString("utf8");
  } catch {
    return "";
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** The user's login shell in the container, /bin/sh when it has none. */
export function defaultShell(pid: number, uid: number): string {
  return loginShell(containerPasswd(pid), uid) ?? "/bin/sh";
}

function loadView(ref: ContainerRef, rcfile?: string): ConfigView {
  if (!rcfile && !containerExists(ref)) return new ConfigView([]);
  return loadConfig(ref, { rcfile }).view;
}

const FORWARDED: NodeJS.Signals[] = ["SIGTERM", "SIGHUP", "SIGUSR1", "SIGUSR2"];
// a terminal's ^C and ^\ reach the core and the command by themselves
const IGNORED: NodeJS.Signals[] = ["SIGINT", "SIGQUIT"];

/** Runs the core with the plan on fd 3 and our stdio; resolves with its exit code.
 *  Bun.spawn, not node:child_process: with an extra pipe, spawn() alone took 4-8 ms. */
function runAttachCore(plan: string): Promise<number> {
  const bin = corePath();
  let child: Subprocess<"inherit", "inherit", "inherit">;
  try {
    // socket-fd: the fd is ours to close (Bun closes "pipe" fds itself, which would be twice)
    child = Bun.spawn([bin, "attach"], { stdio: ["inherit", "inherit", "inherit", "socket-fd"] });
  } catch (e) {
    // worded as node:child_process worded it ("spawn /path ENOENT")
    const code = (e as NodeJS.ErrnoException).code;
    return Promise.reject(new LxcError("CORE_FAILED", `cannot run the lxc-ts core ${bin}: ${code ? `spawn ${bin} ${code}` : (e as Error).message}`, {
      hint: "reinstall lxc-ts (make install), or set LXC_TS_CORE to the lxc-core binary",
    }));
  }
  const relay = relaySignals(FORWARDED, IGNORED);
  relay.attach((s) => child.kill(s));
  const fd = child.stdio[3];
  if (typeof fd === "number") sendPlan(fd, plan);
  return child.exited.then(() => {
    relay.remove();
    if (child.exitCode !== null) return child.exitCode;
    const sig = child.signalCode;
    return 128 + (typeof sig === "number" ? sig : sig ? (osc.signals[sig] ?? 0) : 0);
  });
}

function currentDir(): string {
  try {
    return process.cwd();
  } catch {
    return "/";   // our cwd was removed: the command starts at the root
  }
}

/** Attach and run; resolves with the command's exit status (128+N if killed by signal N). */
export async function attachContainer(ref: ContainerRef, opts: AttachOptions = {}): Promise<number> {
  const pid = await initPidOf(ref);
  const view = loadView(ref, opts.rcfile);
  // -s implies -e: only the named namespaces change, nothing else
  const elevated = opts.namespaces ? ALL_ELEVATED : opts.elevated ?? NOT_ELEVATED;
  const namespaces = namespacesToJoin(pid, opts.namespaces);
  const ids = initIds(pid);
  const uid = opts.uid ?? ids.uid;
  const gid = opts.gid ?? ids.gid;
  const command = opts.command?.length ? opts.command : [defaultShell(pid, uid)];
  const pty = opts.pty ?? (isatty(0) || isatty(1) || isatty(2));
  const cgroupDirs = elevated.cgroup ? [] : attachCgroups(ref, pid);
  const plan = buildAttachPlan({
    name: ref.name,
    initPid: pid,
    namespaces,
    cgroupDirs,
    config: view,
    capLast: capLast(),
    elevated,
    env: { caller: opts.env ?? process.env, clear: opts.clearEnv ?? false, keep: opts.keepVars ?? [], set: opts.setVars ?? [] },
    uid,
    gid,
    cwd: currentDir(),
    pty,
    command,
    quiet: opts.quiet,
  });
  const text = serializeAttachPlan(plan);
  log.debug("attach", `attach plan for ${ref.name}:\n${text}`);
  return runAttachCore(text);
}
