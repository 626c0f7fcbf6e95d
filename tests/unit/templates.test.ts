import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBusyboxArgs } from "../../src/templates/busybox-args.ts";
import { BUSYBOX_TREE, INITTAB, busyboxConfigLines } from "../../src/templates/busybox-files.ts";
import { udhcpcScriptPath } from "../../src/templates/busybox.ts";
import { elfLinkage } from "../../src/templates/elf.ts";
import { findInPath } from "../../src/templates/exec-path.ts";
import { availableTemplates, resolveTemplate, runTemplateScript, templateCommand, type TemplateContext } from "../../src/templates/index.ts";

const ctx: TemplateContext = {
  name: "c1",
  lxcpath: "/var/lib/lxc",
  containerDir: "/var/lib/lxc/c1",
  rootfs: "/var/lib/lxc/c1/rootfs",
  configPath: "/var/lib/lxc/c1/config",
  args: [],
  quiet: true,
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("busybox template arguments", () => {
  test("defaults come from the context", () => {
    const o = parseBusyboxArgs([], ctx);
    expect(o).toMatchObject({ help: false, name: "c1", path: "/var/lib/lxc/c1", rootfs: "/var/lib/lxc/c1/rootfs", extra: [] });
    expect(o.busyboxPath).toBeUndefined();
    expect(o.mappedUid).toBeUndefined();
  });
  test("LXC's internal options, in every getopt spelling; the last one wins", () => {
    const o = parseBusyboxArgs(
      ["--path=/p", "--name=n1", "--rootfs=/r", "-n", "n2", "--busybox-path", "/opt/bb", "--mapped-uid", "-1", "--mapped-gid=1000"],
      ctx,
    );
    expect(o).toMatchObject({ name: "n2", path: "/p", rootfs: "/r", busyboxPath: "/opt/bb", mappedUid: -1, mappedGid: 1000 });
    expect(parseBusyboxArgs(["-nx", "-p/q"]).name).toBe("x");
    expect(parseBusyboxArgs(["--busy=/b"]).busyboxPath).toBe("/b");
  });
  test("rootfs defaults to PATH/rootfs when neither option nor context gives one", () => {
    expect(parseBusyboxArgs(["--path", "/x/c"]).rootfs).toBe("/x/c/rootfs");
  });
  test("help, extra arguments, and mistakes", () => {
    expect(parseBusyboxArgs(["-h"], ctx).help).toBe(true);
    expect(parseBusyboxArgs(["--help"], ctx).help).toBe(true);
    expect(parseBusyboxArgs(["foo", "--", "-x"], ctx).extra).toEqual(["foo", "-x"]);
    for (const bad of [["--nope"], ["-z"], ["--busybox-path"], ["--mapped-uid", "abc"], ["--help=1"], ["--mapped"]]) {
      let err: unknown;
      try {
        parseBusyboxArgs(bad, ctx);
      } catch (e) {
        err = e;
      }
      expect((err as { code: string }).code).toBe("TEMPLATE_FAILED");
    }
  });
});

describe("busybox template content", () => {
  test("config lines: LXC's keys in LXC's order", () => {
    const lines = busyboxConfigLines("c1", () => true);
    const keys = lines.filter((l) => /^lxc\./.test(l)).map((l) => l.replace(/ = .*/, ""));
    expect(keys).toEqual([
      "lxc.signal.halt", "lxc.signal.reboot", "lxc.uts.name", "lxc.autodev", "lxc.tty.max", "lxc.pty.max", "lxc.cap.drop",
      "lxc.mount.auto", "lxc.mount.entry", "lxc.mount.entry", "lxc.mount.entry", "lxc.mount.entry", "lxc.mount.entry",
      "lxc.mount.entry", "lxc.mount.entry",
    ]);
    expect(lines).toContain('lxc.uts.name = "c1"');
    expect(lines).toContain("lxc.cap.drop = sys_module mac_admin mac_override sys_time");
    expect(lines).toContain("lxc.mount.auto = cgroup:mixed proc:mixed sys:ro");
    expect(lines.at(-1)).toBe("lxc.mount.entry = /sys/kernel/security sys/kernel/security none ro,bind,optional 0 0");
    expect(lines.filter((l) => l.includes("ro,bind 0 0"))).toEqual([
      "lxc.mount.entry = /lib lib none ro,bind 0 0",
      "lxc.mount.entry = /usr/lib usr/lib none ro,bind 0 0",
      "lxc.mount.entry = /lib64 lib64 none ro,bind 0 0",
      "lxc.mount.entry = /usr/lib64 usr/lib64 none ro,bind 0 0",
    ]);
  });
  test("library bind mounts only for host directories that exist", () => {
    const lines = busyboxConfigLines("c1", (d) => d === "/usr/lib");
    expect(lines.filter((l) => l.includes("ro,bind 0 0"))).toEqual(["lxc.mount.entry = /usr/lib usr/lib none ro,bind 0 0"]);
  });
  test("tree and inittab", () => {
    expect(BUSYBOX_TREE).toContain("dev/pts");
    expect(BUSYBOX_TREE).toContain("var/run");
    expect(INITTAB.split("\n")).toEqual([
      "::sysinit:/etc/init.d/rcS",
      "tty1::respawn:/bin/getty -L tty1 115200 vt100",
      "console::askfirst:/bin/sh",
      "",
    ]);
  });
  test("the udhcpc script path compiled into busybox", () => {
    const bin = Buffer.concat([Buffer.from("\0junk\0x/default.script\0"), Buffer.from("\0/etc/udhcpc/default.script\0more")]);
    expect(udhcpcScriptPath(bin)).toBe("/etc/udhcpc/default.script");
    expect(udhcpcScriptPath(Buffer.from("nothing here"))).toBeNull();
  });
});

/** A minimal little-endian ELF64 header with the given program header types. */
function elf64(types: number[]): Uint8Array {
  const buf = new Uint8Array(64 + 56 * types.length);
  buf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  const v = new DataView(buf.buffer);
  v.setBigUint64(32, 64n, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, types.length, true);
  types.forEach((t, i) => v.setUint32(64 + 56 * i, t, true));
  return buf;
}

describe("ELF linkage", () => {
  test("PT_INTERP means dynamic", () => {
    expect(elfLinkage(elf64([6, 3, 1]))).toBe("dynamic");
    expect(elfLinkage(elf64([1, 1, 4]))).toBe("static");
    expect(elfLinkage(new TextEncoder().encode("#!/bin/sh\necho hello, this is a script not a binary\n"))).toBe("not-elf");
  });
});

describe("finding templates", () => {
  const dir = mkdtempSync(join(tmpdir(), "lxcts-tpl-"));
  dirs.push(dir);
  writeFileSync(join(dir, "lxc-foo"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  writeFileSync(join(dir, "lxc-noexec"), "#!/bin/sh\n", { mode: 0o644 });
  chmodSync(join(dir, "lxc-noexec"), 0o644);
  const withDir = <T>(f: () => T): T => {
    const old = process.env.LXC_TEMPLATE_DIR;
    process.env.LXC_TEMPLATE_DIR = dir;
    try {
      return f();
    } finally {
      if (old === undefined) delete process.env.LXC_TEMPLATE_DIR;
      else process.env.LXC_TEMPLATE_DIR = old;
    }
  };
  const errOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as { code: string; message: string; hint: string };
    }
    throw new Error("no error");
  };

  test("built-in first, then lxc-NAME in the template directory, then an absolute path", () => {
    withDir(() => {
      const b = resolveTemplate("busybox");
      expect(b.kind).toBe("builtin");
      expect(resolveTemplate("foo")).toEqual({ kind: "script", name: "foo", path: join(dir, "lxc-foo") });
      expect(resolveTemplate(join(dir, "lxc-foo"))).toEqual({ kind: "script", name: join(dir, "lxc-foo"), path: join(dir, "lxc-foo") });
      expect(availableTemplates()).toEqual(["busybox", "foo"]);
    });
  });
  test("unknown names say what was looked up and list what exists", () => {
    withDir(() => {
      const e = errOf(() => resolveTemplate("nosuch"));
      expect(e.code).toBe("TEMPLATE_FAILED");
      expect(e.message).toContain(join(dir, "lxc-nosuch"));
      expect(e.hint).toContain("busybox, foo");
      expect(errOf(() => resolveTemplate("./rel/path")).code).toBe("TEMPLATE_FAILED");
      expect(errOf(() => resolveTemplate("/no/such/template")).message).toContain("/no/such/template");
    });
  });
  test("a template that is not executable is a bad template", () => {
    withDir(() => {
      const e = errOf(() => resolveTemplate("noexec"));
      expect(e.message).toContain("bad template");
      expect(e.hint).toContain("chmod +x");
    });
  });
});

describe("template script command line", () => {
  test("LXC's arguments first, then the user's unchanged", () => {
    const c = templateCommand("/usr/share/lxc/templates/lxc-download", { ...ctx, args: ["-d", "debian", "--release=bookworm"] }, { privateMounts: false });
    expect(c.file).toBe("/usr/share/lxc/templates/lxc-download");
    expect(c.argv0).toBe("lxc-download");
    expect(c.args).toEqual(["--path=/var/lib/lxc/c1", "--name=c1", "--rootfs=/var/lib/lxc/c1/rootfs", "-d", "debian", "--release=bookworm"]);
  });
  test.skipIf(!findInPath("unshare"))("in a private mount namespace through unshare", () => {
    const c = templateCommand("/t/lxc-x", ctx, { privateMounts: true });
    expect(c.privateMounts).toBe(true);
    expect(c.args.slice(0, 5)).toEqual(["--mount", "--propagation", "slave", "--", "/t/lxc-x"]);
    expect(c.args.slice(5)).toEqual(["--path=/var/lib/lxc/c1", "--name=c1", "--rootfs=/var/lib/lxc/c1/rootfs"]);
  });
  test("id-mapped containers are not handled yet", async () => {
    const e = await runTemplateScript("/t/lxc-x", { ...ctx, mappedUid: 0 }).catch((x) => x);
    expect(e.code).toBe("NOT_IMPLEMENTED");
  });
});
