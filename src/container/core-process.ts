// Runs `lxc-core start` with a plan and follows its events (core/PLAN.md). In daemon mode
// the core outlives us as the container's monitor; we only wait until it reports RUNNING
// or the first error.
import { closeSync, writeSync } from "node:fs";
import { writeBytes } from "../sys/stdio.ts";
import { LxcError } from "../errors.ts";
import { corePath } from "../sys/self.ts";
import { decodeField } from "./plan/serialize.ts";

export type CoreEvent =
  | { type: "pid"; pid: number }
  | { type: "running" }
  | { type: "error"; index: number; step: string; errno: number; message: string }
  | { type: "exited"; status: number }
  | { type: "stopped" };

export function parseEvent(line: string): CoreEvent | null {
  const f = line.split(" ");
  switch (f[0]) {
    case "pid":
      return { type: "pid", pid: Number(f[1]) };
    case "running":
      return { type: "running" };
    case "error":
      return { type: "error", index: Number(f[1]), step: decodeField(f[2] ?? ""), errno: Number(f[3]), message: decodeField(f.slice(4).join(" ")) };
    case "exited":
      return { type: "exited", status: Number(f[1]) };
    case "stopped":
      return { type: "stopped" };
    default:
      return null;
  }
}

export interface CoreRun {
  /** the monitor's pid */
  pid: number;
  kill(signal: NodeJS.Signals): void;
  /** next event, or null once the core closed its event channel */
  next(): Promise<CoreEvent | null>;
  send(cmd: "go" | "abort"): void;
  /** stop listening; the core carries on alone */
  detach(): void;
  /** the monitor's exit code (null when a signal ended it) */
  exited: Promise<number | null>;
}

/**
 * Writes the plan to the core's fd 3 and closes it. The fd is non-blocking: a plan larger
 * than the socket buffer waits for the core, which reads it before anything else. A core
 * gone before reading it says so through its events or exit status.
 */
export function sendPlan(fd: number, plan: string): void {
  writeBytes(fd, new TextEncoder().encode(plan));
  closeSync(fd);
}

/**
 * Bun.spawn rather than node:child_process, whose loading and per-spawn stream setup cost
 * several milliseconds of every start. fds 3-5 are socketpairs (bidirectional, so which
 * end reads does not matter): the plan is written in one go and closed, events are read
 * as a stream, commands are single small writes.
 */
export function runCore(plan: string, opts: { title: string; foreground: boolean }): CoreRun {
  const bin = corePath();
  let child: ReturnType<typeof Bun.spawn>;
  try {
    child = Bun.spawn([bin], {
      argv0: opts.title,
      stdio: opts.foreground
        ? ["inherit", "inherit", "inherit", "socket-fd", "socket-fd", "socket-fd"]
        : ["ignore", "ignore", "ignore", "socket-fd", "socket-fd", "socket-fd"],
      detached: !opts.foreground,
    });
  } catch (e) {
    throw new LxcError("CORE_FAILED", `cannot run the lxc-ts core ${bin}: ${(e as Error).message}`, {
      hint: "reinstall lxc-ts (make install), or set LXC_TS_CORE to the lxc-core binary",
    });
  }
  const fds = child.stdio as unknown as (number | null)[];
  const planFd = fds[3]!;
  const evFd = fds[4]!;
  let cmdFd: number | null = fds[5]!;
  sendPlan(planFd, plan);

  const queue: (CoreEvent | null)[] = [];
  let waiter: ((e: CoreEvent | null) => void) | null = null;
  let closed = false;
  const push = (e: CoreEvent | null) => {
    if (waiter) {
      const w = waiter;
      waiter = null;
      w(e);
    } else queue.push(e);
  };
  const reader = Bun.file(evFd).stream().getReader();
  void (async () => {
    const dec = new TextDecoder();
    let buf = "";
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        buf += dec.decode(r.value, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const ev = parseEvent(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (ev) push(ev);
        }
      }
    } catch {
      // a read error ends the events like EOF does
    }
    closed = true;
    closeEvents();
    push(null);
  })();
  // both fds are ours (socket-fd): closed once done with, so that a monitor that outlives us
  // sees EPIPE and logs its errors itself instead of writing them into an unread socket
  let evOpen = true;
  function closeEvents(): void {
    if (evOpen) closeSync(evFd);
    evOpen = false;
  }
  const closeCommands = () => {
    if (cmdFd !== null) closeSync(cmdFd);
    cmdFd = null;
  };
  const exited = child.exited.then(
    (code) => {
      closeCommands();
      return child.signalCode ? null : code;
    },
    () => {
      closeCommands();
      return null;
    },
  );
  return {
    pid: child.pid,
    kill(signal) {
      child.kill(signal);
    },
    next() {
      if (queue.length) return Promise.resolve(queue.shift()!);
      if (closed) return Promise.resolve(null);
      return new Promise((r) => (waiter = r));
    },
    send(cmd) {
      if (cmdFd === null) return;
      try {
        writeSync(cmdFd, cmd + "\n");
      } catch {
        // the core went away; its exit is reported through the events
      }
    },
    detach() {
      // closed once the read in flight is over, never under it
      void reader.cancel().catch(() => {}).finally(closeEvents);
      closeCommands();
      child.unref();
    },
    exited,
  };
}
