// lxc-stop's small signal scan must give what the full config load gives whenever it answers.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadContainerConfig } from "../../src/config/index.ts";
import { signalNumber } from "../../src/config/names.ts";
import { scanSignals, type SignalKey } from "../../src/container/stop-signals.ts";

let root = "";
let n = 0;
const file = (text: string) => {
  const p = join(root, `config${n++}`);
  writeFileSync(p, text);
  return p;
};
const KEYS: SignalKey[] = ["lxc.signal.halt", "lxc.signal.reboot", "lxc.signal.stop"];

/** What the full load says for each key (undefined: not set or cleared). */
function full(path: string): Map<SignalKey, number> {
  const cfg = loadContainerConfig(path);
  const out = new Map<SignalKey, number>();
  for (const k of KEYS) {
    const v = cfg.get(k);
    if (v !== undefined) out.set(k, signalNumber(v)!);
  }
  return out;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "lxcts-stopsig-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("scanSignals", () => {
  const agreeing: [string, string][] = [
    ["nothing set", "lxc.uts.name = c1\nlxc.net.0.type = empty\n"],
    ["a busybox config", "lxc.signal.halt = SIGUSR1\nlxc.signal.reboot = SIGTERM\nlxc.uts.name = \"c3\"\n"],
    ["names, numbers and real-time signals", "lxc.signal.halt = sigterm\nlxc.signal.stop = 9\nlxc.signal.reboot = SIGRTMIN+3\n"],
    ["the last line wins", "lxc.signal.halt = SIGUSR1\nlxc.signal.halt = SIGUSR2\n"],
    ["a clear undoes earlier lines", "lxc.signal.halt = SIGUSR1\nlxc.signal.halt =\n"],
    ["quotes and blanks", "  lxc.signal.stop   =   \"SIGTERM\"  \n"],
    ["legacy names", "lxc.haltsignal = SIGUSR1\nlxc.stopsignal = SIGTERM\nlxc.rebootsignal = SIGHUP\n"],
    ["comments are not settings", "# lxc.signal.halt = SIGUSR1\n#lxc.stopsignal = SIGTERM\n"],
  ];
  for (const [what, text] of agreeing) {
    test(`${what}: same as the full load`, () => {
      const p = file(text);
      const s = scanSignals(p);
      expect(s).not.toBeNull();
      expect(s).toEqual(full(p));
    });
  }
  test("a file that includes another leaves the answer to the full load", () => {
    const inc = file("lxc.signal.halt = SIGUSR1\n");
    expect(scanSignals(file(`lxc.include = ${inc}\n`))).toBeNull();
  });
  test("a value that is not a signal leaves the answer to the full load", () => {
    expect(scanSignals(file("lxc.signal.halt = TERM\n"))).toBeNull();
  });
  test("a missing file leaves the answer to the full load", () => {
    expect(scanSignals(join(root, "nope"))).toBeNull();
  });
});
