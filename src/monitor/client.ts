// Client of a running container's monitor (the C core), over its abstract command socket.
// The client always speaks first; one request line, one answer line (see core/PLAN.md).
import { createConnection, type Socket } from "node:net";
import { LxcError } from "../errors.ts";

export type StateName =
  | "STOPPED" | "STARTING" | "RUNNING" | "STOPPING" | "ABORTING" | "FREEZING" | "FROZEN" | "THAWED";

export const STATES: StateName[] = ["STOPPED", "STARTING", "RUNNING", "STOPPING", "ABORTING", "FREEZING", "FROZEN", "THAWED"];

function connect(socketName: string): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const s = createConnection({ path: "\0" + socketName });
    const onErr = (e: NodeJS.ErrnoException) => {
      s.destroy();
      if (e.code === "ECONNREFUSED" || e.code === "ENOENT") resolve(null);
      else reject(new LxcError("CORE_PROTOCOL", `cannot reach the container monitor at @${socketName}: ${e.message}`));
    };
    s.once("error", onErr);
    s.once("connect", () => {
      s.off("error", onErr);
      resolve(s);
    });
  });
}

/**
 * Sends one request and returns the first answer line, or null when no monitor listens
 * (the container is not running) or the monitor closed without answering.
 */
export async function request(socketName: string, line: string, timeoutMs = 0): Promise<string | null> {
  const s = await connect(socketName);
  if (!s) return null;
  return new Promise((resolve, reject) => {
    let buf = "";
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (v: string | null, err?: Error) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      s.destroy();
      if (err) reject(err);
      else resolve(v);
    };
    if (timeoutMs > 0) timer = setTimeout(() => finish(null, new LxcError("STATE_TIMEOUT", `timed out after ${timeoutMs / 1000}s waiting for the monitor`)), timeoutMs);
    s.setEncoding("utf8");
    s.on("data", (d: string) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) finish(buf.slice(0, nl));
    });
    s.on("end", () => finish(buf.length ? buf : null));
    s.on("close", () => finish(buf.length ? buf : null));
    s.on("error", () => finish(null));
    s.write(line + "\n");
  });
}

export interface MonitorStatus {
  state: StateName;
  pid: number;
  monitorPid: number;
}

export async function status(socketName: string): Promise<MonitorStatus | null> {
  const r = await request(socketName, "status", 5000);
  if (r === null) return null;
  const [st, pid, mpid] = r.trim().split(/\s+/);
  if (!st || !STATES.includes(st as StateName)) {
    throw new LxcError("CORE_PROTOCOL", `unexpected answer from the monitor at @${socketName}: "${r.trim()}"`, {
      hint: "is another program (another LXC) using this container's command socket?",
    });
  }
  return { state: st as StateName, pid: Number(pid), monitorPid: Number(mpid) };
}

export async function sendSignal(socketName: string, signo: number): Promise<boolean> {
  const r = await request(socketName, `signal ${signo}`, 5000);
  if (r === null) return false;
  if (r.trim() === "ok") return true;
  throw new LxcError("CORE_FAILED", `the monitor could not signal init: ${r.trim()}`);
}

/**
 * Resolves with the state reached once it is one of `states`, or "STOPPED" when the
 * monitor goes away (or was never there).
 */
export async function waitState(socketName: string, states: StateName[]): Promise<StateName> {
  const r = await request(socketName, `wait ${states.join("|")}`);
  if (r === null) return "STOPPED";
  return r.trim() as StateName;
}
