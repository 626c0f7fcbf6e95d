// lxc-execute with the installed tools: our reaper is PID 1, the command runs as PID 2 with
// the caller's stdio, exit codes and signals come back, and -d leaves it in the background.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BIN, Sandbox, sleep } from "./helpers.ts";

const sb = new Sandbox("ex");
const C = sb.name("app");

beforeAll(() => {
  expect(sb.create(C).code).toBe(0);
}, 60000);
afterAll(() => sb.cleanup(), 60000);

function execute(args: string[], input?: string) {
  const r = spawnSync(join(BIN, "lxc-execute"), ["-P", sb.lxcpath, "-n", C, ...args], { encoding: "utf8", input, timeout: 30000 });
  return { code: r.status ?? 128, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

describe("lxc-execute", () => {
  test("exit codes pass through", () => {
    expect(execute(["--", "sh", "-c", "exit 0"]).code).toBe(0);
    expect(execute(["--", "sh", "-c", "exit 1"]).code).toBe(1);
    expect(execute(["--", "sh", "-c", "exit 42"]).code).toBe(42);
  });

  test("a command killed by a signal gives 128+N", () => {
    expect(execute(["--", "sh", "-c", "kill -9 $$"]).code).toBe(137);
    expect(execute(["--", "sh", "-c", "kill -TERM $$"]).code).toBe(143);
  });

  test("stdin, stdout and stderr are the caller's, kept apart", () => {
    const r = execute(["--", "sh", "-c", "cat; echo to-out; echo to-err >&2"], "piped-in\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("piped-in\nto-out\n");
    expect(r.stderr).toBe("to-err\n");
  });

  test("PID 1 is our init and the command is PID 2", () => {
    const r = execute(["--", "sh", "-c", "echo $$; cat /proc/1/comm; tr '\\0' ' ' </proc/1/cmdline"]);
    expect(r.code).toBe(0);
    const [pid, comm, cmdline] = r.stdout.split("\n");
    expect(pid).toBe("2");
    expect(comm).toBe("init");
    expect(cmdline!.trim()).toBe("init");
  });

  test("orphans are reaped by PID 1", () => {
    // the grandchild's parent exits at once, so it is handed to PID 1, which must reap it
    const r = execute(["--", "sh", "-c", "sh -c 'sleep 0.2 &' ; sleep 0.6; ps -o stat,comm | grep -c '^Z' || true"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("0");
  });

  test("a missing command exits 127 with the reason, a non-executable one 126", () => {
    const r = execute(["--", "no-such-program"]);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('program "no-such-program" not found');
    expect(r.stderr.split("\n").filter((l) => l.includes("not found")).length).toBe(1);
    const r2 = execute(["--", "/etc/passwd"]);
    expect(r2.code).toBe(126);
    expect(r2.stderr).toContain("Permission denied");
    // nothing is left running
    expect(sb.tool("lxc-info", "-n", C, "-s", "-H").stdout.trim()).toBe("STOPPED");
  });

  test("no command and no lxc.execute.cmd is a usage error", () => {
    const r = execute([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no command to execute");
  });

  test("lxc.execute.cmd is the default command; -u/-g set the ids", () => {
    const r = execute(["-s", "lxc.execute.cmd=/bin/sh -c 'echo from-config'"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("from-config\n");
    const ids = execute(["-u", "1000", "-g", "1001", "--", "sh", "-c", "echo $(id -u) $(id -g)"]);
    expect(ids.stdout).toBe("1000 1001\n");
  });

  test("SIGTERM to lxc-execute reaches the command", async () => {
    const p = spawn(join(BIN, "lxc-execute"), ["-P", sb.lxcpath, "-n", C, "--", "sh", "-c", "trap 'exit 7' TERM; echo ready; while :; do sleep 0.1; done"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    const closed = new Promise<number>((res) => p.on("close", (c) => res(c ?? 128)));
    for (let i = 0; i < 100 && !out.includes("ready"); i++) await sleep(50);
    expect(out).toBe("ready\n");
    p.kill("SIGTERM");
    expect(await closed).toBe(7);
  }, 20000);

  test("a ^\\ (SIGQUIT) to the foreground monitor reaches the command and cleans up", async () => {
    const p = spawn(join(BIN, "lxc-execute"), ["-P", sb.lxcpath, "-n", C, "--", "sh", "-c", "trap 'exit 9' QUIT; echo ready; while :; do sleep 0.1; done"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    const closed = new Promise<number>((res) => p.on("close", (c) => res(c ?? 128)));
    for (let i = 0; i < 100 && !out.includes("ready"); i++) await sleep(50);
    // the terminal would send it to the whole foreground group: the monitor is the one at risk
    const monitor = Number(spawnSync("pgrep", ["-P", String(p.pid), "-f", "lxc monitor"], { encoding: "utf8" }).stdout.trim());
    expect(monitor).toBeGreaterThan(0);
    process.kill(monitor, "SIGQUIT");
    expect(await closed).toBe(9);
    expect(sb.tool("lxc-info", "-n", C, "-s", "-H").stdout.trim()).toBe("STOPPED");
    expect(existsSync(`/sys/fs/cgroup/pids/lxc.payload.${C}`) || existsSync(`/sys/fs/cgroup/lxc.payload.${C}`)).toBe(false);
  }, 20000);

  test("-d runs it in the background until the command ends", async () => {
    const r = execute(["-d", "--", "sleep", "1"]);
    expect(r.code).toBe(0);
    expect(sb.tool("lxc-info", "-n", C, "-s", "-H").stdout.trim()).toBe("RUNNING");
    const second = execute(["--", "true"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("already running");
    const w = sb.tool("lxc-wait", "-n", C, "-s", "STOPPED", "-t", "10");
    expect(w.code).toBe(0);
  }, 20000);
});
