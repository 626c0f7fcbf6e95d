// Reboot: init's reboot(2) ends it with SIGHUP in its pid namespace; the container starts
// again with a fresh read of its config, in the background (the monitor runs lxc-start
// again) and in the foreground (lxc-start -F stays and starts it again itself).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, Sandbox, sleep } from "./helpers.ts";

const sb = new Sandbox("rb");
const C = sb.name("c");

beforeAll(() => {
  // busybox init reboots on lxc.signal.reboot (SIGTERM in the busybox template)
  expect(sb.create(C).code).toBe(0);
}, 60000);
afterAll(() => sb.cleanup(), 60000);

async function newInit(old: number, ms = 20000): Promise<number> {
  for (let t = 0; t < ms; t += 100) {
    const state = sb.tool("lxc-info", "-n", C, "-s", "-H").stdout.trim();
    const pid = state === "RUNNING" ? sb.initPid(C) : 0;
    if (pid > 0 && pid !== old) return pid;
    await sleep(100);
  }
  throw new Error("the container did not come back after the reboot");
}

describe("reboot", () => {
  test("lxc-stop -r: init reboots, the container comes back with a new init", async () => {
    expect(sb.tool("lxc-start", "-n", C).code).toBe(0);
    const p1 = sb.initPid(C);
    // the config is read again: a change made meanwhile applies to the next life
    appendFileSync(sb.configPath(C), "lxc.uts.name = after-reboot\n");
    expect(sb.tool("lxc-attach", "-n", C, "--", "hostname").stdout.trim()).toBe(C);
    expect(sb.tool("lxc-stop", "-n", C, "-r").code).toBe(0);
    const p2 = await newInit(p1);
    expect(p2).not.toBe(p1);
    expect(sb.tool("lxc-attach", "-n", C, "--", "hostname").stdout.trim()).toBe("after-reboot");
  }, 40000);

  test("a reboot from inside (busybox reboot) does the same", async () => {
    const p1 = sb.initPid(C);
    sb.tool("lxc-attach", "-n", C, "--", "reboot");
    await newInit(p1);
    expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
  }, 40000);

  test("lxc-start -F stays through a reboot and ends when the container stops", async () => {
    const p = spawn(join(BIN, "lxc-start"), ["-P", sb.lxcpath, "-n", C, "-F"], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d) => (err += d));
    const closed = new Promise<number>((res) => p.on("close", (c) => res(c ?? 128)));
    const p1 = await newInit(0);
    expect(sb.tool("lxc-stop", "-n", C, "-r").code).toBe(0);
    await newInit(p1);
    expect(p.exitCode).toBe(null);
    expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
    expect(await closed).toBe(0);
    expect(err).toBe("");
  }, 40000);
});
