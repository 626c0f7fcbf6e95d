// Output to fds 1 and 2 with plain write(2) calls. Bun builds process.stdout/stderr lazily
// and the first touch costs about 9 ms, more than the rest of a tool like lxc-info: tools
// must write through here and never touch process.stdout, process.stderr or process.stdin.
import { writeSync } from "node:fs";
import { isatty } from "./libc.ts";

function writeAll(fd: number, s: string): void {
  let buf = Buffer.from(s);
  while (buf.length) {
    let n: number;
    try {
      n = writeSync(fd, buf);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // the reader went away (lxc-ls | head): not an error of ours
      if (code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      // an inherited non-blocking pipe that is full: wait a moment and go on
      if (code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        continue;
      }
      throw e;
    }
    buf = buf.subarray(n);
  }
}

export function writeOut(s: string): void {
  if (s) writeAll(1, s);
}

export function writeErr(s: string): void {
  if (s) writeAll(2, s);
}

export function isTerminal(fd: 0 | 1 | 2): boolean {
  return isatty(fd);
}

/** The terminal's width for fd, if it is a terminal. */
export function terminalColumns(fd: 0 | 1 | 2): number | undefined {
  if (!isatty(fd)) return undefined;
  // only reached on a terminal, where the cost of Bun's stream is not felt
  const s = fd === 1 ? process.stdout : fd === 2 ? process.stderr : undefined;
  return s?.columns;
}

/** Raw bytes to fd; false when the reader is gone or the fd cannot be written. */
export function writeBytes(fd: number, data: Uint8Array): boolean {
  let buf = data;
  while (buf.length) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") return false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
  return true;
}
