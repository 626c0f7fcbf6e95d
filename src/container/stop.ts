// Stopping a container: a clean halt with lxc.signal.halt and a timeout, then a kill; or
// a kill at once (-k); or a reboot request (-r).
import { LxcError } from "../errors.ts";
import { log } from "../log.ts";
import { sendSignal, status, waitState } from "../monitor/client.ts";
import { lockContainer } from "./lock.ts";
import { commandSocketName, configPath, type ContainerRef } from "./names.ts";
import { scanSignals } from "./stop-signals.ts";

export interface StopOptions {
  kill?: boolean;
  reboot?: boolean;
  /** seconds; -1 waits forever */
  timeout?: number;
  nowait?: boolean;
  nokill?: boolean;
  nolock?: boolean;
}

export type StopOutcome = "stopped" | "not-running" | "requested" | "timeout";

const SIGKILL = 9;
const SIGPWR = 30;
const SIGINT = 2;

async function signals(ref: ContainerRef) {
  const scanned = scanSignals(configPath(ref));
  if (scanned) {
    const s = (k: "lxc.signal.halt" | "lxc.signal.reboot" | "lxc.signal.stop", d: number) => scanned.get(k) ?? d;
    return { halt: s("lxc.signal.halt", SIGPWR), reboot: s("lxc.signal.reboot", SIGINT), stop: s("lxc.signal.stop", SIGKILL) };
  }
  // the whole config: includes, or something the scan cannot vouch for
  const { loadConfig } = await import("./load.ts");
  const { signalNumber } = await import("./plan/names-tables.ts");
  try {
    const v = loadConfig(ref).view;
    const s = (k: string, d: number) => {
      const x = v.scalar(k);
      return x ? signalNumber(x) : d;
    };
    return { halt: s("lxc.signal.halt", SIGPWR), reboot: s("lxc.signal.reboot", SIGINT), stop: s("lxc.signal.stop", SIGKILL) };
  } catch (e) {
    log.warn("stop", `using default signals: ${(e as Error).message}`);
    return { halt: SIGPWR, reboot: SIGINT, stop: SIGKILL };
  }
}

function withTimeout<T>(p: Promise<T>, seconds: number): Promise<T | "timeout"> {
  if (seconds < 0) return p;
  return new Promise((res, rej) => {
    const t = setTimeout(() => res("timeout"), seconds * 1000);
    p.then((v) => { clearTimeout(t); res(v); }, (e) => { clearTimeout(t); rej(e); });
  });
}

export async function stopContainer(ref: ContainerRef, o: StopOptions = {}): Promise<StopOutcome> {
  if (o.kill && (o.reboot || o.nokill || (o.timeout !== undefined && o.timeout !== 0))) {
    throw new LxcError("USAGE", "-k/--kill cannot be combined with -r, --nokill or a timeout", { hint: "use -k alone for a hard stop" });
  }
  if (o.reboot && o.nokill) throw new LxcError("USAGE", "-r/--reboot cannot be combined with --nokill");
  const lock = o.nolock ? null : lockContainer(ref);
  try {
    const socket = commandSocketName(ref);
    const st = await status(socket);
    if (!st || st.state === "STOPPED") return "not-running";
    const sig = await signals(ref);
    if (o.reboot) {
      await sendSignal(socket, sig.reboot);
      return "requested";
    }
    if (o.kill) {
      const stopped = waitState(socket, ["STOPPED"]);
      await sendSignal(socket, sig.stop);
      await stopped;
      return "stopped";
    }
    const stopped = waitState(socket, ["STOPPED"]);
    await sendSignal(socket, sig.halt);
    if (o.nowait) return "requested";
    const timeout = o.timeout ?? 60;
    const r = await withTimeout(stopped, timeout);
    if (r !== "timeout") return "stopped";
    if (o.nokill) return "timeout";
    log.info("stop", `${ref.name} did not halt within ${timeout}s; killing it`);
    const again = waitState(socket, ["STOPPED"]);
    await sendSignal(socket, SIGKILL).catch(() => false);
    await again;
    return "stopped";
  } finally {
    lock?.release();
  }
}
