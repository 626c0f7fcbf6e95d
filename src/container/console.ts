// lxc-console: join one of a running container's ttys through its monitor, which proxies
// the pty (several clients may share one). Our terminal goes raw for the session and is
// restored on every way out; typed bytes pass through the escape filter; window size
// changes are forwarded.
import { constants as osc } from "node:os";
import { LxcError } from "../errors.ts";
import { status } from "../monitor/client.ts";
import { ConsoleRefused, joinConsole, setWindowSize, type ConsoleStream } from "../monitor/console-stream.ts";
import { isatty } from "../sys/libc.ts";
import { writeBytes, writeErr } from "../sys/stdio.ts";
import { makeRaw, windowSize } from "../sys/terminal.ts";
import { banner, DEFAULT_ESCAPE, EscapeFilter } from "./console-escape.ts";
import { commandSocketName, type ContainerRef } from "./names.ts";

export interface ConsoleOptions {
  /** 0 = /dev/console, 1..N; absent or -1 = the first tty without a client */
  tty?: number;
  /** the escape key as a control code (1 = Ctrl-a) */
  escape?: number;
  /** no banner */
  quiet?: boolean;
}

const RUNNING_STATES = new Set(["RUNNING", "FROZEN", "FREEZING", "THAWED"]);
const ENDING_SIGNALS: NodeJS.Signals[] = ["SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT"];
const EBUSY = 16;
const ENXIO = 6;

function notRunning(ref: ContainerRef): LxcError {
  // LXC says this also for a container that does not exist
  return new LxcError("STATE_NOT_RUNNING", `${ref.name} is not running`, {
    hint: `start it first with lxc-start -n ${ref.name}${ref.lxcpath ? ` -P ${ref.lxcpath}` : ""}`,
  });
}

function refused(ref: ContainerRef, tty: number, e: ConsoleRefused): LxcError {
  if (e.errno === EBUSY) {
    return new LxcError("STATE_LOCKED", e.message, {
      hint: "use -t 0 for the console, or -t N to share tty N with its client (lxc.tty.max sets how many ttys there are)",
      details: { errno: e.errno },
    });
  }
  if (e.errno === ENXIO) {
    return new LxcError("USAGE", e.message, {
      hint: tty === 0 ? "the container has no console (lxc.console.path = none)" : "use -t 0 for the console, or a tty from 1 to lxc.tty.max",
      details: { errno: e.errno, tty },
    });
  }
  return new LxcError("CORE_FAILED", `cannot join tty ${tty}: ${e.message}`, { details: { errno: e.errno, tty } });
}

async function join(ref: ContainerRef, tty: number): Promise<ConsoleStream> {
  const sock = commandSocketName(ref);
  const st = await status(sock);
  if (!st || !RUNNING_STATES.has(st.state)) throw notRunning(ref);
  try {
    const stream = await joinConsole(sock, tty);
    if (!stream) throw notRunning(ref);
    return stream;
  } catch (e) {
    if (e instanceof ConsoleRefused) throw refused(ref, tty, e);
    throw e;
  }
}

/** The terminal whose size the tty should have: stdin's, else stdout's. */
function sizeSource(): number | null {
  if (isatty(0)) return 0;
  if (isatty(1)) return 1;
  return null;
}

/** Runs the session; resolves with the exit status once it ends. */
export async function consoleContainer(ref: ContainerRef, opts: ConsoleOptions = {}): Promise<number> {
  const escape = opts.escape ?? DEFAULT_ESCAPE;
  const stream = await join(ref, opts.tty ?? -1);
  const sock = commandSocketName(ref);
  const { socket, tty } = stream;
  if (!opts.quiet) writeErr(banner(tty, escape));

  const restore = isatty(0) ? makeRaw(0) : null;
  const sizeFd = sizeSource();
  const sendSize = () => {
    const ws = sizeFd === null ? null : windowSize(sizeFd);
    if (ws && ws.rows && ws.cols) void setWindowSize(sock, tty, ws.rows, ws.cols);
  };
  sendSize();

  return new Promise<number>((resolve) => {
    let ended = false;
    const handlers = new Map<NodeJS.Signals, () => void>();
    const end = (code: number) => {
      if (ended) return;
      ended = true;
      restore?.();
      for (const [s, h] of handlers) process.off(s, h);
      socket.destroy();
      resolve(code);
    };
    handlers.set("SIGWINCH", sendSize);
    for (const s of ENDING_SIGNALS) handlers.set(s, () => end(128 + (osc.signals[s] ?? 0)));
    for (const [s, h] of handlers) process.on(s, h);

    const show = (d: Uint8Array) => {
      if (!writeBytes(1, d)) end(1);
    };
    if (stream.initial.length) show(stream.initial);
    socket.on("data", show);
    // the monitor went away (the container stopped) or dropped us
    socket.on("close", () => end(0));
    socket.on("error", () => end(0));
    socket.resume();

    // a session relays for minutes: let the JIT compile the hot paths again (the binary
    // starts with a reluctant JIT, which suits run-once tools)
    Bun.unsafe.setJITPolicy(1);
    void relayInput(new EscapeFilter(escape), (b) => socket.write(b), () => end(0));
  });
}

/**
 * stdin -> the tty, through the escape filter, until the user quits. At EOF (stdin not a
 * terminal) input stops and the output goes on until the session ends otherwise.
 */
async function relayInput(filter: EscapeFilter, send: (b: Uint8Array) => void, quit: () => void): Promise<void> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = Bun.stdin.stream().getReader();
  } catch {
    return;
  }
  for (;;) {
    let value: Uint8Array | undefined;
    try {
      const chunk = await reader.read();
      if (chunk.done) return;
      value = chunk.value;
    } catch {
      return;
    }
    const { out, quit: q } = filter.feed(value);
    if (out.length) send(out);
    if (q) {
      quit();
      return;
    }
  }
}
