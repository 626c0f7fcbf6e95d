// The monitor client's contract, against small fake monitors on abstract sockets: the answer
// line, null when nobody listens or the monitor closes without answering, timeouts and
// protocol errors as LxcError.
import { afterEach, describe, expect, test } from "bun:test";
import type { TCPSocketListener, UnixSocketListener } from "bun";
import { request, sendSignal, status, waitState } from "../../src/monitor/client.ts";
import { LxcError } from "../../src/errors.ts";

let server: UnixSocketListener<undefined> | TCPSocketListener<undefined> | null = null;
afterEach(() => {
  server?.stop(true);
  server = null;
});

const name = () => `lxcts-test/${process.pid}/${Math.random().toString(36).slice(2)}/command`;

/** A fake monitor that calls `onLine` for each request line it receives. */
function fake(socket: string, onLine: (line: string, s: { write(t: string): void; end(): void }) => void) {
  server = Bun.listen({
    unix: "\0" + socket,
    socket: {
      data(s, d) {
        for (const line of d.toString().split("\n").filter(Boolean)) onLine(line, s);
      },
    },
  });
}

describe("monitor client", () => {
  test("nobody listening: null, for every request", async () => {
    const s = name();
    expect(await request(s, "status", 1000)).toBeNull();
    expect(await status(s)).toBeNull();
    expect(await sendSignal(s, 9)).toBe(false);
    expect(await waitState(s, ["STOPPED"])).toBe("STOPPED");
  });

  test("the first answer line, without its newline", async () => {
    const s = name();
    fake(s, (line, c) => c.write(line === "status" ? "RUNNING 42 41\nextra\n" : "?\n"));
    expect(await request(s, "status", 1000)).toBe("RUNNING 42 41");
    expect(await status(s)).toEqual({ state: "RUNNING", pid: 42, monitorPid: 41 });
  });

  test("an answer split over several writes", async () => {
    const s = name();
    fake(s, (_line, c) => {
      c.write("STOP");
      setTimeout(() => c.write("PED 0 7\n"), 20);
    });
    expect(await status(s)).toEqual({ state: "STOPPED", pid: 0, monitorPid: 7 });
  });

  test("a monitor that closes without answering: null; with a partial line: that text", async () => {
    const s = name();
    fake(s, (_line, c) => c.end());
    expect(await request(s, "status", 1000)).toBeNull();
    server?.stop(true);
    const s2 = name();
    fake(s2, (_line, c) => {
      c.write("ok");
      c.end();
    });
    expect(await request(s2, "signal 9", 1000)).toBe("ok");
  });

  test("no answer in time: STATE_TIMEOUT", async () => {
    const s = name();
    fake(s, () => {});
    const e = await request(s, "status", 100).catch((x) => x);
    expect(e).toBeInstanceOf(LxcError);
    expect((e as LxcError).code).toBe("STATE_TIMEOUT");
  });

  test("an answer that is no state: CORE_PROTOCOL", async () => {
    const s = name();
    fake(s, (_line, c) => c.write("hello\n"));
    const e = await status(s).catch((x) => x);
    expect((e as LxcError).code).toBe("CORE_PROTOCOL");
  });

  test("a failed signal: CORE_FAILED; wait answers the state reached", async () => {
    const s = name();
    fake(s, (line, c) => c.write(line.startsWith("signal") ? "error 3\n" : "STOPPED\n"));
    const e = await sendSignal(s, 15).catch((x) => x);
    expect((e as LxcError).code).toBe("CORE_FAILED");
    expect(await waitState(s, ["STOPPED"])).toBe("STOPPED");
  });
});
