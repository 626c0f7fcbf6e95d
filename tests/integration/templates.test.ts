// Templates for real (root): the built-in busybox template fills a rootfs in a temp dir;
// the script runner runs a fake LXC template that records what it was given.
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findInPath } from "../../src/templates/exec-path.ts";
import { resolveTemplate, runTemplateScript, type TemplateContext } from "../../src/templates/index.ts";
import { busyboxTemplate } from "../../src/templates/busybox.ts";
import { readMountInfo } from "../../src/sys/mountinfo.ts";

const isRoot = process.getuid?.() === 0;
const busybox = findInPath("busybox");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function context(args: string[] = [], quiet = true): TemplateContext {
  const lxcpath = mkdtempSync(join(tmpdir(), "lxcts-tpl-it-"));
  dirs.push(lxcpath);
  const containerDir = join(lxcpath, "c1");
  mkdirSync(containerDir);
  return { name: "c1", lxcpath, containerDir, rootfs: join(containerDir, "rootfs"), configPath: join(containerDir, "config"), args, quiet };
}

describe("busybox template", () => {
  test.skipIf(!isRoot || !busybox)("builds LXC's busybox container", async () => {
    const ctx = context();
    const r = await busyboxTemplate.run(ctx);
    const root = ctx.rootfs;

    for (const d of ["selinux", "dev/pts", "home", "root", "etc/init.d", "bin", "usr/bin", "sbin", "usr/sbin", "proc", "sys", "mnt", "var/log", "var/run", "lib", "usr/lib", "lib64", "usr/lib64"]) {
      const st = statSync(join(root, d));
      expect(st.isDirectory()).toBe(true);
      expect(st.mode & 0o7777).toBe(0o755);
    }
    expect(statSync(join(root, "tmp")).mode & 0o7777).toBe(0o1777);

    expect(readFileSync(join(root, "etc/passwd"), "utf8")).toBe("root:x:0:0:root:/root:/bin/sh\n");
    expect(readFileSync(join(root, "etc/group"), "utf8")).toBe("root:x:0:root\n");
    expect(readFileSync(join(root, "etc/inittab"), "utf8")).toBe(
      "::sysinit:/etc/init.d/rcS\ntty1::respawn:/bin/getty -L tty1 115200 vt100\nconsole::askfirst:/bin/sh\n",
    );
    const rcs = readFileSync(join(root, "etc/init.d/rcS"), "utf8");
    expect(rcs.startsWith("#!/bin/sh\n")).toBe(true);
    expect(rcs).toContain("mount -a");
    expect(rcs).toContain("syslogd");
    expect(rcs).toContain("udhcpc");
    expect(statSync(join(root, "etc/init.d/rcS")).mode & 0o777).toBe(0o744);
    expect(statSync(join(root, "etc/fstab")).size).toBe(0);
    expect(existsSync(join(root, "etc/shadow"))).toBe(true);
    expect(statSync(join(root, "etc/udhcpc/default.script")).mode & 0o777).toBe(0o744);

    // the binary, one symlink per applet, init = a hard link to busybox
    const bin = statSync(join(root, "bin/busybox"));
    expect(bin.size).toBe(statSync(busybox!).size);
    const applets = spawnSync(busybox!, ["--list"], { encoding: "utf8" }).stdout.split("\n").filter((a) => a && a !== "busybox");
    const links = readdirSync(join(root, "bin")).filter((f) => f !== "busybox");
    expect(links.sort()).toEqual([...applets].sort());
    for (const a of links) {
      expect(lstatSync(join(root, "bin", a)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(root, "bin", a))).toBe("busybox");
    }
    const init = statSync(join(root, "sbin/init"));
    expect(init.ino).toBe(bin.ino);
    expect(init.nlink).toBe(2);
    if (applets.includes("passwd")) expect(bin.mode & 0o7777).toBe(0o6755);

    expect(r.configLines).toContain('lxc.uts.name = "c1"');
    expect(r.configLines[0]).toBe("lxc.signal.halt = SIGUSR1");
    expect(r.configLines.at(-1)).toContain("/sys/kernel/security");
    if (statSync("/usr/lib").isDirectory()) expect(r.configLines).toContain("lxc.mount.entry = /usr/lib usr/lib none ro,bind 0 0");

    // the init inside the rootfs runs
    const v = spawnSync(join(root, "bin/busybox"), ["true"]);
    expect(v.status).toBe(0);
  });

  test.skipIf(!isRoot)("failures name what is missing", async () => {
    const e1 = await busyboxTemplate.run(context(["--busybox-path", "/nonexistent/busybox"])).catch((e) => e);
    expect(e1.code).toBe("TEMPLATE_FAILED");
    expect(e1.message).toContain("/nonexistent/busybox");
    expect(e1.hint).toContain("busybox");

    if (busybox) {
      const ctx = context();
      writeFileSync(join(ctx.containerDir, "file"), "");
      const e2 = await busyboxTemplate.run({ ...ctx, rootfs: join(ctx.containerDir, "file", "rootfs") }).catch((e) => e);
      expect(e2.code).toBe("TEMPLATE_FAILED");
      expect(e2.message).toContain("not writable");
    }
  });
});

describe("template scripts", () => {
  const fake = `#!/bin/sh
out="$(echo "$@" | sed 's/.*--path=\\([^ ]*\\).*/\\1/')/record"
{
  echo "zero=$0"
  for a in "$@"; do echo "arg=$a"; done
  echo "mark=$LXCTS_TEST_MARK"
  echo "mntns=$(readlink /proc/self/ns/mnt)"
} > "$out"
if [ "$LXCTS_TEST_MOUNT" ]; then
  mkdir -p "$LXCTS_TEST_MOUNT" && mount -t tmpfs lxcts-tpl-test "$LXCTS_TEST_MOUNT" || exit 9
fi
exit \${LXCTS_TEST_EXIT:-0}
`;

  test.skipIf(!isRoot)("runs with LXC's arguments, the caller's environment, and private mounts", async () => {
    const tdir = mkdtempSync(join(tmpdir(), "lxcts-tpldir-"));
    dirs.push(tdir);
    writeFileSync(join(tdir, "lxc-fake"), fake, { mode: 0o755 });
    const old = process.env.LXC_TEMPLATE_DIR;
    process.env.LXC_TEMPLATE_DIR = tdir;
    const ctx = context(["-d", "debian", "--with space"]);
    const target = join(ctx.containerDir, "mnt-target");
    process.env.LXCTS_TEST_MARK = "hello";
    process.env.LXCTS_TEST_MOUNT = target;
    try {
      const t = resolveTemplate("fake");
      expect(t.kind).toBe("script");
      if (t.kind !== "script") return;
      await runTemplateScript(t.path, ctx);
      const rec = readFileSync(join(ctx.containerDir, "record"), "utf8").trim().split("\n");
      expect(rec[0]).toBe(`zero=${t.path}`);
      expect(rec.filter((l) => l.startsWith("arg="))).toEqual([
        `arg=--path=${ctx.containerDir}`,
        "arg=--name=c1",
        `arg=--rootfs=${ctx.rootfs}`,
        "arg=-d",
        "arg=debian",
        "arg=--with space",
      ]);
      expect(rec).toContain("mark=hello");
      const ns = rec.find((l) => l.startsWith("mntns="))!.slice(6);
      if (findInPath("unshare")) {
        expect(ns).not.toBe(readlinkSync("/proc/self/ns/mnt"));
        // the tmpfs the template mounted stayed in its namespace
        expect(readMountInfo().some((m) => m.mountPoint === target)).toBe(false);
      }
    } finally {
      delete process.env.LXCTS_TEST_MARK;
      delete process.env.LXCTS_TEST_MOUNT;
      if (old === undefined) delete process.env.LXC_TEMPLATE_DIR;
      else process.env.LXC_TEMPLATE_DIR = old;
      if (readMountInfo().some((m) => m.mountPoint === target)) spawnSync("umount", [target]);
    }
  });

  test.skipIf(!isRoot)("without private mounts it runs in the caller's mount namespace", async () => {
    const tdir = mkdtempSync(join(tmpdir(), "lxcts-tpldir-"));
    dirs.push(tdir);
    const ctx = context();
    writeFileSync(join(tdir, "lxc-fake"), fake, { mode: 0o755 });
    await runTemplateScript(join(tdir, "lxc-fake"), ctx, { privateMounts: false });
    const rec = readFileSync(join(ctx.containerDir, "record"), "utf8");
    expect(rec).toContain("arg=--name=c1");
    expect(rec).toContain(`mntns=${readlinkSync("/proc/self/ns/mnt")}`);
  });

  const lxcBusybox = "/usr/share/lxc/templates/lxc-busybox";
  test.skipIf(!isRoot || !existsSync(lxcBusybox) || !busybox)("LXC's own busybox template script runs through the runner", async () => {
    const ctx = context();
    writeFileSync(ctx.configPath, `lxc.rootfs.path = dir:${ctx.rootfs}\n`);
    await runTemplateScript(lxcBusybox, ctx);
    expect(statSync(join(ctx.rootfs, "sbin/init")).ino).toBe(statSync(join(ctx.rootfs, "bin/busybox")).ino);
    const cfg = readFileSync(ctx.configPath, "utf8");
    expect(cfg).toContain('lxc.uts.name = "c1"');
    // the same keys, in the same order, as the built-in template returns
    const ours = (await busyboxTemplate.run(context())).configLines.filter((l) => l.startsWith("lxc.")).map((l) => l.replace(/"c1"/, "N"));
    const theirs = cfg.split("\n").filter((l) => l.startsWith("lxc.") && !l.startsWith("lxc.rootfs.path")).map((l) => l.replace(/"c1"/, "N"));
    expect(ours).toEqual(theirs);
  });

  test.skipIf(!isRoot)("a failing template fails the create with its exit status", async () => {
    const tdir = mkdtempSync(join(tmpdir(), "lxcts-tpldir-"));
    dirs.push(tdir);
    writeFileSync(join(tdir, "lxc-fails"), fake, { mode: 0o755 });
    process.env.LXCTS_TEST_EXIT = "3";
    try {
      const e = await runTemplateScript(join(tdir, "lxc-fails"), context()).catch((x) => x);
      expect(e.code).toBe("TEMPLATE_FAILED");
      expect(e.message).toBe("template lxc-fails failed with exit status 3");
    } finally {
      delete process.env.LXCTS_TEST_EXIT;
    }
  });
});
