// lxc-attach with the installed tools: stdio as pipes, /dev/null and a terminal, exit
// codes and signals, namespace subsets, the environment, ids, and the ways it fails.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { BIN, Sandbox, sleep } from "./helpers.ts";

const sb = new Sandbox("at");
const C = sb.name("main");
const ATTACH = join(BIN, "lxc-attach");

beforeAll(() => {
  const extra = [
    "lxc.environment = FROM_CONFIG=yes",
    "lxc.cap.drop = sys_time",
    // no boot script: the test owns every process in there
    "lxc.init.cmd = /bin/sleep 100000",
  ];
  expect(sb.create(C, extra).code).toBe(0);
  // a user for -u and the login shell lookup
  const passwd = join(sb.rootfs(C), "etc", "passwd");
  writeFileSync(passwd, readFileSync(passwd, "utf8") + "alice:x:1000:1000::/home/alice:/bin/ash\n");
  const r = sb.tool("lxc-start", "-n", C);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}, 60000);
afterAll(() => sb.cleanup(), 60000);

interface Res {
  code: number;
  stdout: string;
  stderr: string;
}

/** lxc-attach with pipes for stdin/stdout/stderr (no terminal anywhere). */
function attach(args: string[], opts: { input?: string; env?: Record<string, string | undefined>; stdin?: "pipe" | "ignore" } = {}): Res {
  const r = spawnSync(ATTACH, ["-P", sb.lxcpath, ...args], {
    encoding: "utf8",
    input: opts.input,
    stdio: [opts.stdin ?? "pipe", "pipe", "pipe"],
    timeout: 30000,
    env: opts.env ? (opts.env as NodeJS.ProcessEnv) : process.env,
  });
  return { code: r.status ?? (r.signal ? 128 : 1), stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

// Runs argv on a fresh pty (stdin, stdout and stderr all on it), writes INPUT once the
// output shows READY (then resizes the terminal if RESIZE is set), prints everything the
// pty showed and exits with the program's status.
const PTY_RUNNER = `
import os, pty, sys, select, struct, fcntl, termios, time
argv = sys.argv[1:]
inp = os.environ.get("PTY_INPUT", "").encode()
resize = os.environ.get("PTY_RESIZE", "")
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 91, 0, 0))
    os.execv(argv[0], argv)
out = b""
sent = False
deadline = time.time() + 25
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.1)
    if fd in r:
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
    if not sent and b"READY" in out:
        sent = True
        if resize:
            rows, cols = resize.split("x")
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", int(rows), int(cols), 0, 0))
            time.sleep(0.2)
        if inp:
            os.write(fd, inp)
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.stdout.flush()
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128 + os.WTERMSIG(st))
`;

function onPty(args: string[], opts: { input?: string; resize?: string; redirect?: string } = {}): Res {
  const argv = ["-P", sb.lxcpath, ...args];
  // optionally run through sh so one std fd can be redirected away from the pty
  const cmd = opts.redirect ? ["/bin/sh", "-c", `exec "$0" "$@" ${opts.redirect}`, ATTACH, ...argv] : [ATTACH, ...argv];
  const r = spawnSync("python3", ["-c", PTY_RUNNER, ...cmd], {
    encoding: "utf8",
    timeout: 30000,
    env: { ...process.env, PTY_INPUT: opts.input ?? "", PTY_RESIZE: opts.resize ?? "" },
  });
  return { code: r.status ?? 1, stdout: (r.stdout ?? "").replace(/\r/g, ""), stderr: r.stderr ?? "" };
}

const initPid = () => sb.initPid(C);

describe("lxc-attach: stdio and exit codes", () => {
  test("pipes: stdout and stderr stay apart, the exit status comes back", () => {
    const r = attach(["-n", C, "--", "sh", "-c", "echo out; echo err >&2; exit 3"]);
    expect(r.stdout).toBe("out\n");
    expect(r.stderr).toBe("err\n");
    expect(r.code).toBe(3);
  });

  test("the container's hostname, exit 0, the name as first positional", () => {
    const r = attach([C, "--", "hostname"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${C}\n`);
  });

  test("exit codes 0 and 7, and a command without -- ", () => {
    expect(attach(["-n", C, "--", "true"]).code).toBe(0);
    expect(attach(["-n", C, "--", "sh", "-c", "exit 7"]).code).toBe(7);
    expect(attach(["-n", C, "--", "false"]).code).toBe(1);
    expect(attach(["-n", C, "hostname"]).stdout).toBe(`${C}\n`);
  });

  test("killed by a signal: 128+N", () => {
    expect(attach(["-n", C, "--", "sh", "-c", "kill -9 $$"]).code).toBe(137);
    expect(attach(["-n", C, "--", "sh", "-c", "kill -TERM $$"]).code).toBe(143);
  });

  test("stdin passes through; the default command is the login shell", () => {
    expect(attach(["-n", C, "--", "cat"], { input: "line1\nline2\n" }).stdout).toBe("line1\nline2\n");
    const r = attach(["-n", C], { input: "hostname; echo shell=$0\n" });
    expect(r.stdout).toBe(`${C}\nshell=/bin/sh\n`);
    // alice's login shell from the container's /etc/passwd
    expect(attach(["-n", C, "-u", "1000"], { input: "echo shell=$0\n" }).stdout).toBe("shell=/bin/ash\n");
  });

  test("/dev/null stays /dev/null", () => {
    const r = attach(["-n", C, "--", "sh", "-c", "readlink /proc/self/fd/0; cat; echo end"], { stdin: "ignore" });
    expect(r.stdout).toBe("/dev/null\nend\n");
    const s = spawnSync("sh", ["-c", `"$0" -P "$1" -n "$2" -- sh -c 'echo out; echo err >&2' >/dev/null`, ATTACH, sb.lxcpath, C], { encoding: "utf8" });
    expect(s.status).toBe(0);
    expect(s.stdout).toBe("");
    expect(s.stderr).toBe("err\n");
  });

  test("a command that does not exist: 127 and the reason", () => {
    const r = attach(["-n", C, "--", "no-such-command", "arg"]);
    expect(r.code).toBe(127);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`lxc-attach: ${C}: Failed to exec "no-such-command": No such file or directory\n`);
    const p = attach(["-n", C, "--", "/etc/passwd"]);
    expect(p.code).toBe(126);
    expect(p.stderr).toContain("Permission denied");
  });

  test("SIGTERM to lxc-attach reaches the command", async () => {
    const p = spawn(ATTACH, ["-P", sb.lxcpath, "-n", C, "--", "sh", "-c", 'sleep 20 & s=$!; trap "echo got-term; kill $s; exit 9" TERM; echo ready; wait'], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    for (let i = 0; i < 100 && !out.includes("ready"); i++) await sleep(50);
    expect(out).toContain("ready");
    p.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => p.on("close", (c) => r(c)));
    expect(code).toBe(9);
    expect(out).toContain("got-term");
  }, 30000);
});

describe("lxc-attach: a terminal", () => {
  test("a pty in the container when std fds are terminals", () => {
    const script = "tty; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all-tty; stty size; [ $(stat -L -c %d /proc/self/fd/0) = $(stat -c %d /dev/pts/ptmx) ] && echo own-devpts; exit 4";
    const r = onPty(["-n", C, "--", "sh", "-c", script]);
    expect(r.code).toBe(4);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^\/dev\/pts\/\d+$/);
    expect(lines).toContain("all-tty");
    expect(lines).toContain("24 91");
    // the pty belongs to the container's devpts
    expect(lines).toContain("own-devpts");
  });

  test("input and window size changes reach the command", () => {
    const r = onPty(["-n", C, "--", "sh", "-c", "echo READY; read x; echo got:$x; stty size"], { input: "hello\n", resize: "40x120" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("got:hello");
    expect(r.stdout).toContain("40 120");
  });

  test("killed by a signal through the pty: 137", () => {
    expect(onPty(["-n", C, "--", "sh", "-c", "kill -9 $$"]).code).toBe(137);
  });

  test("a redirected stdout is left alone, the terminal keeps the rest", () => {
    const out = join(sb.lxcpath, "pty-out");
    const r = onPty(["-n", C, "--", "sh", "-c", "echo to-file; echo to-tty >&2; readlink /proc/self/fd/1"], { redirect: `>${out}` });
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(`to-file\n${out}\n`);
    expect(r.stdout).toContain("to-tty");
    expect(r.stdout).not.toContain("to-file");
  });

  test("a missing command on a terminal: 127 with the reason", () => {
    const r = onPty(["-n", C, "--", "no-such-command"]);
    expect(r.code).toBe(127);
    expect(r.stdout).toContain('Failed to exec "no-such-command": No such file or directory');
  });
});

describe("lxc-attach: namespaces, environment, ids", () => {
  test("-s NETWORK: the host's hostname, the container's network", () => {
    const pid = initPid();
    const r = attach(["-n", C, "-s", "NETWORK", "--", "sh", "-c", "hostname; readlink /proc/self/ns/net; grep -c : /proc/net/dev"]);
    expect(r.code).toBe(0);
    const [h, ns, nics] = r.stdout.trim().split("\n");
    expect(h).toBe(hostname());
    expect(ns).toBe(readlinkSync(`/proc/${pid}/ns/net`));
    expect(ns).not.toBe(readlinkSync("/proc/self/ns/net"));
    expect(nics).toBe("1"); // lo only: lxc.net.0.type = empty
  });

  test("-s UTSNAME|IPC, -s mnt|PID, and a bad -s", () => {
    let r = attach(["-n", C, "-s", "UTSNAME|IPC", "--", "sh", "-c", "hostname; readlink /proc/self/ns/net"]);
    expect(r.stdout).toBe(`${C}\n${readlinkSync("/proc/self/ns/net")}\n`);
    // the container's /proc (it shows its pid namespace) with the host's hostname
    r = attach(["-n", C, "-s", "mnt|PID", "--", "sh", "-c", "hostname; readlink /proc/1/exe; readlink /proc/self/ns/uts"]);
    expect(r.stdout).toBe(`${hostname()}\n/bin/busybox\n${readlinkSync("/proc/self/ns/uts")}\n`);
    const b = attach(["-n", C, "-s", "FOO", "--", "true"]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('unknown namespace "FOO"');
  });

  test("default: all of the container's namespaces and its cgroup; -s implies -e", () => {
    const pid = initPid();
    const r = attach(["-n", C, "--", "sh", "-c", "for n in mnt pid uts ipc net cgroup; do readlink /proc/self/ns/$n; done; cat /proc/self/cgroup"]);
    const lines = r.stdout.trim().split("\n");
    for (const [i, n] of ["mnt", "pid", "uts", "ipc", "net", "cgroup"].entries()) expect(lines[i]).toBe(readlinkSync(`/proc/${pid}/ns/${n}`));
    const hostHasV2 = readFileSync("/proc/self/cgroup", "utf8").includes("0::");
    if (hostHasV2) expect(lines).toContain("0::/.lxc");
    const e = attach(["-n", C, "-s", "PID", "--", "cat", "/proc/self/cgroup"]);
    expect(e.stdout).toBe(readFileSync("/proc/self/cgroup", "utf8"));
  });

  test("capabilities: lxc.cap.drop applies, -e CAP keeps them", () => {
    const bnd = (out: string) => BigInt("0x" + /CapBnd:\s*([0-9a-f]+)/.exec(out)![1]);
    const sysTime = 1n << 25n;
    expect(bnd(attach(["-n", C, "--", "cat", "/proc/self/status"]).stdout) & sysTime).toBe(0n);
    expect(bnd(attach(["-n", C, "--elevated-privileges=CAP", "--", "cat", "/proc/self/status"]).stdout) & sysTime).toBe(sysTime);
  });

  test("default environment: the caller's, container=lxc, lxc.environment, -v", () => {
    const env = { PATH: process.env.PATH, MY_VAR: "kept value", HOME: "/root" };
    const r = attach(["-n", C, "-v", "SET=1", "-v", "MY_VAR=over", "--", "env"], { env });
    const lines = r.stdout.trim().split("\n").sort();
    expect(lines).toEqual([`HOME=/root`, `MY_VAR=over`, `PATH=${process.env.PATH}`, "FROM_CONFIG=yes", "SET=1", "container=lxc"].sort());
  });

  test("--clear-env: only container=lxc, the default PATH, kept and set variables", () => {
    const env = { PATH: "/caller/bin:/bin:/usr/bin", KEEP_ME: "k", DROP_ME: "d" };
    let r = attach(["-n", C, "--clear-env", "--", "/bin/env"], { env });
    expect(r.stdout.trim().split("\n").sort()).toEqual(["FROM_CONFIG=yes", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "container=lxc"]);
    r = attach(["-n", C, "--clear-env", "--keep-var", "KEEP_ME", "--keep-var", "PATH", "-v", "X=y", "--", "/bin/env"], { env });
    expect(r.stdout.trim().split("\n").sort()).toEqual(["FROM_CONFIG=yes", "KEEP_ME=k", "PATH=/caller/bin:/bin:/usr/bin", "X=y", "container=lxc"]);
    // the later of --clear-env and --keep-env counts
    r = attach(["-n", C, "--clear-env", "--keep-env", "--", "/bin/env"], { env });
    expect(r.stdout).toContain("DROP_ME=d");
  });

  test("-u and -g", () => {
    let r = attach(["-n", C, "-u", "1000", "-g", "1001", "--", "sh", "-c", "id -u; id -g; grep Groups: /proc/self/status"]);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual(["1000", "1001"]);
    expect(r.stdout).toMatch(/Groups:\s*\n/);
    r = attach(["-n", C, "-u", "1000", "--", "sh", "-c", "id -u; id -g"]);
    expect(r.stdout).toBe("1000\n0\n");
    r = attach(["-n", C, "-u", "alice", "--", "true"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("-u/--uid wants a number");
  });

  test("the caller's cwd when the container has it, / otherwise", () => {
    const run = (cwd: string) => spawnSync(ATTACH, ["-P", sb.lxcpath, "-n", C, "--", "pwd"], { cwd, encoding: "utf8" }).stdout;
    expect(run("/tmp")).toBe("/tmp\n");
    expect(run(sb.lxcpath)).toBe("/\n");
  });
});

describe("lxc-attach: failures", () => {
  test("a stopped container: exit 1, clear message", () => {
    const n = sb.name("stopped");
    expect(sb.create(n).code).toBe(0);
    const r = attach(["-n", n, "--", "true"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`container ${n} is not running`);
    expect(r.stderr).toContain("hint: start it");
  });

  test("a container that does not exist: exit 1, clear message", () => {
    const r = attach(["-n", sb.name("missing"), "--", "true"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`container ${sb.name("missing")} does not exist in ${sb.lxcpath}`);
  });

  test("no name, unsupported options", () => {
    expect(attach(["--", "true"]).stderr).toContain("No container name specified");
    for (const o of [["-a", "x86"], ["-R"], ["-L", "/tmp/x"], ["-c", "ctx"]]) {
      const r = attach(["-n", C, ...o, "--", "true"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("not supported yet");
    }
  });

  test("the attach cgroup leaf goes away with the container", () => {
    const n = sb.name("cg");
    expect(sb.create(n, ["lxc.init.cmd = /bin/sleep 100000"]).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    expect(attach(["-n", n, "--", "true"]).code).toBe(0);
    const dirs = spawnSync("sh", ["-c", `ls -d /sys/fs/cgroup/lxc.payload.${n}/.lxc /sys/fs/cgroup/*/lxc.payload.${n}/.lxc 2>/dev/null`], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
    for (const d of dirs) expect(existsSync(d)).toBe(false);
    expect(existsSync(`/sys/fs/cgroup/lxc.payload.${n}`) || existsSync(`/sys/fs/cgroup/unified/lxc.payload.${n}`)).toBe(false);
  }, 30000);
});
