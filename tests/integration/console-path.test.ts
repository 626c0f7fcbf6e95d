// lxc-start -c FILE and lxc.console.path: the monitor proxies /dev/console to a file (output
// only), or to a fifo or terminal (both ways).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Sandbox, sleep } from "./helpers.ts";

const sb = new Sandbox("cp");
// prints the slave's path, then relays: our stdin -> master, master -> our stdout
const PTY_RELAY = `
import os, sys, select
m, s = os.openpty()
print(os.ttyname(s), flush=True)
while True:
    r, _, _ = select.select([m, 0], [], [])
    if m in r:
        try:
            d = os.read(m, 4096)
        except OSError:
            break
        sys.stdout.buffer.write(d); sys.stdout.flush()
    if 0 in r:
        d = os.read(0, 4096)
        if not d:
            break
        os.write(m, d)
`;
const C = sb.name("c");

beforeAll(() => {
  expect(sb.create(C).code).toBe(0);
}, 60000);
afterAll(() => sb.cleanup(), 60000);

async function until(f: () => boolean, ms = 10000): Promise<boolean> {
  for (let t = 0; t < ms; t += 50) {
    if (f()) return true;
    await sleep(50);
  }
  return f();
}

describe("console path", () => {
  test("-c FILE: the console's output goes to the file", async () => {
    const file = join(sb.lxcpath, "console.out");
    expect(sb.tool("lxc-start", "-n", C, "-c", file).code).toBe(0);
    // busybox init asks for Enter on the console
    expect(await until(() => existsSync(file) && readFileSync(file, "utf8").includes("Please press Enter"))).toBe(true);
    sb.tool("lxc-attach", "-n", C, "--", "sh", "-c", "echo written-to-console >/dev/console");
    expect(await until(() => readFileSync(file, "utf8").includes("written-to-console"))).toBe(true);
    expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
  }, 30000);

  test("lxc.console.path = a terminal: both ways, like a serial line", async () => {
    // a pty whose slave is the console path; we type into its master
    const py = spawn("python3", ["-u", "-c", PTY_RELAY], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    py.stdout.on("data", (d) => (out += d));
    try {
      expect(await until(() => out.includes("\n"))).toBe(true);
      const slave = out.split("\n")[0]!;
      expect(slave).toMatch(/^\/dev\/pts\/\d+$/);
      expect(sb.tool("lxc-start", "-n", C, "-s", `lxc.console.path=${slave}`).code).toBe(0);
      expect(await until(() => out.includes("Please press Enter"))).toBe(true);
      py.stdin.write("\n");
      await sleep(300);
      py.stdin.write("echo typed-on-the-console >/from-console\n");
      const marker = join(sb.rootfs(C), "from-console");
      expect(await until(() => existsSync(marker))).toBe(true);
      expect(readFileSync(marker, "utf8")).toBe("typed-on-the-console\n");
    } finally {
      sb.tool("lxc-stop", "-n", C, "-k");
      py.kill("SIGKILL");
    }
  }, 30000);

  test("a fifo nobody reads never stalls the monitor", async () => {
    const fifo = join(sb.lxcpath, "console.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expect(sb.tool("lxc-start", "-n", C, "-s", `lxc.console.path=${fifo}`).code).toBe(0);
    // far more output than a pipe holds
    sb.tool("lxc-attach", "-n", C, "--", "sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x >/dev/console");
    expect(sb.tool("lxc-info", "-n", C, "-s", "-H").stdout.trim()).toBe("RUNNING");
    expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
  }, 30000);

  test("lxc.console.size caps the console log; lxc.console.rotate keeps the full one as .1", async () => {
    for (const rotate of ["0", "1"]) {
      const log = join(sb.lxcpath, `size-${rotate}.log`);
      const defs = ["-s", `lxc.console.logfile=${log}`, "-s", "lxc.console.size=4096", "-s", `lxc.console.rotate=${rotate}`];
      expect(sb.tool("lxc-start", "-n", C, ...defs).code).toBe(0);
      sb.tool("lxc-attach", "-n", C, "--", "sh", "-c", "head -c 10000 /dev/zero | tr '\\0' y >/dev/console; echo END-MARK >/dev/console");
      expect(await until(() => existsSync(log) && readFileSync(log, "utf8").includes("END-MARK"))).toBe(true);
      expect(statSync(log).size).toBeLessThanOrEqual(4096);
      if (rotate === "1") expect(statSync(`${log}.1`).size).toBe(4096);
      else expect(existsSync(`${log}.1`)).toBe(false);
      expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
    }
  }, 30000);

  test("a console path that cannot be opened fails the start, naming it, and leaves nothing", () => {
    const r = sb.tool("lxc-start", "-n", C, "-c", "/nonexistent-dir/console");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot set up the console: /nonexistent-dir/console: No such file or directory");
    expect(sb.tool("lxc-info", "-n", C, "-s", "-H").stdout.trim()).toBe("STOPPED");
    expect(existsSync(`/sys/fs/cgroup/pids/lxc.payload.${C}`) || existsSync(`/sys/fs/cgroup/lxc.payload.${C}`)).toBe(false);
    const rel = sb.tool("lxc-start", "-n", C, "-s", "lxc.console.path=relative/file");
    expect(rel.code).toBe(1);
    expect(rel.stderr).toContain('invalid value "relative/file" for lxc.console.path');
  });
});
