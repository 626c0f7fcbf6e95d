// lxc-console with the installed tools: a getty login on tty1, the console, several clients
// on one tty, a client killed mid-session, stdin without a terminal, and the ways it fails.
// Each session runs on a pty that a small Python driver opens and scripts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, Sandbox, sleep } from "./helpers.ts";

const sb = new Sandbox("co");
const C = sb.name("main");
const CONSOLE = join(BIN, "lxc-console");

beforeAll(() => {
  expect(sb.create(C).code).toBe(0);
  const cfg = sb.configPath(C);
  writeFileSync(cfg, readFileSync(cfg, "utf8").replace(/^lxc\.tty\.max = .*$/m, "lxc.tty.max = 4"));
  const etc = join(sb.rootfs(C), "etc");
  // root logs in without a password, and tty2 gets a plain shell (tty1 keeps its getty)
  writeFileSync(join(etc, "passwd"), readFileSync(join(etc, "passwd"), "utf8").replace(/^root:x:/m, "root::"));
  writeFileSync(join(etc, "inittab"), readFileSync(join(etc, "inittab"), "utf8") + "tty2::respawn:/bin/sh\n");
  const r = sb.tool("lxc-start", "-n", C);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}, 60000);
afterAll(() => sb.cleanup(), 60000);

// Runs argv on a new pty (its controlling terminal, 24x91) and follows PTY_STEPS, a JSON
// list of ["expect", REGEX, SECONDS?] | ["send", TEXT] | ["resize", ROWS, COLS] |
// ["sleep", SECONDS] | ["exit", SECONDS]. Prints the child's pid on stderr first, then
// JSON on stdout: everything the pty showed, the exit status, the first failed expect, and
// whether the terminal is back in canonical mode with echo.
const PTY_DRIVER = `
import os, pty, sys, select, time, fcntl, termios, struct, json, re
steps = json.loads(os.environ["PTY_STEPS"])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 91, 0, 0))
    os.execv(sys.argv[1], sys.argv[1:])
sys.stderr.write("PID %d\\n" % pid)
sys.stderr.flush()
out = b""
pos = 0
status = None
failed = None
def pump(t):
    global out, status
    end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if fd in r:
            try:
                d = os.read(fd, 65536)
            except OSError:
                d = b""
            if d:
                out += d
                continue
        if status is None:
            p, st = os.waitpid(pid, os.WNOHANG)
            if p:
                status = os.waitstatus_to_exitcode(st)
for st in steps:
    if st[0] == "expect":
        end = time.time() + (st[2] if len(st) > 2 else 15)
        m = None
        while time.time() < end:
            m = re.compile(st[1].encode()).search(out, pos)
            if m:
                break
            pump(0.1)
        if not m:
            failed = st[1]
            break
        pos = m.end()
    elif st[0] == "send":
        os.write(fd, st[1].encode("latin1"))
        pump(0.2)
    elif st[0] == "resize":
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", st[1], st[2], 0, 0))
        pump(0.3)
    elif st[0] == "sleep":
        pump(st[1])
    elif st[0] == "exit":
        end = time.time() + st[1]
        while status is None and time.time() < end:
            pump(0.1)
attrs = termios.tcgetattr(fd)
if status is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print(json.dumps({"out": out.decode("latin1"), "status": status, "failed": failed,
                  "cooked": bool(attrs[3] & termios.ICANON) and bool(attrs[3] & termios.ECHO)}))
`;

type Step = ["expect", string, number?] | ["send", string] | ["resize", number, number] | ["sleep", number] | ["exit", number];

interface Session {
  out: string;
  status: number | null;
  failed: string | null;
  cooked: boolean;
}

interface Running {
  pid: Promise<number>;
  done: Promise<Session>;
}

/** lxc-console ARGS on a pty, driven by STEPS. */
function consoleOnPty(args: string[], steps: Step[]): Running {
  const p = spawn("python3", ["-c", PTY_DRIVER, CONSOLE, "-P", sb.lxcpath, ...args], {
    env: { ...process.env, PTY_STEPS: JSON.stringify(steps) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "", err = "";
  let gotPid: (n: number) => void;
  const pid = new Promise<number>((r) => (gotPid = r));
  p.stdout.on("data", (d) => (out += d));
  p.stderr.on("data", (d) => {
    err += d;
    const m = /^PID (\d+)$/m.exec(err);
    if (m) gotPid(Number(m[1]));
  });
  const done = new Promise<Session>((resolve, reject) => {
    p.on("close", () => {
      try {
        resolve(JSON.parse(out) as Session);
      } catch {
        reject(new Error(`pty driver failed: ${err}`));
      }
    });
  });
  return { pid, done };
}

const QUIT: Step[] = [["send", "\x01q"], ["exit", 10]];

function expectClean(s: Session) {
  expect(s.failed).toBeNull();
  expect(s.status).toBe(0);
  expect(s.cooked).toBe(true);
}

function state(): string {
  return sb.tool("lxc-info", "-n", C, "-s", "-H").stdout.trim();
}

describe("lxc-console: sessions", () => {
  test("getty on tty1: log in as root, run a command, follow a resize, leave with Ctrl-a q", async () => {
    const s = await consoleOnPty(["-n", C, "-t", "1"], [
      ["expect", "\r\nConnected to tty 1\r\nType <Ctrl\\+a q> to exit the console, <Ctrl\\+a Ctrl\\+a> to enter Ctrl\\+a itself\r\n"],
      ["send", "\r"],
      ["expect", "login: ", 20],
      ["send", "root\r"],
      ["expect", "# "],
      ["send", "echo hello-$((6*7))-marker\r"],
      ["expect", "hello-42-marker"],
      ["send", "stty size\r"],
      ["expect", "24 91"],
      ["resize", 30, 100],
      ["send", "stty size\r"],
      ["expect", "30 100"],
      ["send", "exit\r"],
      ...QUIT,
    ]).done;
    expectClean(s);
  }, 60000);

  test("-t 0: the console, with -e ^b (Ctrl-a is then an ordinary key)", async () => {
    const s = await consoleOnPty(["-n", C, "-t", "0", "-e", "^b"], [
      ["expect", "Connected to tty 0\r\nType <Ctrl\\+b q> to exit the console, <Ctrl\\+b Ctrl\\+b> to enter Ctrl\\+b itself"],
      ["send", "\r"],
      ["send", "echo con-$((2*21))\r"],
      ["expect", "con-42"],
      // Ctrl-a q is typed into the shell, not taken as the escape
      ["send", "\x01q"],
      ["sleep", 0.5],
      ["send", "\x15"],
      ["send", "\x02q"],
      ["exit", 10],
    ]).done;
    expectClean(s);
  }, 60000);

  test("without -t: the first tty nobody is on", async () => {
    const s = await consoleOnPty(["-n", C], [["expect", "Connected to tty 1\r\n"], ...QUIT]).done;
    expectClean(s);
  }, 30000);

  test("two clients on one tty both see the output, and both may type", async () => {
    const a = consoleOnPty(["-n", C, "-t", "2"], [
      ["expect", "Connected to tty 2"],
      ["expect", "two-7-clients", 20],
      ["send", "echo from-a-$((1+1))\r"],
      ["expect", "from-a-2"],
      ...QUIT,
    ]);
    await a.pid;
    await sleep(1500);
    const b = consoleOnPty(["-n", C, "-t", "2"], [
      ["expect", "Connected to tty 2"],
      ["send", "echo two-$((3+4))-clients\r"],
      ["expect", "two-7-clients"],
      ["expect", "from-a-2", 20],
      ...QUIT,
    ]);
    const [sa, sbb] = await Promise.all([a.done, b.done]);
    expectClean(sa);
    expectClean(sbb);
  }, 60000);

  test("a client killed with SIGKILL leaves the container and the other clients alone", async () => {
    const victim = consoleOnPty(["-n", C, "-t", "2"], [["expect", "Connected to tty 2"], ["exit", 30]]);
    const other = consoleOnPty(["-n", C, "-t", "2"], [
      ["expect", "Connected to tty 2"],
      ["expect", "after-kill-9", 25],
      ...QUIT,
    ]);
    const vpid = await victim.pid;
    await other.pid;
    await sleep(1500);
    process.kill(vpid, "SIGKILL");
    const v = await victim.done;
    expect(v.status).toBe(-9);
    const typist = await consoleOnPty(["-n", C, "-t", "2"], [
      ["expect", "Connected to tty 2"],
      ["send", "echo after-kill-$((3*3))\r"],
      ["expect", "after-kill-9"],
      ...QUIT,
    ]).done;
    expectClean(typist);
    expectClean(await other.done);
    expect(state()).toBe("RUNNING");
  }, 60000);

  test("stdin not a terminal: input and output still flow, no raw mode", async () => {
    const p = spawn(CONSOLE, ["-P", sb.lxcpath, "-n", C, "-t", "2"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "", err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    const closed = new Promise<number | null>((r) => p.on("close", (code, sig) => r(code ?? (sig === "SIGTERM" ? 143 : null))));
    await sleep(1000);
    p.stdin.write("echo pipe-$((5*5))\n");
    for (let i = 0; i < 100 && !out.includes("pipe-25"); i++) await sleep(100);
    expect(out).toContain("pipe-25");
    expect(err).toContain("Connected to tty 2");
    // stdin at EOF ends the input, not the session: a signal does
    p.stdin.end();
    await sleep(300);
    p.kill("SIGTERM");
    expect(await closed).toBe(143);
  }, 30000);
});

describe("lxc-console: errors", () => {
  test("-t 99 on a container with 4 ttys", () => {
    const r = sb.tool("lxc-console", "-n", C, "-t", "99");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("tty 99 does not exist: the container has 4 ttys");
    expect(r.stderr).toContain("hint: ");
  });

  test("bad -t and -e values", () => {
    expect(sb.tool("lxc-console", "-n", C, "-t", "x").code).toBe(1);
    const r = sb.tool("lxc-console", "-n", C, "-e", "1");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid escape "1"');
  });

  test("a container that does not run: LXC's message, exit 1", () => {
    const r = sb.tool("lxc-console", "-n", "nosuch");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("lxc-console: nosuch: nosuch is not running");
  });

  test("the session ends with status 0 when the container stops", async () => {
    const s = consoleOnPty(["-n", C, "-t", "2"], [["expect", "Connected to tty 2"], ["exit", 30]]);
    await s.pid;
    await sleep(1000);
    expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
    const r = await s.done;
    expect(r.status).toBe(0);
    expect(r.cooked).toBe(true);
    expect(sb.tool("lxc-console", "-n", C).stderr).toContain(`${C} is not running`);
  }, 60000);
});
