// The shapes shared by the cgroup code: one manager for the host, one handle per
// container cgroup, whatever mix of cgroup v1 and v2 the host mounts.

export type CgroupVersion = "v1" | "v2";

/** v1 = only legacy hierarchies, v2 = only the unified one, hybrid = both. */
export type LayoutKind = "v1" | "v2" | "hybrid" | "none";

/** One mounted cgroup hierarchy, as this process sees it. */
export interface Hierarchy {
  version: CgroupVersion;
  /** v1: what /proc/self/cgroup lists for it ("cpu", "cpuacct", "name=systemd"); v2: empty */
  controllers: string[];
  /** where it is mounted (already prefixed with the test root, if any) */
  mountPoint: string;
  /** the cgroup shown at the mount point (mountinfo "root" field), normally "/" */
  mountRoot: string;
  /** the cgroup new container cgroups are made under */
  base: string;
}

export interface CgroupLayout {
  kind: LayoutKind;
  hierarchies: Hierarchy[];
}

export interface CreateOptions {
  /** lxc.cgroup.pattern (global): "%n" is replaced by the name; the payload goes below it */
  pattern?: string;
  /** lxc.cgroup.dir: a path relative to the base cgroup; the payload goes below it */
  dir?: string;
}

/** One lxc.cgroup.* or lxc.cgroup2.* setting; the key may carry its prefix or not. */
export interface CgroupSetting {
  key: string;
  value: string;
}

/** Usage counters; a field is absent when its cgroup file could not be read. */
export interface CgroupStats {
  cpuNs?: bigint;
  blkioBytes?: bigint;
  memBytes?: bigint;
  kmemBytes?: bigint;
  swapBytes?: bigint;
}

/** A container's cgroup: one directory per hierarchy. */
export interface CgroupHandle {
  /** the cgroup path below the base, e.g. "lxc.payload.c1" or "lxc.payload.c1-1" */
  readonly relPath: string;
  /** the directories, one per hierarchy, in layout order (init's pid goes in each cgroup.procs) */
  readonly paths: string[];
  /** write settings into the right files; throws CGROUP_FAILED naming key, file and errno */
  apply(settings: CgroupSetting[], version: CgroupVersion): Promise<void>;
  /** rmdir every directory depth-first (retrying briefly while the kernel says EBUSY); kills nothing */
  remove(): Promise<void>;
}

export interface CgroupManager {
  readonly layout: CgroupLayout;
  create(name: string, opts?: CreateOptions): Promise<CgroupHandle>;
  /** the cgroup a process is in (from /proc/PID/cgroup), or null if it cannot be read */
  findForPid(pid: number): CgroupHandle | null;
  /** remove leftover, empty payload cgroups of this name (and its -N variants); returns what was removed */
  removeStale(name: string, opts?: CreateOptions): Promise<string[]>;
  /** remove cgroup directories by path (teardown); refuses paths outside the cgroup mounts */
  removePaths(paths: string[]): Promise<void>;
  stats(handle: CgroupHandle): CgroupStats;
  freeze(handle: CgroupHandle): Promise<void>;
  thaw(handle: CgroupHandle): Promise<void>;
}
