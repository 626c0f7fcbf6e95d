// The console ring buffer of a running container (lxc.console.buffer.size), read through its
// monitor's `console-buffer` request: the raw bytes, oldest first, until the monitor closes.
import { LxcError } from "../errors.ts";

/** The buffer's bytes (empty when the container keeps none), or null when nobody listens. */
export async function readConsoleBuffer(socketName: string, timeoutMs = 5000): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let settle!: (v: Uint8Array) => void;
  const done = new Promise<Uint8Array>((res) => (settle = res));
  const finish = () => {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    settle(out);
  };
  try {
    const s = await Bun.connect({
      unix: "\0" + socketName,
      socket: {
        open: (sock) => void sock.write("console-buffer\n"),
        data: (_s, d) => void chunks.push(new Uint8Array(d)),
        end: finish,
        close: finish,
        error: finish,
      },
    });
    const timer = setTimeout(() => s.end(), timeoutMs);
    const r = await done;
    clearTimeout(timer);
    return r;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === "ECONNREFUSED" || code === "ENOENT") return null;
    throw new LxcError("CORE_PROTOCOL", `cannot reach the container monitor at @${socketName}: ${(e as Error)?.message ?? String(e)}`);
  }
}
