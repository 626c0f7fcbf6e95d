// Runs `lxc-core start` with a plan and follows its events (core/PLAN.md). In daemon mode
// the core outlives us as the container's monitor; we only wait until it reports RUNNING
// or the first error.
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
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
  child: ChildProcess;
  /** next event, or null once the core closed its event pipe */
  next(): Promise<CoreEvent | null>;
  send(cmd: "go" | "abort"): void;
  /** stop listening; the core carries on alone */
  detach(): void;
  exited: Promise<number | null>;
}

/** The core writes its own log file (plan `log`); in daemon mode its stderr goes nowhere. */
export function runCore(plan: string, opts: { title: string; foreground: boolean }): CoreRun {
  const bin = corePath();
  let child: ChildProcess;
  try {
    child = spawn(bin, [], {
      argv0: opts.title,
      stdio: opts.foreground ? ["inherit", "inherit", "inherit", "pipe", "pipe", "pipe"] : ["ignore", "ignore", "ignore", "pipe", "pipe", "pipe"],
      detached: !opts.foreground,
    });
  } catch (e) {
    throw new LxcError("CORE_FAILED", `cannot run the lxc-ts core ${bin}: ${(e as Error).message}`, {
      hint: "reinstall lxc-ts (make install), or set LXC_TS_CORE to the lxc-core binary",
    });
  }
  const planS = child.stdio[3] as Writable;
  const evS = child.stdio[4] as Readable;
  const cmdS = (child.stdio as unknown as (Readable | Writable)[])[5] as Writable;
  const queue: (CoreEvent | null)[] = [];
  let waiter: ((e: CoreEvent | null) => void) | null = null;
  let buf = "";
  let closed = false;
  const push = (e: CoreEvent | null) => {
    if (waiter) {
      const w = waiter;
      waiter = null;
      w(e);
    } else queue.push(e);
  };
  evS.setEncoding("utf8");
  evS.on("data", (d: string) => {
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const ev = parseEvent(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      if (ev) push(ev);
    }
  });
  const onClose = () => {
    if (!closed) {
      closed = true;
      push(null);
    }
  };
  evS.on("end", onClose);
  evS.on("error", onClose);
  planS.on("error", () => {});
  cmdS.on("error", () => {});
  const exited = new Promise<number | null>((res) => {
    child.on("exit", (code) => res(code));
    child.on("error", (e) => {
      onClose();
      res(null);
      void e;
    });
  });
  planS.end(plan);
  return {
    child,
    next() {
      if (queue.length) return Promise.resolve(queue.shift()!);
      if (closed) return Promise.resolve(null);
      return new Promise((r) => (waiter = r));
    },
    send(cmd) {
      cmdS.write(cmd + "\n");
    },
    detach() {
      evS.destroy();
      cmdS.destroy();
      child.unref();
    },
    exited,
  };
}
