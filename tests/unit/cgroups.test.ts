// The cgroup manager against fixture trees standing in for a pure cgroup2 host and a hybrid
// host. A fake mkdir plays the kernel's part: a new cgroup directory comes with its files.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { cgroupManager, type CgroupManager, type ManagerOptions } from "../../src/cgroups/index.ts";
import { v1Driver } from "../../src/cgroups/v1.ts";
import { LxcError } from "../../src/errors.ts";

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
const read = (p: string) => readFileSync(p, "utf8");

function sysErr(code: string, errno: number): Error {
  return Object.assign(new Error(code), { code, errno: -errno });
}

// ---------------------------------------------------------------- pure cgroup2 host

const V2_MOUNTINFO = [
  "22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/root rw",
  "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot",
].join("\n");
const SESSION = "/user.slice/user-1000.slice/session-3.scope";

/** A new v2 cgroup: its controllers are what the parent passes down. */
function v2Files(dir: string): void {
  const parentCtl = read(join(dirname(dir), "cgroup.subtree_control")).replace(/\+/g, "").trim();
  put(join(dir, "cgroup.controllers"), parentCtl);
  put(join(dir, "cgroup.subtree_control"), "");
  put(join(dir, "cgroup.procs"), "");
  put(join(dir, "cgroup.events"), "populated 0\nfrozen 0\n");
  put(join(dir, "cpu.stat"), "usage_usec 0\n");
  for (const c of parentCtl.split(/\s+/)) {
    if (c === "memory") put(join(dir, "memory.max"), "");
    if (c === "pids") put(join(dir, "pids.max"), "");
  }
}

function v2Host(opts: Partial<ManagerOptions> = {}): { root: string; cg: string; mgr: CgroupManager } {
  const root = mkdtempSync(join(tmpdir(), "lxcts-cg-v2-"));
  roots.push(root);
  const cg = join(root, "sys/fs/cgroup");
  put(join(cg, "cgroup.controllers"), "cpuset cpu io memory pids");
  put(join(cg, "cgroup.subtree_control"), "");
  put(join(cg, "cgroup.procs"), "");
  let d = cg;
  for (const part of SESSION.split("/").filter(Boolean)) {
    d = join(d, part);
    put(join(d, "cgroup.controllers"), "cpu memory pids");
    put(join(d, "cgroup.subtree_control"), "");
    put(join(d, "cgroup.procs"), part.endsWith(".scope") ? "1234\n" : "");
  }
  const mgr = cgroupManager({
    root,
    mountinfo: V2_MOUNTINFO,
    selfCgroup: `0::${SESSION}\n`,
    initCgroup: "0::/init.scope\n",
    isRoot: true,
    mkdir: (p) => {
      mkdirSync(p);
      v2Files(p);
    },
    ...opts,
  });
  return { root, cg, mgr };
}

describe("pure cgroup2 host", () => {
  test("layout: one unified hierarchy; root builds under init's cgroup minus init.scope", () => {
    const { mgr, cg } = v2Host();
    expect(mgr.layout.kind).toBe("v2");
    expect(mgr.layout.hierarchies).toEqual([{ version: "v2", controllers: [], mountPoint: cg, mountRoot: "/", base: "/" }]);
  });

  test("layout: relative (or not root) builds under the caller's own cgroup", () => {
    expect(v2Host({ relative: true }).mgr.layout.hierarchies[0]!.base).toBe(SESSION);
    expect(v2Host({ isRoot: false }).mgr.layout.hierarchies[0]!.base).toBe(SESSION);
  });

  test("create: lxc.payload.NAME with the parent's controllers enabled for it", async () => {
    const { mgr, cg } = v2Host();
    const h = await mgr.create("c1");
    expect(h.relPath).toBe("lxc.payload.c1");
    expect(h.paths).toEqual([join(cg, "lxc.payload.c1")]);
    expect(read(join(cg, "cgroup.subtree_control"))).toBe("+cpuset +cpu +io +memory +pids");
    expect(read(join(cg, "lxc.payload.c1", "cgroup.controllers"))).toBe("cpuset cpu io memory pids");
  });

  test("create: nothing is enabled twice", async () => {
    const { mgr, cg } = v2Host();
    writeFileSync(join(cg, "cgroup.subtree_control"), "cpuset cpu io memory pids");
    await mgr.create("c1");
    expect(read(join(cg, "cgroup.subtree_control"))).toBe("cpuset cpu io memory pids");
  });

  test("create: lxc.cgroup.dir and the pattern make the path below, enabling controllers on the way", async () => {
    const { mgr, cg } = v2Host();
    const h = await mgr.create("c1", { dir: "custom/inner" });
    expect(h.paths).toEqual([join(cg, "custom/inner/lxc.payload.c1")]);
    expect(read(join(cg, "custom", "cgroup.subtree_control"))).toContain("+memory");
    expect(read(join(cg, "custom/inner", "cgroup.subtree_control"))).toContain("+pids");
    const p = await mgr.create("c2", { pattern: "lxc/%n" });
    expect(p.paths).toEqual([join(cg, "lxc/c2/lxc.payload.c2")]);
  });

  test("create: a busy cgroup of that name gets a -N suffix", async () => {
    const { mgr, cg } = v2Host();
    mkdirSync(join(cg, "lxc.payload.c1"));
    put(join(cg, "lxc.payload.c1", "cgroup.events"), "populated 1\n");
    mkdirSync(join(cg, "lxc.payload.c1-1"));
    put(join(cg, "lxc.payload.c1-1", "cgroup.procs"), "99\n");
    const h = await mgr.create("c1");
    expect(h.relPath).toBe("lxc.payload.c1-2");
    expect(existsSync(join(cg, "lxc.payload.c1-2"))).toBe(true);
  });

  test("create: a stale empty cgroup of that name is removed and the name reused", async () => {
    const { mgr, cg } = v2Host();
    const stale = join(cg, "lxc.payload.c1");
    mkdirSync(join(stale, "inner"), { recursive: true });
    const h = await mgr.create("c1");
    expect(h.relPath).toBe("lxc.payload.c1");
    expect(existsSync(join(stale, "inner"))).toBe(false);
  });

  test("apply: lxc.cgroup2 keys with or without prefix; errors name key, file and errno", async () => {
    const { mgr, cg } = v2Host();
    const h = await mgr.create("c1");
    const dir = join(cg, "lxc.payload.c1");
    await h.apply([{ key: "memory.max", value: "64M" }, { key: "lxc.cgroup2.pids.max", value: "10" }], "v2");
    expect(read(join(dir, "memory.max"))).toBe("64M");
    expect(read(join(dir, "pids.max"))).toBe("10");
    const err = await h.apply([{ key: "memory.nosuchfile", value: "1" }], "v2").catch((e) => e);
    expect(err).toBeInstanceOf(LxcError);
    expect(err.code).toBe("CGROUP_FAILED");
    expect(err.message).toContain("lxc.cgroup2.memory.nosuchfile");
    expect(err.message).toContain(join(dir, "memory.nosuchfile"));
    expect(err.message).toContain("ENOENT");
    expect(err.details).toMatchObject({ key: "lxc.cgroup2.memory.nosuchfile", errno: 2 });
  });

  test("apply: device rules need eBPF (not yet), bad file names are refused, v1 keys are ignored", async () => {
    const { mgr } = v2Host();
    const h = await mgr.create("c1");
    const dev = await h.apply([{ key: "devices.allow", value: "c 1:3 rwm" }], "v2").catch((e) => e);
    expect(dev.code).toBe("NOT_IMPLEMENTED");
    expect(dev.message).toContain("eBPF");
    const bad = await h.apply([{ key: "../../etc.passwd", value: "x" }], "v2").catch((e) => e);
    expect(bad.code).toBe("CGROUP_FAILED");
    await h.apply([{ key: "pids.max", value: "10" }], "v1");
  });

  test("stats: v2 files; a missing file leaves its field out", async () => {
    const { mgr, cg } = v2Host();
    const h = await mgr.create("c1");
    const dir = join(cg, "lxc.payload.c1");
    expect(mgr.stats(h)).toEqual({ cpuNs: 0n });
    put(join(dir, "cpu.stat"), "usage_usec 1500\nuser_usec 1000\n");
    put(join(dir, "io.stat"), "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2\n");
    put(join(dir, "memory.current"), "1048576\n");
    put(join(dir, "memory.stat"), "anon 1\nkernel_stack 100\nslab 200\n");
    put(join(dir, "memory.swap.current"), "0\n");
    expect(mgr.stats(h)).toEqual({ cpuNs: 1500000n, blkioBytes: 12288n, memBytes: 1048576n, kmemBytes: 300n, swapBytes: 0n });
  });

  test("findForPid reads /proc/PID/cgroup", async () => {
    const { mgr, root, cg } = v2Host();
    await mgr.create("c1");
    put(join(root, "proc/4242/cgroup"), "0::/lxc.payload.c1\n");
    const h = mgr.findForPid(4242);
    expect(h?.paths).toEqual([join(cg, "lxc.payload.c1")]);
    expect(h?.relPath).toBe("lxc.payload.c1");
    expect(mgr.findForPid(999999)).toBeNull();
  });

  test("remove: depth first, only its own directories", async () => {
    const { mgr, cg } = v2Host();
    const h = await mgr.create("c1");
    const other = await mgr.create("c2");
    mkdirSync(join(cg, "lxc.payload.c1", "sub", "deeper"), { recursive: true });
    // the kernel's files go away with rmdir; in the fixture, take them away first
    for (const f of ["cgroup.controllers", "cgroup.subtree_control", "cgroup.procs", "cgroup.events", "cpu.stat", "memory.max", "pids.max"]) {
      rmSync(join(cg, "lxc.payload.c1", f), { force: true });
    }
    await h.remove();
    expect(existsSync(join(cg, "lxc.payload.c1"))).toBe(false);
    expect(existsSync(other.paths[0]!)).toBe(true);
    expect(existsSync(cg)).toBe(true);
  });

  test("removePaths refuses anything that is not below a cgroup mount", async () => {
    const { mgr, cg } = v2Host();
    for (const p of ["/etc", cg, `${cg}/../x`, "relative/dir"]) {
      const e = await mgr.removePaths([p]).catch((x) => x);
      expect(e.code).toBe("CGROUP_FAILED");
    }
    await mgr.removePaths([join(cg, "lxc.payload.gone")]);
  });

  test("removeStale removes empty leftovers of the name and leaves busy ones", async () => {
    const { mgr, cg } = v2Host();
    for (const n of ["lxc.payload.c1", "lxc.payload.c1-1", "lxc.payload.c1-2", "lxc.payload.c10"]) mkdirSync(join(cg, n));
    put(join(cg, "lxc.payload.c1-1", "cgroup.procs"), "77\n");
    const removed = await mgr.removeStale("c1");
    expect(removed.map((p) => basename(p)).sort()).toEqual(["lxc.payload.c1", "lxc.payload.c1-2"]);
    expect(existsSync(join(cg, "lxc.payload.c1-1"))).toBe(true);
    expect(existsSync(join(cg, "lxc.payload.c10"))).toBe(true);
  });

  test("freeze and thaw are not there yet", async () => {
    const { mgr } = v2Host();
    const h = await mgr.create("c1");
    expect((await mgr.freeze(h).catch((e) => e)).code).toBe("NOT_IMPLEMENTED");
    expect((await mgr.thaw(h).catch((e) => e)).code).toBe("NOT_IMPLEMENTED");
  });
});

// ---------------------------------------------------------------- hybrid host

const V1 = ["cpu,cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "name=systemd"];
const dirName = (c: string) => (c === "name=systemd" ? "systemd" : c);
const HYBRID_MOUNTINFO = [
  "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
  ...V1.map((c, i) => `${31 + i} 30 0:${28 + i} / /sys/fs/cgroup/${dirName(c)} rw,relatime - cgroup cgroup rw,${c}`),
  "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
].join("\n");
const HYBRID_SELF = [
  "9:name=systemd:/",
  "8:pids:/",
  "7:blkio:/",
  "6:freezer:/",
  "5:devices:/",
  "4:memory:/process_api/abc",
  "3:cpuset:/",
  "1:cpu,cpuacct:/",
  "0::/",
].join("\n");
const HYBRID_INIT = HYBRID_SELF.replace("/process_api/abc", "/");

function v1Files(dir: string): void {
  put(join(dir, "cgroup.procs"), "");
  const h = /\/sys\/fs\/cgroup\/([^/]+)\//.exec(dir)?.[1];
  if (h === "cpuset") {
    put(join(dir, "cpuset.cpus"), "");
    put(join(dir, "cpuset.mems"), "");
  }
  if (h === "pids") put(join(dir, "pids.max"), "");
  if (h === "memory") {
    put(join(dir, "memory.limit_in_bytes"), "");
    put(join(dir, "memory.usage_in_bytes"), "4096\n");
  }
  if (h === "unified") {
    put(join(dir, "cgroup.events"), "populated 0\n");
    put(join(dir, "cpu.stat"), "usage_usec 5\n");
  }
}

function hybridHost(opts: Partial<ManagerOptions> = {}): { root: string; cg: string; mgr: CgroupManager } {
  const root = mkdtempSync(join(tmpdir(), "lxcts-cg-hy-"));
  roots.push(root);
  const cg = join(root, "sys/fs/cgroup");
  for (const c of [...V1, "unified"]) put(join(cg, dirName(c), "cgroup.procs"), "1\n");
  mkdirSync(join(cg, "memory/process_api/abc"), { recursive: true });
  put(join(cg, "cpuset/cpuset.cpus"), "0-3\n");
  put(join(cg, "cpuset/cpuset.mems"), "0\n");
  put(join(cg, "unified/cgroup.controllers"), "");
  put(join(cg, "unified/cgroup.subtree_control"), "");
  const mgr = cgroupManager({
    root,
    mountinfo: HYBRID_MOUNTINFO,
    selfCgroup: HYBRID_SELF,
    initCgroup: HYBRID_INIT,
    isRoot: true,
    mkdir: (p) => {
      mkdirSync(p);
      v1Files(p);
    },
    ...opts,
  });
  return { root, cg, mgr };
}

describe("hybrid host (cgroup v1 controllers + unified)", () => {
  test("layout: every v1 hierarchy including name=systemd, and the unified one", () => {
    const { mgr, cg } = hybridHost();
    expect(mgr.layout.kind).toBe("hybrid");
    expect(mgr.layout.hierarchies.map((h) => `${h.version}:${h.controllers.join(",")}`)).toEqual([
      ...V1.map((c) => `v1:${c}`),
      "v2:",
    ]);
    expect(mgr.layout.hierarchies.every((h) => h.base === "/")).toBe(true);
    expect(mgr.layout.hierarchies[0]!.mountPoint).toBe(join(cg, "cpu,cpuacct"));
  });

  test("layout: relative builds under the caller's cgroup in each hierarchy", () => {
    const { mgr } = hybridHost({ relative: true });
    expect(mgr.layout.hierarchies.find((h) => h.controllers.includes("memory"))!.base).toBe("/process_api/abc");
  });

  test("create: a directory in every hierarchy; cpuset cpus and mems copied from the parent", async () => {
    const { mgr, cg } = hybridHost();
    const h = await mgr.create("c1");
    expect(h.paths).toEqual([...V1.map((c) => join(cg, dirName(c), "lxc.payload.c1")), join(cg, "unified", "lxc.payload.c1")]);
    for (const p of h.paths) expect(existsSync(p)).toBe(true);
    expect(read(join(cg, "cpuset/lxc.payload.c1/cpuset.cpus"))).toBe("0-3");
    expect(read(join(cg, "cpuset/lxc.payload.c1/cpuset.mems"))).toBe("0");
  });

  test("create: busy in one hierarchy is busy: the suffix is used in all", async () => {
    const { mgr, cg } = hybridHost();
    put(join(cg, "pids/lxc.payload.c1/cgroup.procs"), "4321\n");
    const h = await mgr.create("c1");
    expect(h.relPath).toBe("lxc.payload.c1-1");
    expect(h.paths.every((p) => p.endsWith("/lxc.payload.c1-1"))).toBe(true);
  });

  test("create: a failure in a later hierarchy removes what was made", async () => {
    const { mgr, cg } = hybridHost({
      mkdir: (p) => {
        if (p.includes("/unified/")) throw sysErr("EACCES", 13);
        mkdirSync(p);
      },
    });
    const e = await mgr.create("c1", { dir: "a/b" }).catch((x) => x);
    expect(e.code).toBe("CGROUP_FAILED");
    expect(e.message).toContain("EACCES");
    expect(e.hint).toContain("root");
    for (const c of V1) expect(existsSync(join(cg, dirName(c), "a"))).toBe(false);
  });

  test("apply: v1 keys go to the hierarchy of the controller before the first dot", async () => {
    const { mgr, cg } = hybridHost();
    const h = await mgr.create("c1");
    await h.apply([{ key: "pids.max", value: "10" }, { key: "lxc.cgroup.memory.limit_in_bytes", value: "1G" }], "v1");
    expect(read(join(cg, "pids/lxc.payload.c1/pids.max"))).toBe("10");
    expect(read(join(cg, "memory/lxc.payload.c1/memory.limit_in_bytes"))).toBe("1G");
    const e = await h.apply([{ key: "hugetlb.2MB.limit_in_bytes", value: "1" }], "v1").catch((x) => x);
    expect(e.code).toBe("CGROUP_FAILED");
    expect(e.message).toContain("hugetlb");
  });

  test("apply: a v2 key for a controller bound to v1 says so", async () => {
    const { mgr } = hybridHost();
    const h = await mgr.create("c1");
    const e = await h.apply([{ key: "memory.max", value: "1G" }], "v2").catch((x) => x);
    expect(e.code).toBe("CGROUP_FAILED");
    expect(e.hint).toContain("lxc.cgroup.memory");
  });

  test("apply: memsw limits are written after memory limits", () => {
    const order = v1Driver.order([
      { key: "memory.memsw.limit_in_bytes", value: "2G" },
      { key: "pids.max", value: "5" },
      { key: "memory.limit_in_bytes", value: "1G" },
    ]);
    expect(order.map((s) => s.key)).toEqual(["pids.max", "memory.limit_in_bytes", "memory.memsw.limit_in_bytes"]);
  });

  test("stats: v1 files win over the unified hierarchy's cpu.stat", async () => {
    const { mgr, cg } = hybridHost();
    const h = await mgr.create("c1");
    expect(mgr.stats(h)).toEqual({ memBytes: 4096n, cpuNs: 5000n });
    put(join(cg, "cpu,cpuacct/lxc.payload.c1/cpuacct.usage"), "123456789\n");
    put(join(cg, "blkio/lxc.payload.c1/blkio.throttle.io_service_bytes"), "8:0 Read 1\nTotal 2048\n");
    put(join(cg, "memory/lxc.payload.c1/memory.kmem.usage_in_bytes"), "512\n");
    put(join(cg, "memory/lxc.payload.c1/memory.stat"), "cache 1\nswap 64\n");
    expect(mgr.stats(h)).toEqual({ cpuNs: 123456789n, blkioBytes: 2048n, memBytes: 4096n, kmemBytes: 512n, swapBytes: 64n });
  });

  test("findForPid maps every hierarchy's line", async () => {
    const { mgr, root, cg } = hybridHost();
    await mgr.create("c1");
    put(join(root, "proc/77/cgroup"), HYBRID_INIT.replace(/:\/$/gm, ":/lxc.payload.c1"));
    const h = mgr.findForPid(77)!;
    expect(h.paths).toHaveLength(V1.length + 1);
    expect(h.paths).toContain(join(cg, "pids/lxc.payload.c1"));
    expect(h.relPath).toBe("lxc.payload.c1");
  });
});
