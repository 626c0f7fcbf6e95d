// cgroup v2: one unified hierarchy. A cgroup only gets the controllers its parent enables
// in cgroup.subtree_control, so each parent on the way down is asked to enable what it has.
import { join } from "node:path";
import { LxcError, notSupportedYet } from "../errors.ts";
import { log } from "../log.ts";
import { unsupported, type CgroupDriver, type SettingTarget } from "./driver.ts";
import { hasProcesses, readText, sysCode, writeValue } from "./fsutil.ts";
import { unifiedHierarchy } from "./layout.ts";
import { flatKeyed, ioStatBytes, singleValue, v2KernelMemory } from "./stats.ts";
import type { CgroupLayout, CgroupSetting, CgroupStats, Hierarchy } from "./types.ts";

const words = (t: string | null) => (t ?? "").split(/\s+/).filter(Boolean);

/**
 * Enables in `dir`'s subtree_control every controller it has but does not pass down yet.
 * Not always possible (a non-root cgroup with processes in it refuses: EBUSY; a delegated
 * tree may lack some); what is refused is left out, and a later write to that
 * controller's file fails naming the file.
 */
export function enableControllers(dir: string): string[] {
  const have = words(readText(join(dir, "cgroup.controllers")));
  const on = new Set(words(readText(join(dir, "cgroup.subtree_control"))));
  const missing = have.filter((c) => !on.has(c));
  if (!missing.length) return [];
  const file = join(dir, "cgroup.subtree_control");
  try {
    writeValue(file, missing.map((c) => `+${c}`).join(" "));
    return missing;
  } catch {
    const done: string[] = [];
    for (const c of missing) {
      try {
        writeValue(file, `+${c}`);
        done.push(c);
      } catch (e) {
        log.debug("cgroup", `cannot enable the ${c} controller in ${file}: ${sysCode(e).code}`);
      }
    }
    return done;
  }
}

function read(dir: string, file: string): string | null {
  return readText(join(dir, file));
}

export const v2Driver: CgroupDriver = {
  version: "v2",
  keyPrefix: "lxc.cgroup2.",

  prepareParent(_h: Hierarchy, parentDir: string): void {
    enableControllers(parentDir);
  },

  initDir(): void {
    // a new v2 cgroup needs nothing: controllers come from the parent
  },

  populated(dir: string): boolean {
    const ev = read(dir, "cgroup.events");
    const m = ev === null ? null : /^populated\s+([01])\s*$/m.exec(ev);
    return m ? m[1] === "1" : hasProcesses(dir);
  },

  order(settings: CgroupSetting[]): CgroupSetting[] {
    return settings;
  },

  target(layout: CgroupLayout, key: string): SettingTarget {
    if (key === "devices.allow" || key === "devices.deny") {
      throw notSupportedYet(
        `lxc.cgroup2.${key} (cgroup2 device rules need an eBPF device program)`,
        "remove the lxc.cgroup2.devices.* lines for now (the container then gets no device cgroup restrictions), or use real LXC",
        { key: `lxc.cgroup2.${key}` },
      );
    }
    const h = unifiedHierarchy(layout);
    if (h) return { hierarchy: h };
    throw new LxcError("CGROUP_FAILED", `lxc.cgroup2.${key}: this host has no cgroup2 (unified) hierarchy mounted`, {
      hint: "use the lxc.cgroup.* (v1) key for this controller instead",
      details: { key: `lxc.cgroup2.${key}` },
    });
  },

  stats(_h: Hierarchy, dir: string): CgroupStats {
    const s: CgroupStats = {};
    const cpu = read(dir, "cpu.stat");
    const usec = cpu === null ? undefined : flatKeyed(cpu).get("usage_usec");
    if (usec !== undefined) s.cpuNs = usec * 1000n;
    const io = read(dir, "io.stat");
    if (io !== null) s.blkioBytes = ioStatBytes(io);
    const cur = read(dir, "memory.current");
    if (cur !== null) s.memBytes = singleValue(cur);
    const stat = read(dir, "memory.stat");
    if (stat !== null) s.kmemBytes = v2KernelMemory(flatKeyed(stat));
    const swap = read(dir, "memory.swap.current");
    if (swap !== null) s.swapBytes = singleValue(swap);
    for (const k of Object.keys(s) as (keyof CgroupStats)[]) if (s[k] === undefined) delete s[k];
    return s;
  },

  freeze(): Promise<void> {
    return unsupported("v2", "freezing a container");
  },
  thaw(): Promise<void> {
    return unsupported("v2", "thawing a container");
  },
};
