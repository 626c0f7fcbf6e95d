// The cgroup manager on this host's real /sys/fs/cgroup (root only): make a cgroup with a
// unique name, move a child into it, read its counters, write limits, remove it all.
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { cgroupManager, dirOf, type CgroupHandle } from "../../src/cgroups/index.ts";

const isRoot = process.getuid?.() === 0;

describe("cgroups on the real host", () => {
  test.skipIf(!isRoot)("create, attach a process, stats, limits, remove", async () => {
    const mgr = cgroupManager();
    expect(mgr.layout.kind).not.toBe("none");
    const name = `lxcts-it-cg-${process.pid}`;
    const handles: CgroupHandle[] = [];
    let child: ReturnType<typeof Bun.spawn> | null = null;
    try {
      const h = await mgr.create(name);
      handles.push(h);
      expect(h.relPath).toBe(`lxc.payload.${name}`);
      expect(h.paths.length).toBe(mgr.layout.hierarchies.length);
      for (const p of h.paths) expect(existsSync(join(p, "cgroup.procs"))).toBe(true);

      child = Bun.spawn(["sleep", "60"], { stdio: ["ignore", "ignore", "ignore"] });
      for (const p of h.paths) writeFileSync(join(p, "cgroup.procs"), String(child.pid));
      const own = readFileSync(`/proc/${child.pid}/cgroup`, "utf8");
      const lines = own.trim().split("\n");
      expect(lines.filter((l) => l.endsWith(`:/lxc.payload.${name}`)).length).toBe(h.paths.length);

      const found = mgr.findForPid(child.pid);
      expect(found?.paths.sort()).toEqual([...h.paths].sort());

      // a second cgroup of the same name while the first is busy gets a suffix
      const again = await mgr.create(name);
      handles.push(again);
      expect(again.relPath).toBe(`lxc.payload.${name}-1`);

      const st = mgr.stats(h);
      expect(st.memBytes ?? st.cpuNs).toBeDefined();
      // a process just moved in may still be charged to its old cgroup (v1): 0 is a valid reading
      if (st.memBytes !== undefined) expect(st.memBytes >= 0n).toBe(true);

      const pidsV1 = mgr.layout.hierarchies.find((x) => x.version === "v1" && x.controllers.includes("pids"));
      if (pidsV1) {
        await h.apply([{ key: "lxc.cgroup.pids.max", value: "10" }], "v1");
        const dir = h.paths.find((p) => p.startsWith(pidsV1.mountPoint + "/"))!;
        expect(readFileSync(join(dir, "pids.max"), "utf8").trim()).toBe("10");
      }
      const unified = mgr.layout.hierarchies.find((x) => x.version === "v2");
      if (unified) {
        const dir = h.paths.find((p) => p.startsWith(unified.mountPoint + "/"))!;
        // always there, whatever controllers the unified hierarchy has
        await h.apply([{ key: "cgroup.max.descendants", value: "5" }], "v2");
        expect(readFileSync(join(dir, "cgroup.max.descendants"), "utf8").trim()).toBe("5");
        if (existsSync(join(dir, "pids.max"))) {
          await h.apply([{ key: "pids.max", value: "10" }], "v2");
          expect(readFileSync(join(dir, "pids.max"), "utf8").trim()).toBe("10");
        }
      }
      const bad = await h.apply([{ key: "cgroup.max.descendants", value: "not-a-number" }], "v2").catch((e) => e);
      if (unified) {
        expect(bad.code).toBe("CGROUP_FAILED");
        expect(bad.details.errno).toBe(22);
      }
    } finally {
      if (child) {
        child.kill(9);
        await child.exited;
      }
      for (const h of handles.reverse()) await h.remove();
      await mgr.removeStale(name);
    }
    for (const h of handles) for (const p of h.paths) expect(existsSync(p)).toBe(false);
  });

  test.skipIf(!isRoot)("a stale empty cgroup (monitor killed) is reused; removeStale cleans leftovers", async () => {
    const mgr = cgroupManager();
    const name = `lxcts-it-stale-${process.pid}`;
    const leftovers = (suffix: string) =>
      mgr.layout.hierarchies.map((h) => dirOf(h, posix.join(h.base, `lxc.payload.${name}${suffix}`))!);
    const made = [...leftovers(""), ...leftovers("-3")];
    try {
      for (const d of made) mkdirSync(d);
      const h = await mgr.create(name);
      expect(h.relPath).toBe(`lxc.payload.${name}`);
      await h.remove();
      const removed = await mgr.removeStale(name);
      expect(removed.sort()).toEqual(leftovers("-3").sort());
    } finally {
      await mgr.removePaths(made.filter((d) => existsSync(d)));
    }
    for (const d of made) expect(existsSync(d)).toBe(false);
  });
});
