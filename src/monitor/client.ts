// Client of a running container's monitor (the C core), over its abstract command socket.
// The client always speaks first; one request line, one answer line (see core/PLAN.md).
// Bun.connect rather than node:net: loading node:net costs about 3 ms, more than all the
// rest of an lxc-info run, and Bun.connect reaches abstract names with their exact length.
import type { Socket } from "bun";
import { LxcError } from "../errors.ts";

export type StateName =
  | "STOPPED" | "STARTING" | "RUNNING" | "STOPPING" | "ABORTING" | "FREEZING" | "FROZEN" | "THAWED";

export const STATES: StateName[] = ["STOPPED", "STARTING", "RUNNING", "STOPPING", "ABORTING", "FREEZING", "FROZEN", "THAWED"];

/** What the socket callbacks report to the request waiting on them. */
interface Conn {
  onData(text: string): void;
  onGone(): void;
}

async function connect(socketName: string, conn: Conn): Promise<Socket<undefined> | null> {
  const decoder = new TextDecoder();
  try {
    return await Bun.connect({
      unix: "\0" + socketName,
      socket: {
        data: (_s, d) => conn.onData(decoder.decode(d, { stream: true })),
        end: () => conn.onGone(),
        close: () => conn.onGone(),
        error: () => conn.onGone(),
      },
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === "ECONNREFUSED" || code === "ENOENT") return null;
    throw new LxcError("CORE_PROTOCOL", `cannot reach the container monitor at @${socketName}: ${(e as Error)?.message ?? String(e)}`);
  }
}

/**
 * Sends one request and returns the first answer line, or null when no monitor listens
 * (the container is not running) or the monitor closed without answering.
 */
export async function request(socketName: string, line: string, timeoutMs = 0, abort?: AbortSignal): Promise<string | null> {
  let buf = "";
  let done = false;
  let settle: (v: string | null, err?: Error) => void = () => {};
  const answer = new Promise<string | null>((resolve, reject) => {
    settle = (v, err) => (err ? reject(err) : resolve(v));
  });
  let s: Socket<undefined> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (v: string | null, err?: Error) => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    s?.end();
    settle(v, err);
  };
  s = await connect(socketName, {
    onData(text) {
      buf += text;
      const nl = buf.indexOf("\n");
      if (nl >= 0) finish(buf.slice(0, nl));
    },
    onGone: () => finish(buf.length ? buf : null),
  });
  if (!s) return null;
  // the monitor may have answered and closed before connect() returned
  if (done) {
    s.end();
    return answer;
  }
  if (timeoutMs > 0) timer = setTimeout(() => finish(null, new LxcError("STATE_TIMEOUT", `timed out after ${timeoutMs / 1000}s waiting for the monitor`)), timeoutMs);
  // an abandoned request must not keep holding one of the monitor's connections
  if (abort?.aborted) finish(null);
  else abort?.addEventListener("abort", () => finish(null), { once: true });
  if (!done) s.write(line + "\n");
  return answer;
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
export async function waitState(socketName: string, states: StateName[], abort?: AbortSignal): Promise<StateName> {
  const r = await request(socketName, `wait ${states.join("|")}`, 0, abort);
  if (r === null) return "STOPPED";
  return r.trim() as StateName;
}
