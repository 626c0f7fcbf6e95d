import { describe, expect, test } from "bun:test";
import { detectLayout, dirOf } from "../../src/cgroups/layout.ts";
import { candidate, payloadPath } from "../../src/cgroups/naming.ts";
import { parseProcCgroup, pathFor, pruneInitScope } from "../../src/cgroups/proc-cgroup.ts";
import { blkioTotal, flatKeyed, ioStatBytes, singleValue, v2KernelMemory } from "../../src/cgroups/stats.ts";

describe("/proc/PID/cgroup", () => {
  const text = "9:name=systemd:/\n4:memory:/process_api/abc\n1:cpu,cpuacct:/x\n0::/user.slice/s.scope\n";
  test("parses every hierarchy line, unified = id 0 without controllers", () => {
    const e = parseProcCgroup(text);
    expect(e).toHaveLength(4);
    expect(e[1]).toEqual({ id: 4, controllers: ["memory"], path: "/process_api/abc" });
    expect(pathFor(e, [])).toBe("/user.slice/s.scope");
    expect(pathFor(e, ["cpuacct", "cpu"])).toBe("/x");
    expect(pathFor(e, ["name=systemd"])).toBe("/");
    expect(pathFor(e, ["pids"])).toBeUndefined();
  });
  test("init.scope is pruned from init's cgroup", () => {
    expect(pruneInitScope("/init.scope")).toBe("/");
    expect(pruneInitScope("/a/init.scope")).toBe("/a");
    expect(pruneInitScope("/user.slice")).toBe("/user.slice");
  });
});

describe("layout edge cases", () => {
  test("a mount of a sub-tree (mountinfo root not /) maps cgroup paths below it", () => {
    const h = { mountPoint: "/sys/fs/cgroup", mountRoot: "/lxc.payload.c1" };
    expect(dirOf(h, "/lxc.payload.c1/a")).toBe("/sys/fs/cgroup/a");
    expect(dirOf(h, "/lxc.payload.c1")).toBe("/sys/fs/cgroup");
    expect(dirOf(h, "/other")).toBeNull();
  });
  test("no cgroup mounts → kind none", () => {
    expect(detectLayout({ root: "", mountinfo: "22 1 0:21 / /proc rw - proc proc rw\n", selfCgroup: "0::/\n", initCgroup: null }).kind).toBe("none");
  });
  test("a hierarchy mounted twice is used once, preferring /sys/fs/cgroup", () => {
    const mi = [
      "40 30 0:37 / /mnt/cg rw - cgroup2 cgroup2 rw",
      "41 30 0:37 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw",
    ].join("\n");
    const l = detectLayout({ root: "", mountinfo: mi, selfCgroup: "0::/\n", initCgroup: null });
    expect(l.hierarchies.map((h) => h.mountPoint)).toEqual(["/sys/fs/cgroup"]);
  });
});

describe("payload names", () => {
  test("LXC's names, below lxc.cgroup.dir or the pattern", () => {
    expect(payloadPath("c1")).toBe("lxc.payload.c1");
    expect(payloadPath("c1", { dir: "/my/tree/" })).toBe("my/tree/lxc.payload.c1");
    expect(payloadPath("c1", { pattern: "lxc/%n" })).toBe("lxc/c1/lxc.payload.c1");
    expect(payloadPath("c1", { dir: "d", pattern: "p" })).toBe("d/lxc.payload.c1");
    expect(candidate("lxc.payload.c1", 0)).toBe("lxc.payload.c1");
    expect(candidate("lxc.payload.c1", 2)).toBe("lxc.payload.c1-2");
  });
  test("paths that would leave the base cgroup are refused", () => {
    expect(() => payloadPath("c1", { dir: "../x" })).toThrow("lxc.cgroup.dir");
    expect(() => payloadPath("a/b")).toThrow();
  });
});

describe("stats parsers", () => {
  test("flat keyed and single values", () => {
    const m = flatKeyed("usage_usec 442700000\nuser_usec 1\nbad line x\n");
    expect(m.get("usage_usec")).toBe(442700000n);
    expect(m.has("bad")).toBe(false);
    expect(singleValue("123\n")).toBe(123n);
    expect(singleValue("max\n")).toBeUndefined();
  });
  test("v1 blkio Total line, v2 io.stat rbytes+wbytes over all devices", () => {
    expect(blkioTotal("8:0 Read 10\n8:0 Total 30\nTotal 4096\n")).toBe(4096n);
    expect(blkioTotal("")).toBeUndefined();
    expect(ioStatBytes("8:0 rbytes=100 wbytes=20 rios=1 wios=2 dbytes=7 dios=0\n259:0 rbytes=1 wbytes=2 rios=0\n")).toBe(123n);
    expect(ioStatBytes("")).toBe(0n);
  });
  test("v2 kernel memory: 'kernel' when present, else kernel_stack + slab", () => {
    expect(v2KernelMemory(flatKeyed("kernel 500\nkernel_stack 10\nslab 20\n"))).toBe(500n);
    expect(v2KernelMemory(flatKeyed("kernel_stack 10\nslab 20\n"))).toBe(30n);
    expect(v2KernelMemory(flatKeyed("anon 1\n"))).toBeUndefined();
  });
});
