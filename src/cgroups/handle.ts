// A container's cgroup: its directory in each hierarchy, the settings written there, and
// its removal. It never touches anything outside those directories.
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import { log } from "../log.ts";
import { checkKey } from "./driver.ts";
import { removeCgroupTree, sysCode, writeValue } from "./fsutil.ts";
import { v1HierarchyFor } from "./layout.ts";
import { driverFor } from "./registry.ts";
import type { CgroupHandle, CgroupLayout, CgroupSetting, CgroupVersion, Hierarchy } from "./types.ts";

export interface HandleEntry {
  hierarchy: Hierarchy;
  dir: string;
}

function writeHint(code: string, version: CgroupVersion, key: string, layout: CgroupLayout): string {
  const controller = key.slice(0, key.indexOf("."));
  if (code === "ENOENT") {
    if (version === "v2" && v1HierarchyFor(layout, controller)) {
      return `on this host the ${controller} controller is on a cgroup v1 hierarchy: use the matching lxc.cgroup.${controller}.* key (v1 file names differ)`;
    }
    return version === "v2"
      ? `check the file name; the ${controller} controller must also be enabled in the parent's cgroup.subtree_control`
      : "check the file name against the files in that controller's directory";
  }
  if (code === "EINVAL" || code === "ERANGE") return "the kernel refused the value: check its format and range for this file";
  if (code === "EBUSY") return "the value conflicts with the cgroup's current state (e.g. a limit below the current usage)";
  if (code === "EACCES" || code === "EPERM") return "writing cgroup files needs root, or a cgroup delegated to you";
  return "see the kernel's cgroup documentation for this file";
}

export class DirHandle implements CgroupHandle {
  constructor(
    readonly layout: CgroupLayout,
    readonly relPath: string,
    readonly entries: HandleEntry[],
  ) {}

  get paths(): string[] {
    return this.entries.map((e) => e.dir);
  }

  dirFor(h: Hierarchy): string | undefined {
    return this.entries.find((e) => e.hierarchy === h)?.dir;
  }

  async apply(settings: CgroupSetting[], version: CgroupVersion): Promise<void> {
    const driver = driverFor(version);
    for (const s of driver.order(settings)) {
      const key = s.key.startsWith(driver.keyPrefix) ? s.key.slice(driver.keyPrefix.length) : s.key;
      const full = driver.keyPrefix + key;
      checkKey(full, key);
      const t = driver.target(this.layout, key);
      if ("skip" in t) {
        log.warn("cgroup", `${full}: ${t.skip}`);
        continue;
      }
      const dir = this.dirFor(t.hierarchy);
      if (!dir) {
        throw new LxcError("CGROUP_FAILED", `${full}: the container's cgroup has no directory in the hierarchy at ${t.hierarchy.mountPoint}`, {
          details: { key: full },
        });
      }
      const file = join(dir, key);
      try {
        writeValue(file, s.value);
        log.debug("cgroup", `${full} = ${s.value} written to ${file}`);
      } catch (e) {
        const { code, errno } = sysCode(e);
        throw new LxcError("CGROUP_FAILED", `${full} = ${s.value}: cannot write ${file}: ${code} (errno ${errno})`, {
          hint: writeHint(code, version, key, this.layout),
          details: { key: full, path: file, errno },
          cause: e,
        });
      }
    }
  }

  async remove(): Promise<void> {
    let first: unknown = null;
    for (const e of [...this.entries].reverse()) {
      try {
        await removeCgroupTree(e.dir);
      } catch (err) {
        first ??= err;
      }
    }
    if (first) throw first;
  }
}
