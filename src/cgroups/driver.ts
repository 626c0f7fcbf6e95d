// What differs between cgroup v1 and v2, behind one interface. The manager and the handle
// stay version-blind; a driver knows its own files.
import { LxcError } from "../errors.ts";
import type { CgroupLayout, CgroupSetting, CgroupStats, CgroupVersion, Hierarchy } from "./types.ts";

/** Where a setting goes: a hierarchy (the file is the key, in the handle's dir there), or skipped. */
export type SettingTarget = { hierarchy: Hierarchy } | { skip: string };

export interface CgroupDriver {
  readonly version: CgroupVersion;
  /** config-key prefix of this version's settings */
  readonly keyPrefix: string;
  /** before a cgroup is made inside `parentDir` (v2: enable controllers for it) */
  prepareParent(h: Hierarchy, parentDir: string): void;
  /** after `dir` was made inside `parentDir` (v1 cpuset: inherit cpus and mems) */
  initDir(h: Hierarchy, dir: string, parentDir: string): void;
  /** true when a process is in this cgroup or below */
  populated(dir: string): boolean;
  /** the order to write settings in (v1 wants memsw limits after memory limits) */
  order(settings: CgroupSetting[]): CgroupSetting[];
  /** which hierarchy holds the file for `key` (the key without prefix); throws when none can */
  target(layout: CgroupLayout, key: string): SettingTarget;
  /** the counters this hierarchy's files give for the cgroup at `dir` */
  stats(h: Hierarchy, dir: string): CgroupStats;
  freeze(dir: string): Promise<void>;
  thaw(dir: string): Promise<void>;
}

/** The shared default for what a driver does not do (yet): a clear error, never a silent no-op. */
export function unsupported(version: CgroupVersion, what: string): never {
  throw new LxcError("NOT_IMPLEMENTED", `${what} is not supported yet by lxc-ts on cgroup ${version}`, {
    hint: "use real LXC for this operation until lxc-ts supports it",
  });
}

/** Keys name a file inside the container's cgroup directory: no paths, no dot-dot. */
export function checkKey(fullKey: string, key: string): void {
  if (!/^[A-Za-z0-9_]+\.[A-Za-z0-9_.-]+$/.test(key) || key.includes("..")) {
    throw new LxcError("CGROUP_FAILED", `${fullKey}: "${key}" is not a cgroup file name`, {
      hint: "cgroup keys look like lxc.cgroup.<controller>.<file> or lxc.cgroup2.<controller>.<file>, e.g. lxc.cgroup2.memory.max",
      details: { key: fullKey },
    });
  }
}
