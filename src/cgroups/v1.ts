// cgroup v1: one hierarchy per controller (or group of controllers), plus named ones
// like name=systemd. Settings go to the hierarchy of the controller before the first dot.
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import { unsupported, type CgroupDriver, type SettingTarget } from "./driver.ts";
import { hasProcesses, readText, sysCode, writeValue } from "./fsutil.ts";
import { v1HierarchyFor } from "./layout.ts";
import { blkioTotal, flatKeyed, singleValue } from "./stats.ts";
import type { CgroupLayout, CgroupSetting, CgroupStats, Hierarchy } from "./types.ts";

function inheritCpuset(dir: string, parentDir: string): void {
  for (const f of ["cpuset.cpus", "cpuset.mems"]) {
    const mine = readText(join(dir, f));
    if (mine === null || mine.trim()) continue;
    const parent = readText(join(parentDir, f))?.trim();
    if (!parent) continue;
    try {
      writeValue(join(dir, f), parent);
    } catch (e) {
      const { code, errno } = sysCode(e);
      throw new LxcError("CGROUP_FAILED", `cannot copy ${f} "${parent}" from ${parentDir} to ${dir}: ${code}`, {
        hint: "check the cpuset of the parent cgroup",
        details: { path: join(dir, f), errno },
        cause: e,
      });
    }
  }
}

function read(dir: string, file: string): string | null {
  return readText(join(dir, file));
}

export const v1Driver: CgroupDriver = {
  version: "v1",
  keyPrefix: "lxc.cgroup.",

  prepareParent(): void {
    // v1 needs nothing in the parent
  },

  initDir(h: Hierarchy, dir: string, parentDir: string): void {
    if (h.controllers.includes("cpuset")) inheritCpuset(dir, parentDir);
  },

  populated: hasProcesses,

  order(settings: CgroupSetting[]): CgroupSetting[] {
    // memory.memsw.limit_in_bytes may not be set below memory.limit_in_bytes: write it last
    const memsw = (s: CgroupSetting) => s.key.replace(/^lxc\.cgroup\./, "").startsWith("memory.memsw.");
    return [...settings.filter((s) => !memsw(s)), ...settings.filter(memsw)];
  },

  target(layout: CgroupLayout, key: string): SettingTarget {
    const controller = key.slice(0, key.indexOf("."));
    const h = v1HierarchyFor(layout, controller);
    if (h) return { hierarchy: h };
    if (!layout.hierarchies.some((x) => x.version === "v1")) {
      return { skip: "this host has no cgroup v1 hierarchies (pure cgroup2): lxc.cgroup.* settings are ignored, use lxc.cgroup2.*" };
    }
    throw new LxcError("CGROUP_FAILED", `lxc.cgroup.${key}: the ${controller} controller is not mounted as a cgroup v1 hierarchy on this host`, {
      hint: "use a controller listed in /proc/self/cgroup, or lxc.cgroup2.* if it is on the unified hierarchy",
      details: { key: `lxc.cgroup.${key}` },
    });
  },

  stats(h: Hierarchy, dir: string): CgroupStats {
    const s: CgroupStats = {};
    const has = (c: string) => h.controllers.includes(c);
    if (has("cpuacct")) {
      const t = read(dir, "cpuacct.usage");
      if (t !== null) s.cpuNs = singleValue(t);
    }
    if (has("blkio")) {
      const t = read(dir, "blkio.throttle.io_service_bytes");
      if (t !== null) s.blkioBytes = blkioTotal(t);
    }
    if (has("memory")) {
      const mem = read(dir, "memory.usage_in_bytes");
      if (mem !== null) s.memBytes = singleValue(mem);
      const kmem = read(dir, "memory.kmem.usage_in_bytes");
      if (kmem !== null) s.kmemBytes = singleValue(kmem);
      const stat = read(dir, "memory.stat");
      if (stat !== null) s.swapBytes = flatKeyed(stat).get("swap");
    }
    for (const k of Object.keys(s) as (keyof CgroupStats)[]) if (s[k] === undefined) delete s[k];
    return s;
  },

  freeze(): Promise<void> {
    return unsupported("v1", "freezing a container");
  },
  thaw(): Promise<void> {
    return unsupported("v1", "thawing a container");
  },
};
