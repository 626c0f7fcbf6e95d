// The console side of the command socket (core/PLAN.md): `console N` turns a connection
// into a raw byte stream to one of the container's ttys; `winsize` resizes one.
import { createConnection, type Socket } from "node:net";
import { LxcError } from "../errors.ts";
import { request } from "./client.ts";

export interface ConsoleStream {
  socket: Socket;
  /** the tty joined (the monitor picks one for -1) */
  tty: number;
  /** output that arrived with the answer */
  initial: Buffer;
}

/** A refusal from the monitor: errno and its message. */
export class ConsoleRefused extends Error {
  constructor(readonly errno: number, message: string) {
    super(message);
  }
}

/**
 * Joins tty N (0 = console, -1 = the first free one). Resolves with the stream, paused;
 * null when no monitor answers (the container is not running).
 */
export function joinConsole(socketName: string, tty: number, timeoutMs = 5000): Promise<ConsoleStream | null> {
  return new Promise((resolve, reject) => {
    const s = createConnection({ path: "\0" + socketName });
    let buf = Buffer.alloc(0);
    let done = false;
    const timer = setTimeout(() => fail(new LxcError("STATE_TIMEOUT", `the container's monitor did not answer within ${timeoutMs / 1000}s`)), timeoutMs);
    const finish = () => {
      done = true;
      clearTimeout(timer);
      s.off("data", onData);
    };
    const fail = (e: Error | null) => {
      if (done) return;
      finish();
      s.destroy();
      if (e) reject(e);
      else resolve(null);
    };
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const nl = buf.indexOf(0x0a);
      if (nl < 0) {
        if (buf.length > 512) fail(new LxcError("CORE_PROTOCOL", "unexpected answer from the container's monitor"));
        return;
      }
      const line = buf.subarray(0, nl).toString("utf8");
      const ok = /^ok (\d+)$/.exec(line);
      if (ok) {
        finish();
        s.pause();
        resolve({ socket: s, tty: Number(ok[1]), initial: buf.subarray(nl + 1) });
        return;
      }
      const err = /^error (\d+)(?: (.*))?$/.exec(line);
      if (err) fail(new ConsoleRefused(Number(err[1]), err[2] ?? `error ${err[1]}`));
      else fail(new LxcError("CORE_PROTOCOL", `unexpected answer from the container's monitor: "${line.slice(0, 80)}"`, {
        hint: "is another program (another LXC) using this container's command socket?",
      }));
    };
    s.on("data", onData);
    s.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ECONNREFUSED" || e.code === "ENOENT" || e.code === "ECONNRESET" || e.code === "EPIPE") fail(null);
      else fail(new LxcError("CORE_PROTOCOL", `cannot reach the container's monitor at @${socketName}: ${e.message}`));
    });
    s.once("close", () => fail(null));
    s.once("connect", () => s.write(`console ${tty}\n`));
  });
}

/** Tells the monitor the size of the terminal watching tty N; errors are not worth a word. */
export async function setWindowSize(socketName: string, tty: number, rows: number, cols: number): Promise<void> {
  try {
    await request(socketName, `winsize ${tty} ${rows} ${cols}`, 2000);
  } catch {
    // the session goes on at the old size
  }
}
