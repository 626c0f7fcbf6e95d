// Starting a container: validate, prepare storage and cgroups, build the plan, run the
// core, and return once the container is RUNNING (or with the first real error, having
// rolled back what was made). The monitor (the core) owns the container from then on.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { LxcError, notSupportedYet } from "../errors.ts";
import { LEVELS, log, parseLevel } from "../log.ts";
import { selfCommand } from "../sys/self.ts";
import { relaySignals } from "../sys/signal-relay.ts";
import { cgroupManager, type CgroupHandle } from "../cgroups/index.ts";
import { backendForRootfs } from "../storage/registry.ts";
import { apparmorEnabled } from "../security/apparmor.ts";
import { runCore, type CoreEvent, type CoreRun } from "./core-process.ts";
import { hostCgroupLayout, capLast, rootfsMountpoint } from "./host-facts.ts";
import { loadConfig, type LoadedConfig } from "./load.ts";
import { lockContainer } from "./lock.ts";
import { commandSocketName, type ContainerRef } from "./names.ts";
import { buildPlan } from "./plan/build.ts";
import type { Cleanup } from "./plan/schema.ts";
import { planLineOrigins, serializePlan } from "./plan/serialize.ts";
import { status } from "../monitor/client.ts";
import { globalLxcpath } from "./paths.ts";
import { errnoName } from "../sys/errno.ts";
import { coreNetup, createHostNics, hostLinks, moveIntoContainer, planNetwork, removeHostNics, type NetworkSetup } from "../network/setup.ts";
import { notifyDir, runtimePath, writeRuntime } from "./runtime.ts";
import { resolveShares } from "./shares.ts";

export interface StartOptions {
  foreground?: boolean;
  /** lxc-execute: our reaper is PID 1 and the command gets the caller's stdio */
  execute?: boolean;
  command?: string[];
  rcfile?: string;
  defines?: string[];
  pidfile?: string;
  consoleLog?: string;
  /** -c FILE: lxc.console.path for this start */
  consolePath?: string;
  logFile?: string | null;
  /** no -o/-l was given: lxc.log.file and lxc.log.level from the config apply */
  configLogging?: boolean;
}

export interface StartResult {
  alreadyRunning: boolean;
  monitorPid?: number;
  initPid?: number;
  /** for -F: the monitor's exit code; for lxc-execute in the foreground: the command's */
  exitCode?: number;
  /** -F: init asked for a reboot; the caller starts the container again */
  rebooted?: boolean;
}

/** Keys whose feature is not built yet are refused, never silently ignored. */
function refuseUnsupported(cfg: LoadedConfig): void {
  const aa = apparmorEnabled();
  for (const e of cfg.config.unsupportedInUse()) {
    // Like LXC, AppArmor settings do nothing on a kernel without AppArmor.
    if (e.key.startsWith("lxc.apparmor.") && !aa) continue;
    throw notSupportedYet(`${e.key} (${e.file}:${e.line})`, `remove or comment out that line to start this container with lxc-ts`, { key: e.key, file: e.file, line: e.line });
  }
  const prof = cfg.view.get("lxc.apparmor.profile");
  if (aa && prof && prof !== "unconfined" && prof !== "unchanged") {
    throw notSupportedYet(`lxc.apparmor.profile = ${prof}`, "set lxc.apparmor.profile = unconfined until AppArmor support lands");
  }
  const eph = cfg.view.get("lxc.ephemeral");
  if (eph === "1") throw notSupportedYet("lxc.ephemeral = 1");
  if (cfg.view.list("lxc.idmap").length) throw notSupportedYet("lxc.idmap (unprivileged containers)");
  if (cfg.view.list("lxc.cgroup2.devices.allow").length || cfg.view.list("lxc.cgroup2.devices.deny").length) {
    throw notSupportedYet("lxc.cgroup2.devices.* (eBPF device rules)");
  }
}

function mapCoreError(ev: Extract<CoreEvent, { type: "error" }>, origins: Map<number, string>): LxcError {
  const origin = origins.get(ev.index) ?? ev.step;
  const at = origin.includes("@") ? `${origin.replace("@", " at ")}: ` : origin && origin !== ev.step ? `${origin}: ` : "";
  const en = ev.errno ? ` (${errnoName(ev.errno)})` : "";
  const key = origin.split("@")[0];
  let hint: string | undefined;
  if (ev.errno === 40) hint = "mount targets may not be reached through symlinks inside the container: point the entry at the real path";
  else if (ev.step === "exec" && ev.errno === 2) hint = "check that the command (lxc.init.cmd, lxc.execute.cmd or the one given on the command line) exists inside the container's rootfs";
  else if (ev.step === "console") hint = "check lxc.console.path / lxc.console.logfile (or -c / -L): the directory must exist";
  else if (ev.errno === 2) hint = "create the missing path, or add create=dir / create=file (or optional) to the mount entry";
  return new LxcError("CORE_FAILED", `${at}${ev.message}${en}`, { hint, details: { step: ev.step, errno: ev.errno, key } });
}

/** The shell's convention for a wait status: the exit code, or 128 + the signal. */
export function statusToExitCode(status: number): number {
  const sig = status & 0x7f;
  return sig === 0 ? (status >> 8) & 0xff : 128 + sig;
}

// The monitor takes SIGTERM and SIGHUP to stop init (or to abort a start); a terminal's ^C
// and ^\ reach it (same process group) by themselves, so we only keep them from killing us.
const FORWARDED: NodeJS.Signals[] = ["SIGTERM", "SIGHUP"];
const IGNORED: NodeJS.Signals[] = ["SIGINT", "SIGQUIT"];

const SIGHUP = 1;

/** Stays with a foreground monitor until it exits: the exit code the tool reports, and whether init asked for a reboot. */
async function followForeground(core: CoreRun, execute: boolean): Promise<{ code: number; rebooted: boolean }> {
  let initStatus: number | undefined;
  for (;;) {
    const ev = await core.next();
    if (ev === null) break;
    if (ev.type === "exited") initStatus = ev.status;
  }
  const code = await core.exited;
  if (execute) return { code: initStatus === undefined ? 1 : statusToExitCode(initStatus), rebooted: false };
  // in a pid namespace, reboot(2) by init ends it with SIGHUP
  return { code: code ?? 1, rebooted: initStatus !== undefined && (initStatus & 0x7f) === SIGHUP };
}

/** The lxc-start command line that starts this container again after a reboot (daemon mode). */
function restartCommand(ref: ContainerRef, opts: StartOptions): string[] {
  const argv = [...selfCommand(), "lxc-start", "-n", ref.name, "-P", ref.lxcpath];
  if (opts.rcfile) argv.push("-f", resolve(opts.rcfile));
  for (const d of opts.defines ?? []) argv.push("-s", d);
  if (opts.pidfile) argv.push("-p", resolve(opts.pidfile));
  if (opts.consoleLog) argv.push("-L", resolve(opts.consoleLog));
  if (opts.consolePath) argv.push("-c", resolve(opts.consolePath));
  if (!opts.configLogging && log.file) argv.push("-o", log.file, "-l", LEVELS[log.level]!);
  if (opts.command?.length) argv.push("--", ...opts.command);
  return argv;
}

export async function startContainer(ref: ContainerRef, opts: StartOptions = {}): Promise<StartResult> {
  log.trace("start", `phase: locking (${performance.now().toFixed(1)} ms after the process started)`);
  const lock = lockContainer(ref);
  let cg: CgroupHandle | null = null;
  let net: NetworkSetup | null = null;
  let coreOwnsTeardown = false;
  // installed before the core exists: the command may run (and a caller signal us) before RUNNING
  const relay = opts.foreground ? relaySignals(FORWARDED, IGNORED) : null;
  try {
    const socket = commandSocketName(ref);
    const st = await status(socket);
    if (st) return { alreadyRunning: true, monitorPid: st.monitorPid, initPid: st.pid };

    log.trace("start", `phase: reading the config (${performance.now().toFixed(1)} ms)`);
    const cfg = loadConfig(ref, { rcfile: opts.rcfile, defines: opts.defines });
    const v = cfg.view;
    if (opts.configLogging) {
      const lf = v.get("lxc.log.file");
      const ll = v.get("lxc.log.level");
      if (ll) log.level = parseLevel(ll, "lxc.log.level");
      if (lf) log.setFile(lf, true);
    }
    refuseUnsupported(cfg);
    if (opts.consoleLog) cfg.entries.push({ key: "lxc.console.logfile", value: opts.consoleLog, file: "command line -L", line: 0 });
    if (opts.consolePath) cfg.entries.push({ key: "lxc.console.path", value: resolve(opts.consolePath), file: "command line -c", line: 0 });

    const rootfsVal = v.scalar("lxc.rootfs.path");
    let rootfs: { path: string; mountpoint: string; configValue: string } | undefined;
    if (rootfsVal) {
      const be = backendForRootfs(rootfsVal.value);
      let path: string;
      try {
        path = await be.mountPath(rootfsVal.value);
      } catch (e) {
        if (e instanceof LxcError) throw new LxcError(e.code, `${rootfsVal.origin.replace("@", " at ")}: ${e.message}`, { hint: e.hint, details: e.details });
        throw e;
      }
      rootfs = { path, mountpoint: rootfsMountpoint(v.get("lxc.rootfs.mount"), path), configValue: rootfsVal.value };
    }
    const fstabSrc = v.scalar("lxc.mount.fstab");
    let fstab: { file: string; lines: string[] } | undefined;
    if (fstabSrc) {
      if (!existsSync(fstabSrc.value)) {
        throw new LxcError("CONFIG_BAD_VALUE", `${fstabSrc.origin.replace("@", " at ")}: fstab file ${fstabSrc.value} does not exist`, { hint: "fix the path or remove lxc.mount.fstab", details: { key: "lxc.mount.fstab" } });
      }
      fstab = { file: fstabSrc.value, lines: readFileSync(fstabSrc.value, "utf8").split("\n") };
    }

    log.trace("start", "phase: storage, shares, network, cgroups");
    const shares = await resolveShares(v, ref.lxcpath);
    // a shared network namespace is someone else's: its interfaces are left as they are
    net = shares.some((s) => s.ns === "net") ? { needsNetns: true, nics: [] } : planNetwork(v);
    if (!net.nics.length && v.networks().size) log.info("net", "the network namespace is shared: lxc.net.* is not applied");
    const mgr = cgroupManager();
    cg = await mgr.create(ref.name, { pattern: undefined, dir: v.get("lxc.cgroup.dir") });
    const v1 = v.prefixed("lxc.cgroup.").filter((s) => !s.key.startsWith("lxc.cgroup.dir") && s.key !== "lxc.cgroup.relative");
    if (v1.length) await cg.apply(v1.map((s) => ({ key: s.key.slice("lxc.cgroup.".length), value: s.value })), "v1");
    const v2 = v.prefixed("lxc.cgroup2.");
    if (v2.length) await cg.apply(v2.map((s) => ({ key: s.key.slice("lxc.cgroup2.".length), value: s.value })), "v2");

    await createHostNics(net, ref.name);
    // what the monitor removes once init has exited, without a TS process of its own
    const cleanups: Cleanup[] = cg.paths.map((path) => ({ kind: "rmtree", path }));
    cleanups.push({ kind: "unlink", path: runtimePath(ref) });
    if (opts.pidfile) cleanups.push({ kind: "unlink", path: resolve(opts.pidfile) });

    log.trace("start", "phase: building the plan");
    const plan = buildPlan({
      name: ref.name,
      lxcpath: ref.lxcpath,
      globalLxcpath: globalLxcpath(),
      socket,
      config: v,
      rootfs,
      cgroupDirs: cg.paths,
      cgroupLayout: hostCgroupLayout(),
      foreground: opts.foreground ?? false,
      netns: net.needsNetns,
      netup: coreNetup(net),
      shares,
      command: opts.command,
      execute: opts.execute,
      notifyDir: notifyDir(ref.lxcpath),
      log: log.file ? { level: log.level, prog: log.prog, file: log.file } : undefined,
      cleanups,
      teardown: [],
      onReboot: opts.foreground || opts.execute ? undefined : restartCommand(ref, opts),
      callerEnv: process.env,
      fstab,
      capLast: capLast(),
      warn: (m) => log.warn("conf", m),
    });
    const text = serializePlan(plan);
    if (log.file && log.level === 0) text.split("\n").forEach((l, i) => l && log.trace("start", `plan line ${i + 1}: ${l}`));
    const origins = planLineOrigins(text);

    log.trace("start", "phase: running the core");
    const core = runCore(text, { title: `[lxc monitor] ${ref.lxcpath} ${ref.name}`, foreground: opts.foreground ?? false });
    coreOwnsTeardown = true;
    relay?.attach((sig) => core.kill(sig));
    let failure: LxcError | null = null;
    let initPid: number | undefined;
    for (;;) {
      const ev = await core.next();
      if (ev === null) break;
      if (ev.type === "pid") {
        log.trace("start", `phase: init is pid ${ev.pid}; moving NICs, then go`);
        initPid = ev.pid;
        try {
          moveIntoContainer(net, ev.pid);
          core.send("go");
        } catch (e) {
          failure = e instanceof LxcError ? e : new LxcError("NET_FAILED", String(e));
          core.send("abort");
        }
      } else if (ev.type === "running") {
        log.trace("start", "phase: running");
        break;
      } else if (ev.type === "error") {
        failure ??= mapCoreError(ev, origins);
        if (ev.step === "socket" && ev.errno === 98) {
          return { alreadyRunning: true };
        }
      } else if (ev.type === "exited" || ev.type === "stopped") {
        if (ev.type === "stopped") break;
      }
    }
    const monitorPid = core.pid;
    if (!failure && initPid === undefined) {
      failure = new LxcError("CORE_FAILED", "the container monitor exited before starting init", {
        hint: "run lxc-start with -F -l DEBUG -o FILE for details",
      });
    }
    if (failure) {
      // the monitor runs the teardown itself; wait for it to finish so nothing is left
      await core.exited;
      const stillThere = await status(socket).catch(() => null);
      if (!stillThere) {
        await cg.remove().catch(() => {});
        await removeHostNics(net);
      }
      throw failure;
    }
    writeRuntime(ref, { monitorPid: monitorPid ?? 0, initPid: initPid ?? 0, links: hostLinks(net) });
    log.info("start", `container ${ref.name} is RUNNING (init pid ${initPid}, monitor pid ${monitorPid})`);
    if (opts.pidfile && monitorPid) writeFileSync(opts.pidfile, String(monitorPid), { mode: 0o600 });
    if (opts.foreground) {
      lock.release();
      const fg = await followForeground(core, opts.execute ?? false);
      return { alreadyRunning: false, monitorPid, initPid, exitCode: fg.code, rebooted: fg.rebooted };
    }
    core.detach();
    return { alreadyRunning: false, monitorPid, initPid };
  } catch (e) {
    if (!coreOwnsTeardown) {
      if (cg) await cg.remove().catch(() => {});
      if (net) await removeHostNics(net);
    }
    throw e;
  } finally {
    relay?.remove();
    lock.release();
  }
}
