// A busybox container's whole life with the installed tools, and the ways it can go wrong.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Sandbox, nsenter, runAsync, sleep } from "./helpers.ts";

const sb = new Sandbox("lc");
afterAll(() => sb.cleanup());

function cgroupDirsFor(name: string): string[] {
  const r = spawnSync("sh", ["-c", `ls -d /sys/fs/cgroup/*/lxc.payload.${name} /sys/fs/cgroup/*/lxc.payload.${name}-* /sys/fs/cgroup/lxc.payload.${name} 2>/dev/null`], { encoding: "utf8" });
  return r.stdout.split("\n").filter(Boolean);
}

describe("lifecycle", () => {
  test("create, start, info, ls, stop, destroy", () => {
    const n = sb.name("basic");
    expect(sb.create(n).code).toBe(0);
    expect(existsSync(join(sb.rootfs(n), "bin", "busybox"))).toBe(true);
    const cfg = readFileSync(sb.configPath(n), "utf8");
    expect(cfg).toContain(`lxc.rootfs.path = dir:${sb.rootfs(n)}`);
    expect(cfg).toContain(`lxc.uts.name = "${n}"`);

    let r = sb.tool("lxc-info", "-n", n, "-s", "-H");
    expect(r.stdout.trim()).toBe("STOPPED");
    r = sb.tool("lxc-start", "-n", n);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    r = sb.tool("lxc-info", "-n", n, "-s", "-H");
    expect(r.stdout.trim()).toBe("RUNNING");
    const pid = sb.initPid(n);
    expect(pid).toBeGreaterThan(1);
    expect(readFileSync(`/proc/${pid}/comm`, "utf8").trim()).toBe("init");
    expect(nsenter(pid, ["-u"], ["hostname"]).stdout.trim()).toBe(n);
    // busybox template: 5 ttys, a console, devpts, autodev nodes
    for (const d of ["tty1", "tty5", "console", "null", "zero", "pts/ptmx", "ptmx"]) {
      expect(existsSync(`/proc/${pid}/root/dev/${d}`)).toBe(true);
    }
    expect(existsSync(`/proc/${pid}/root/dev/tty6`)).toBe(false);
    expect(cgroupDirsFor(n).length).toBeGreaterThan(0);

    r = sb.tool("lxc-ls", "-1");
    expect(r.stdout.split("\n")).toContain(n);
    r = sb.tool("lxc-ls", "--running", "-1");
    expect(r.stdout.split("\n")).toContain(n);
    r = sb.tool("lxc-ls", "--fancy");
    expect(r.stdout).toMatch(new RegExp(`^${n}\\s+RUNNING\\s+0\\s+-`, "m"));

    r = sb.tool("lxc-stop", "-n", n);
    expect(r.code).toBe(0);
    expect(sb.tool("lxc-info", "-n", n, "-s", "-H").stdout.trim()).toBe("STOPPED");
    expect(cgroupDirsFor(n)).toEqual([]);
    r = sb.tool("lxc-stop", "-n", n);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not running");

    r = sb.tool("lxc-destroy", "-n", n);
    expect(r.code).toBe(0);
    expect(existsSync(join(sb.lxcpath, n))).toBe(false);
  });

  test("read-only and read-write rootfs", () => {
    const n = sb.name("ro");
    expect(sb.create(n, ["lxc.rootfs.options = ro"]).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    const pid = sb.initPid(n);
    expect(() => mkdirSync(`/proc/${pid}/root/rotest`)).toThrow();
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
    appendFileSync(sb.configPath(n), "lxc.rootfs.options = rw\n");
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    const pid2 = sb.initPid(n);
    mkdirSync(`/proc/${pid2}/root/rwtest`);
    rmSync(`/proc/${pid2}/root/rwtest`, { recursive: true });
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
  });

  test("mount entries: bind with create=dir and create=file, optional, ro", () => {
    const n = sb.name("mnt");
    const hostDir = mkdtempSync("/tmp/lxcts-it-src-");
    writeFileSync(join(hostDir, "hello"), "from the host\n");
    const hostFile = join(hostDir, "hello");
    try {
      expect(
        sb.create(n, [
          `lxc.mount.entry = ${hostDir} srv/data none bind,ro,create=dir 0 0`,
          `lxc.mount.entry = ${hostFile} etc/hello none bind,create=file 0 0`,
          `lxc.mount.entry = /does/not/exist opt/none none bind,optional,create=dir 0 0`,
        ]).code,
      ).toBe(0);
      const r = sb.tool("lxc-start", "-n", n);
      expect(r.stderr).toBe("");
      const pid = sb.initPid(n);
      expect(readFileSync(`/proc/${pid}/root/srv/data/hello`, "utf8")).toBe("from the host\n");
      expect(readFileSync(`/proc/${pid}/root/etc/hello`, "utf8")).toBe("from the host\n");
      expect(() => writeFileSync(`/proc/${pid}/root/srv/data/x`, "x")).toThrow();
      expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
    } finally {
      sb.tool("lxc-destroy", "-n", n, "-f");
      rmSync(hostDir, { recursive: true, force: true });
    }
  });

  test("a mount target reached through a symlink is refused, and nothing is left behind", () => {
    const n = sb.name("sym");
    const hostDir = mkdtempSync("/tmp/lxcts-it-src-");
    try {
      expect(sb.create(n, [`lxc.mount.entry = ${hostDir} opt/xxx/dir none bind,create=dir 0 0`]).code).toBe(0);
      mkdirSync(join(sb.rootfs(n), "opt", "elsewhere"), { recursive: true });
      symlinkSync("/etc", join(sb.rootfs(n), "opt", "xxx"));
      const r = sb.tool("lxc-start", "-n", n);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("lxc.mount.entry");
      expect(r.stderr).toContain("symlink");
      expect(r.stderr).toMatch(/config:\d+/);
      expect(sb.tool("lxc-info", "-n", n, "-s", "-H").stdout.trim()).toBe("STOPPED");
      expect(cgroupDirsFor(n)).toEqual([]);
    } finally {
      sb.tool("lxc-destroy", "-n", n, "-f");
      rmSync(hostDir, { recursive: true, force: true });
    }
  });

  test("a symlinked /proc in the rootfs is refused", () => {
    const n = sb.name("symproc");
    expect(sb.create(n).code).toBe(0);
    const root = sb.rootfs(n);
    spawnSync("mv", [join(root, "proc"), join(root, "proc1")]);
    symlinkSync(join(root, "proc1"), join(root, "proc"));
    const r = sb.tool("lxc-start", "-n", n);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("symlink");
    expect(sb.tool("lxc-destroy", "-n", n).code).toBe(0);
  });

  test("a command replaces init, and the container stops when it exits", async () => {
    const n = sb.name("cmd");
    expect(sb.create(n).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", n, "--", "/bin/sleep", "1000").code).toBe(0);
    const pid = sb.initPid(n);
    expect(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]).toBe("/bin/sleep");
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
    // an init that crashes at once: start succeeds (it exec'd), then the container stops
    expect(sb.tool("lxc-start", "-n", n, "--", "/bin/sh", "-c", "exit 3").code).toBe(0);
    expect(sb.tool("lxc-wait", "-n", n, "-s", "STOPPED", "-t", "10").code).toBe(0);
    expect(cgroupDirsFor(n)).toEqual([]);
    // a missing program fails the start with exit 1 and names it
    const r = sb.tool("lxc-start", "-n", n, "--", "/bin/nonexistent");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("/bin/nonexistent");
    expect(cgroupDirsFor(n)).toEqual([]);
  });

  test("stop: clean halt by signal, and by timeout then kill", () => {
    const n = sb.name("halt");
    expect(sb.create(n).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    expect(sb.tool("lxc-stop", "-n", n, "-t", "20").code).toBe(0);
    // an init that ignores the halt signal: killed after the timeout
    expect(sb.tool("lxc-start", "-n", n, "--", "/bin/sh", "-c", "trap '' USR1; while :; do sleep 1; done").code).toBe(0);
    const t0 = Date.now();
    expect(sb.tool("lxc-stop", "-n", n, "-t", "1").code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(sb.tool("lxc-info", "-n", n, "-s", "-H").stdout.trim()).toBe("STOPPED");
    // --nokill: the timeout is an error
    expect(sb.tool("lxc-start", "-n", n, "--", "/bin/sh", "-c", "trap '' USR1; while :; do sleep 1; done").code).toBe(0);
    expect(sb.tool("lxc-stop", "-n", n, "-t", "1", "--nokill").code).toBe(1);
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
  });

  test("two containers started at once", async () => {
    const a = sb.name("twin-a");
    const b = sb.name("twin-b");
    expect(sb.create(a).code).toBe(0);
    expect(sb.create(b).code).toBe(0);
    const [ra, rb] = await Promise.all([runAsync("lxc-start", ["-n", a, "-P", sb.lxcpath]), runAsync("lxc-start", ["-n", b, "-P", sb.lxcpath])]);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    expect(sb.tool("lxc-ls", "--running", "-1").stdout.split("\n")).toEqual(expect.arrayContaining([a, b]));
    expect(sb.tool("lxc-stop", "-n", a, "-k").code).toBe(0);
    expect(sb.tool("lxc-stop", "-n", b, "-k").code).toBe(0);
  });

  test("a second start of a running container says so", () => {
    const n = sb.name("twice");
    expect(sb.create(n).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    const r = sb.tool("lxc-start", "-n", n);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("already running");
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
  });

  test("kill -9 of the monitor: the container is reported stopped and its cgroup cleaned on the next start", async () => {
    const n = sb.name("kill9");
    expect(sb.create(n).code).toBe(0);
    const pidfile = join(sb.lxcpath, "kill9.pid");
    expect(sb.tool("lxc-start", "-n", n, "-p", pidfile).code).toBe(0);
    const monitor = Number(readFileSync(pidfile, "utf8"));
    const init = sb.initPid(n);
    process.kill(monitor, "SIGKILL");
    for (let i = 0; i < 50 && existsSync(`/proc/${init}`); i++) await sleep(100);
    expect(existsSync(`/proc/${init}`)).toBe(false);
    expect(sb.tool("lxc-info", "-n", n, "-s", "-H").stdout.trim()).toBe("STOPPED");
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    expect(cgroupDirsFor(n).every((d) => !/-\d+$/.test(d))).toBe(true);
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);
    expect(cgroupDirsFor(n)).toEqual([]);
  });
});

describe("bad input", () => {
  test("an unknown key names file, line and a suggestion", () => {
    const n = sb.name("badkey");
    expect(sb.create(n).code).toBe(0);
    appendFileSync(sb.configPath(n), "lxc.uts.nmae = oops\n");
    const lines = readFileSync(sb.configPath(n), "utf8").split("\n").length - 1;
    const r = sb.tool("lxc-start", "-n", n);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${sb.configPath(n)}:${lines}`);
    expect(r.stderr).toContain("lxc.uts.nmae");
    expect(r.stderr).toContain("lxc.uts.name");
    sb.tool("lxc-destroy", "-n", n);
  });

  test("a bad value names the key", () => {
    const n = sb.name("badval");
    expect(sb.create(n).code).toBe(0);
    appendFileSync(sb.configPath(n), "lxc.tty.max = many\n");
    const r = sb.tool("lxc-start", "-n", n);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("lxc.tty.max");
    expect(r.stderr).toContain("many");
    sb.tool("lxc-destroy", "-n", n);
  });

  test("a missing rootfs", () => {
    const n = sb.name("norootfs");
    expect(sb.create(n).code).toBe(0);
    rmSync(sb.rootfs(n), { recursive: true });
    const r = sb.tool("lxc-start", "-n", n);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("lxc.rootfs.path");
    expect(r.stderr).toContain("does not exist");
    expect(cgroupDirsFor(n)).toEqual([]);
    sb.tool("lxc-destroy", "-n", n);
  });

  test("names with / or ..", () => {
    for (const bad of ["a/b", "..", "../x"]) {
      const r = sb.tool("lxc-create", "-n", bad, "-t", "busybox");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("invalid container name");
    }
  });

  test("destroying a running container needs -f", () => {
    const n = sb.name("running");
    expect(sb.create(n).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    let r = sb.tool("lxc-destroy", "-n", n);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is running");
    expect(existsSync(sb.rootfs(n))).toBe(true);
    r = sb.tool("lxc-destroy", "-n", n, "-f");
    expect(r.code).toBe(0);
    expect(existsSync(join(sb.lxcpath, n))).toBe(false);
  });

  test("destroy -s: without snapshots a plain destroy; with them refused, nothing removed", () => {
    const n = sb.name("snaps");
    expect(sb.create(n).code).toBe(0);
    mkdirSync(join(sb.lxcpath, n, "snaps", "snap0"), { recursive: true });
    const r = sb.tool("lxc-destroy", "-n", n, "-s");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not supported yet");
    expect(existsSync(sb.rootfs(n))).toBe(true);
    rmSync(join(sb.lxcpath, n, "snaps"), { recursive: true });
    expect(sb.tool("lxc-destroy", "-n", n, "-s", "-f").code).toBe(0);
    expect(existsSync(join(sb.lxcpath, n))).toBe(false);
  });

  test("destroy never deletes host data through a bind mount inside the rootfs", () => {
    const n = sb.name("bound");
    const hostDir = mkdtempSync("/tmp/lxcts-it-precious-");
    writeFileSync(join(hostDir, "precious"), "keep me\n");
    expect(sb.create(n).code).toBe(0);
    const target = join(sb.rootfs(n), "mnt", "host");
    mkdirSync(target, { recursive: true });
    expect(spawnSync("mount", ["--bind", hostDir, target]).status).toBe(0);
    try {
      const r = sb.tool("lxc-destroy", "-n", n);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("mounted");
      expect(readFileSync(join(hostDir, "precious"), "utf8")).toBe("keep me\n");
      expect(existsSync(sb.configPath(n))).toBe(true);
    } finally {
      spawnSync("umount", [target]);
    }
    expect(sb.tool("lxc-destroy", "-n", n).code).toBe(0);
    expect(readFileSync(join(hostDir, "precious"), "utf8")).toBe("keep me\n");
    rmSync(hostDir, { recursive: true, force: true });
  });

  test("create of an existing container, and a failed template, leave things as they were", () => {
    const n = sb.name("exists");
    expect(sb.create(n).code).toBe(0);
    const before = readFileSync(sb.configPath(n), "utf8");
    const r = sb.create(n);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("already exists");
    expect(readFileSync(sb.configPath(n), "utf8")).toBe(before);
    const f = sb.name("tplfail");
    const tpl = join(sb.lxcpath, "failing-template");
    writeFileSync(tpl, "#!/bin/sh\necho partial > \"$(echo \"$@\" | sed -n 's/.*--rootfs=\\([^ ]*\\).*/\\1/p')/junk\"\nexit 3\n", { mode: 0o755 });
    const r2 = sb.tool("lxc-create", "-n", f, "-t", tpl);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("3");
    expect(existsSync(join(sb.lxcpath, f))).toBe(false);
    sb.tool("lxc-destroy", "-n", n);
  });
});
