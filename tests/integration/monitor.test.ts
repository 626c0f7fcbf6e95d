// lxc-monitor and lxc-wait with the installed tools: state events of containers started
// after the monitor, the name pattern, several lxcpaths, and waits that end on events.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { BIN, Sandbox, runAsync, sleep } from "./helpers.ts";
import { notifyDir } from "../../src/container/runtime.ts";

const sb = new Sandbox("mo");
const sb2 = new Sandbox("mo2");
const A = sb.name("a");
const B = sb.name("b");
const D = sb2.name("d");

beforeAll(() => {
  for (const n of [A, B]) expect(sb.create(n).code).toBe(0);
  expect(sb2.create(D).code).toBe(0);
}, 60000);
afterAll(() => {
  sb.cleanup();
  sb2.cleanup();
}, 60000);

class Watcher {
  out = "";
  p: ChildProcess;
  constructor(args: string[]) {
    this.p = spawn(join(BIN, "lxc-monitor"), args, { stdio: ["ignore", "pipe", "pipe"] });
    this.p.stdout!.on("data", (d) => (this.out += d));
    this.p.stderr!.on("data", (d) => (this.out += d));
  }
  async until(text: string, ms = 10000): Promise<void> {
    for (let t = 0; t < ms && !this.out.includes(text); t += 20) await sleep(20);
    expect(this.out).toContain(text);
  }
  async stop(): Promise<number> {
    this.p.kill("SIGINT");
    return new Promise((res) => this.p.on("close", (c) => res(c ?? 128)));
  }
}

function listeners(lxcpath: string): string[] {
  const dir = notifyDir(lxcpath);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".sock")) : [];
}

async function listening(lxcpath: string, count: number): Promise<void> {
  const dir = notifyDir(lxcpath);
  for (let t = 0; t < 5000; t += 20) {
    if (existsSync(dir) && readdirSync(dir).filter((f) => f.endsWith(".sock")).length >= count) return;
    await sleep(20);
  }
  throw new Error(`no listener appeared in ${dir}`);
}

describe("lxc-monitor", () => {
  test("sees STARTING, RUNNING, STOPPING, STOPPED of a container started after it", async () => {
    const w = new Watcher(["-P", sb.lxcpath, "-n", A]);
    await listening(sb.lxcpath, 1);
    expect(sb.tool("lxc-start", "-n", A).code).toBe(0);
    expect(sb.tool("lxc-stop", "-n", A, "-k").code).toBe(0);
    await w.until(`'${A}' changed state to [STOPPED]`);
    expect(w.out).toBe(
      [
        `'${A}' changed state to [STARTING]`,
        `'${A}' changed state to [RUNNING]`,
        `'${A}' exited with status [0]`,
        `'${A}' changed state to [STOPPING]`,
        `'${A}' changed state to [STOPPED]`,
        "",
      ].join("\n"),
    );
    expect(await w.stop()).toBe(0);
    // its socket is gone with it
    expect(listeners(sb.lxcpath)).toEqual([]);
    // the last listener of an lxcpath takes its directory along
    expect(existsSync(notifyDir(sb.lxcpath))).toBe(false);
  }, 30000);

  test("the name is a regex anchored as ^NAME$; other containers stay silent", async () => {
    const w = new Watcher(["-P", sb.lxcpath, "-n", `${sb.prefix}-[b]`]);
    await listening(sb.lxcpath, 1);
    const ra = await runAsync("lxc-execute", ["-P", sb.lxcpath, "-n", A, "--", "true"]);
    expect(ra.code).toBe(0);
    const rb = await runAsync("lxc-execute", ["-P", sb.lxcpath, "-n", B, "--", "sh", "-c", "exit 3"]);
    expect(rb.code).toBe(3);
    await w.until(`'${B}' changed state to [STOPPED]`);
    expect(w.out).toContain(`'${B}' exited with status [3]`);
    expect(w.out).not.toContain(`'${A}'`);
    await w.stop();
  }, 30000);

  test("several -P: events from each lxcpath", async () => {
    const w = new Watcher(["-P", sb.lxcpath, "-P", sb2.lxcpath]);
    await listening(sb.lxcpath, 1);
    await listening(sb2.lxcpath, 1);
    expect((await runAsync("lxc-execute", ["-P", sb2.lxcpath, "-n", D, "--", "true"])).code).toBe(0);
    expect((await runAsync("lxc-execute", ["-P", sb.lxcpath, "-n", A, "--", "true"])).code).toBe(0);
    await w.until(`'${A}' changed state to [STOPPED]`);
    expect(w.out).toContain(`'${D}' changed state to [RUNNING]`);
    await w.stop();
  }, 30000);

  test("a listener that died without cleaning up is removed by the next event", async () => {
    const w = new Watcher(["-P", sb.lxcpath]);
    await listening(sb.lxcpath, 1);
    w.p.kill("SIGKILL");
    await new Promise((res) => w.p.on("close", res));
    expect(listeners(sb.lxcpath).length).toBe(1);
    expect((await runAsync("lxc-execute", ["-P", sb.lxcpath, "-n", A, "--", "true"])).code).toBe(0);
    expect(listeners(sb.lxcpath)).toEqual([]);
  }, 30000);
});

describe("lxc-wait", () => {
  test("waits for a container that starts later, then for its stop", async () => {
    const waiting = runAsync("lxc-wait", ["-P", sb.lxcpath, "-n", B, "-s", "RUNNING", "-t", "20"]);
    await listening(sb.lxcpath, 1);
    expect(sb.tool("lxc-start", "-n", B).code).toBe(0);
    expect((await waiting).code).toBe(0);
    const stopped = runAsync("lxc-wait", ["-P", sb.lxcpath, "-n", B, "-s", "STOPPED|FROZEN", "-t", "20"]);
    await listening(sb.lxcpath, 1);
    expect(sb.tool("lxc-stop", "-n", B, "-k").code).toBe(0);
    expect((await stopped).code).toBe(0);
  }, 30000);

  test("a state reached already returns at once; a timeout fails", () => {
    expect(sb.tool("lxc-wait", "-n", B, "-s", "STOPPED", "-t", "0").code).toBe(0);
    const r = sb.tool("lxc-wait", "-n", B, "-s", "RUNNING", "-t", "1");
    expect(r.code).toBe(1);
  });

  test("a monitor killed with SIGKILL ends a wait for STOPPED", async () => {
    expect(sb.tool("lxc-start", "-n", B).code).toBe(0);
    const stopped = runAsync("lxc-wait", ["-P", sb.lxcpath, "-n", B, "-s", "STOPPED", "-t", "20"]);
    await listening(sb.lxcpath, 1);
    await sleep(100);   // the wait request reaches the monitor
    const mpid = Number(sb.tool("lxc-info", "-n", B).stdout.match(/PID:\s+(\d+)/)?.[1]);
    expect(mpid).toBeGreaterThan(0);
    const monitorPid = Number(require("node:fs").readFileSync(`/proc/${mpid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
    process.kill(monitorPid, "SIGKILL");
    expect((await stopped).code).toBe(0);
    sb.tool("lxc-stop", "-n", B, "-k");
  }, 30000);
});
