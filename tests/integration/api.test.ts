// The typed API (src/api), used in-process as a program would: the same lifecycle the tools
// give, plus execute, attach, reboot, the console ring buffer and state events.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Container, listContainerNames, watchStates, type StateEvent } from "../../src/api/index.ts";

const lxcpath = mkdtempSync("/tmp/lxcts-api-");
afterAll(() => {
  for (const n of listContainerNames(lxcpath)) new Container(n, lxcpath).destroy({ force: true }).catch(() => {});
  rmSync(lxcpath, { recursive: true, force: true });
}, 60000);

describe("the API", () => {
  test("create, start, attach, console log, events, reboot, stop, execute, destroy", async () => {
    const c = new Container("api-c1", lxcpath);
    const conf = join(lxcpath, "extra.conf");
    writeFileSync(conf, "lxc.net.0.type = empty\nlxc.console.buffer.size = 65536\n");
    await c.create({ template: "busybox", configFile: conf });
    expect(c.defined()).toBe(true);
    expect(listContainerNames(lxcpath)).toEqual(["api-c1"]);

    const seen: StateEvent[] = [];
    const watch = watchStates((e) => seen.push(e), lxcpath);
    try {
      await c.start();
      expect(await c.state()).toBe("RUNNING");
      expect(await c.attach(["sh", "-c", "echo from-attach >/dev/console; exit 4"])).toBe(4);
      let log = "";
      for (let i = 0; i < 50 && !log.includes("from-attach"); i++) {
        log = new TextDecoder().decode((await c.consoleLog()) ?? new Uint8Array());
        await Bun.sleep(50);
      }
      expect(log).toContain("from-attach");

      // waits that time out give their monitor connection back: more than the monitor's 256
      // held ones would otherwise make the running container look stopped
      for (let i = 0; i < 300; i++) expect(await c.wait("STOPPED", 0)).toBe(false);
      expect(await c.state()).toBe("RUNNING");

      const pid = await c.initPid();
      await c.reboot();
      let back = false;
      for (let i = 0; i < 200 && !back; i++) {
        back = (await c.state()) === "RUNNING" && (await c.initPid()) !== pid;
        if (!back) await Bun.sleep(50);
      }
      expect(back).toBe(true);

      expect(await c.stop({ kill: true })).toBe("stopped");
      expect(await c.wait("STOPPED", 5)).toBe(true);
      expect(await c.consoleLog()).toBe(null);
      expect(await c.execute(["sh", "-c", "exit 6"])).toBe(6);
    } finally {
      watch.close();
    }
    const states = seen.filter((e) => e.name === "api-c1" && e.type === "state").map((e) => (e.type === "state" ? e.state : ""));
    expect(states.slice(0, 2)).toEqual(["STARTING", "RUNNING"]);
    expect(states.filter((s) => s === "STARTING").length).toBe(3);   // start, reboot, execute
    await c.destroy();
    expect(c.defined()).toBe(false);
  }, 60000);
});
