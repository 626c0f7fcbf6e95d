// Which cgroup hierarchies this host mounts, and where the container cgroups go in each.
// Pure: it works on the text of /proc/self/mountinfo and /proc/<pid>/cgroup, so a pure-v2
// or hybrid host can be described by a fixture.
import { join } from "node:path";
import { parseMountInfo, type MountInfo } from "../sys/mountinfo.ts";
import { parseProcCgroup, pruneInitScope, type ProcCgroupEntry } from "./proc-cgroup.ts";
import type { CgroupLayout, Hierarchy, LayoutKind } from "./types.ts";

export interface LayoutSource {
  /** prefix for every host path (a fixture tree in tests); "" on a real host */
  root: string;
  mountinfo: string;
  /** /proc/self/cgroup */
  selfCgroup: string;
  /** /proc/1/cgroup when containers go under init's cgroup (root, not relative); else null */
  initCgroup: string | null;
}

/** Super options of a v1 mount that are not controllers. */
const NOT_CONTROLLERS = new Set(["rw", "ro", "xattr", "noprefix", "clone_children", "cpuset_v2_mode", "favordynmods", "none"]);

function v1Tokens(m: MountInfo): Set<string> {
  return new Set(m.superOptions.split(",").filter((t) => t && !NOT_CONTROLLERS.has(t) && !t.startsWith("release_agent=")));
}

/** The /proc/self/cgroup line of the hierarchy a v1 mount shows: the one whose controllers it carries. */
function entryForV1(m: MountInfo, self: ProcCgroupEntry[]): ProcCgroupEntry | undefined {
  const tokens = v1Tokens(m);
  let best: ProcCgroupEntry | undefined;
  for (const e of self) {
    if (!e.controllers.length) continue;
    if (!e.controllers.every((c) => tokens.has(c))) continue;
    if (!best || e.controllers.length > best.controllers.length) best = e;
  }
  return best;
}

/** The directory of cgroup `cgPath` in hierarchy `h`, or null when that mount cannot reach it. */
export function dirOf(h: Pick<Hierarchy, "mountPoint" | "mountRoot">, cgPath: string): string | null {
  const r = h.mountRoot === "/" ? "" : h.mountRoot.replace(/\/+$/, "");
  if (r && cgPath !== r && !cgPath.startsWith(r + "/")) return null;
  const rel = cgPath.slice(r.length).replace(/^\/+/, "");
  return rel ? join(h.mountPoint, rel) : h.mountPoint;
}

/** Prefer the usual place: a mount under /sys/fs/cgroup that reaches the wanted cgroup. */
function better(a: MountInfo, b: MountInfo, path: string): boolean {
  const score = (m: MountInfo) =>
    (m.mountPoint.startsWith("/sys/fs/cgroup") ? 2 : 0) + (dirOf({ mountPoint: m.mountPoint, mountRoot: m.root }, path) !== null ? 4 : 0);
  return score(a) > score(b);
}

export function detectLayout(src: LayoutSource): CgroupLayout {
  const self = parseProcCgroup(src.selfCgroup);
  const init = src.initCgroup === null ? null : parseProcCgroup(src.initCgroup);
  const chosen = new Map<number, { m: MountInfo; e: ProcCgroupEntry }>();
  // a busy host has hundreds of mounts and a dozen cgroup ones: parse only those
  const cgroupLines = src.mountinfo.split("\n").filter((l) => l.includes(" - cgroup")).join("\n");
  for (const m of parseMountInfo(cgroupLines)) {
    let e: ProcCgroupEntry | undefined;
    if (m.fstype === "cgroup2") e = self.find((x) => x.id === 0 && !x.controllers.length);
    else if (m.fstype === "cgroup") e = entryForV1(m, self);
    if (!e) continue;
    const prev = chosen.get(e.id);
    if (!prev || better(m, prev.m, e.path)) chosen.set(e.id, { m, e });
  }
  const hierarchies: Hierarchy[] = [];
  for (const { m, e } of chosen.values()) {
    const version = m.fstype === "cgroup2" ? "v2" : "v1";
    const fromInit = init?.find((x) => x.id === e.id && x.controllers.join(",") === e.controllers.join(","));
    const shape = { mountPoint: src.root + m.mountPoint, mountRoot: m.root };
    let base = fromInit ? pruneInitScope(fromInit.path) : e.path;
    if (dirOf(shape, base) === null) base = e.path;
    if (dirOf(shape, base) === null) continue;
    hierarchies.push({ version, controllers: version === "v2" ? [] : e.controllers, ...shape, base });
  }
  const v1 = hierarchies.some((h) => h.version === "v1");
  const v2 = hierarchies.some((h) => h.version === "v2");
  const kind: LayoutKind = v1 && v2 ? "hybrid" : v1 ? "v1" : v2 ? "v2" : "none";
  return { kind, hierarchies };
}

/** The v1 hierarchy that carries a controller ("pids", "memory", ...), if mounted. */
export function v1HierarchyFor(layout: CgroupLayout, controller: string): Hierarchy | undefined {
  return layout.hierarchies.find((h) => h.version === "v1" && h.controllers.includes(controller));
}

export function unifiedHierarchy(layout: CgroupLayout): Hierarchy | undefined {
  return layout.hierarchies.find((h) => h.version === "v2");
}
