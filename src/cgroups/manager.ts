// The host's cgroup manager: makes a container's cgroup in every hierarchy, finds the
// cgroup of a running container, reads its counters and removes it.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { LxcError } from "../errors.ts";
import { log } from "../log.ts";
import { readText, removeCgroupTree, sysCode } from "./fsutil.ts";
import { DirHandle, type HandleEntry } from "./handle.ts";
import { detectLayout, dirOf } from "./layout.ts";
import { candidate, MAX_SUFFIX, payloadPath } from "./naming.ts";
import { parseProcCgroup, pathFor } from "./proc-cgroup.ts";
import { driverFor } from "./registry.ts";
import type { CgroupHandle, CgroupLayout, CgroupManager, CgroupStats, CreateOptions, Hierarchy } from "./types.ts";

export interface ManagerOptions {
  /** a fixture tree standing in for "/" (its proc/ and sys/fs/cgroup/); default "" = the real host */
  root?: string;
  /** text of /proc/self/mountinfo, instead of reading it */
  mountinfo?: string;
  /** text of /proc/self/cgroup, instead of reading it */
  selfCgroup?: string;
  /** text of /proc/1/cgroup, instead of reading it */
  initCgroup?: string;
  /**
   * lxc.cgroup.relative: build under the caller's own cgroup. Otherwise root builds under
   * init's cgroup (minus a systemd init.scope), as LXC does, so a container does not live
   * inside the login session that started it.
   */
  relative?: boolean;
  /** default: the effective uid is 0 */
  isRoot?: boolean;
  /** makes one cgroup directory (tests pass one that also fills in the kernel's files) */
  mkdir?: (path: string) => void;
}

class Collision extends Error {}

function mkdirError(dir: string, e: unknown): LxcError {
  const { code, errno } = sysCode(e);
  let hint: string | undefined;
  if (code === "EACCES" || code === "EPERM") {
    hint = "creating cgroups needs root, or a delegated cgroup (as a user on cgroup2: systemd-run --user --scope -p Delegate=yes <command>)";
  } else if (code === "EROFS") {
    hint = "the cgroup filesystem is mounted read-only here (inside a container?): give it a writable cgroup tree";
  }
  return new LxcError("CGROUP_FAILED", `cannot create cgroup ${dir}: ${code} (errno ${errno})`, { hint, details: { path: dir, errno }, cause: e });
}

export class HostCgroupManager implements CgroupManager {
  readonly layout: CgroupLayout;
  private readonly root: string;
  private readonly mkdir: (path: string) => void;

  constructor(opts: ManagerOptions = {}) {
    this.root = opts.root ?? "";
    const isRoot = opts.isRoot ?? process.geteuid?.() === 0;
    const underInit = isRoot && !opts.relative;
    this.layout = detectLayout({
      root: this.root,
      mountinfo: opts.mountinfo ?? readFileSync(`${this.root}/proc/self/mountinfo`, "utf8"),
      selfCgroup: opts.selfCgroup ?? readFileSync(`${this.root}/proc/self/cgroup`, "utf8"),
      initCgroup: underInit ? (opts.initCgroup ?? readText(`${this.root}/proc/1/cgroup`)) : null,
    });
    this.mkdir = opts.mkdir ?? ((p) => mkdirSync(p, { mode: 0o755 }));
  }

  /** The directory of `rel` (below the base cgroup) in every hierarchy. */
  private entriesFor(rel: string): HandleEntry[] {
    return this.layout.hierarchies.map((h) => ({ hierarchy: h, dir: dirOf(h, posix.join(h.base, rel))! }));
  }

  private hierarchyOf(path: string): Hierarchy | undefined {
    return this.layout.hierarchies.find((h) => path.startsWith(h.mountPoint + "/"));
  }

  async create(name: string, opts: CreateOptions = {}): Promise<CgroupHandle> {
    if (!this.layout.hierarchies.length) {
      throw new LxcError("CGROUP_FAILED", "no cgroup hierarchy is mounted on this host", {
        hint: "mount cgroup2 at /sys/fs/cgroup (mount -t cgroup2 none /sys/fs/cgroup)",
      });
    }
    const rel = payloadPath(name, opts);
    for (let n = 0; n <= MAX_SUFFIX; n++) {
      const relN = candidate(rel, n);
      const entries = this.entriesFor(relN);
      const existing = entries.filter((e) => existsSync(e.dir));
      if (existing.some((e) => driverFor(e.hierarchy.version).populated(e.dir))) {
        log.info("cgroup", `cgroup ${relN} is in use, trying the next name`);
        continue;
      }
      if (existing.length) {
        try {
          for (const e of existing) await removeCgroupTree(e.dir, 200);
          log.info("cgroup", `removed the stale cgroup ${relN} (a container that was not cleaned up)`);
        } catch {
          continue;
        }
      }
      try {
        return this.make(relN, entries);
      } catch (e) {
        if (e instanceof Collision) continue;
        throw e;
      }
    }
    throw new LxcError("CGROUP_FAILED", `no free cgroup name for ${rel} (tried ${MAX_SUFFIX} suffixes)`, {
      hint: "remove leftover cgroups of this container, or run lxc-ts's removeStale for it",
    });
  }

  /** Makes `rel` in every hierarchy; on any failure removes again what it made. */
  private make(rel: string, entries: HandleEntry[]): DirHandle {
    const made: string[] = [];
    try {
      const parts = rel.split("/");
      for (const { hierarchy: h } of entries) {
        const driver = driverFor(h.version);
        let parent = dirOf(h, h.base)!;
        if (!existsSync(parent)) {
          throw new LxcError("CGROUP_FAILED", `the base cgroup ${parent} does not exist`, { details: { path: parent } });
        }
        parts.forEach((part, i) => {
          const d = join(parent, part);
          const last = i === parts.length - 1;
          driver.prepareParent(h, parent);
          if (!last && existsSync(d)) {
            parent = d;
            return;
          }
          try {
            this.mkdir(d);
          } catch (e) {
            if (sysCode(e).code !== "EEXIST") throw mkdirError(d, e);
            if (last) throw new Collision(d);
            parent = d;
            return;
          }
          made.push(d);
          driver.initDir(h, d, parent);
          parent = d;
        });
      }
      log.debug("cgroup", `created cgroup ${rel}: ${entries.map((e) => e.dir).join(" ")}`);
      return new DirHandle(this.layout, rel, entries);
    } catch (e) {
      for (const d of made.reverse()) {
        try {
          rmdirSync(d);
        } catch (err) {
          log.warn("cgroup", `could not remove ${d} while undoing a failed cgroup creation: ${sysCode(err).code}`);
        }
      }
      throw e;
    }
  }

  findForPid(pid: number): CgroupHandle | null {
    const text = readText(`${this.root}/proc/${pid}/cgroup`);
    if (text === null) return null;
    const procEntries = parseProcCgroup(text);
    const entries: HandleEntry[] = [];
    let rel: string | undefined;
    for (const h of this.layout.hierarchies) {
      const path = pathFor(procEntries, h.controllers);
      if (path === undefined) continue;
      const dir = dirOf(h, path);
      if (dir === null) continue;
      entries.push({ hierarchy: h, dir });
      rel ??= posix.relative(h.base, path) || ".";
    }
    return entries.length ? new DirHandle(this.layout, rel ?? ".", entries) : null;
  }

  async removeStale(name: string, opts: CreateOptions = {}): Promise<string[]> {
    const rel = payloadPath(name, opts);
    const leaf = posix.basename(rel);
    const same = (n: string) => n === leaf || (n.startsWith(leaf + "-") && /^\d+$/.test(n.slice(leaf.length + 1)));
    const removed: string[] = [];
    const found = new Map<string, HandleEntry[]>();
    for (const e of this.entriesFor(rel)) {
      let names: string[] = [];
      try {
        names = readdirSync(dirname(e.dir)).filter(same);
      } catch {
        continue;
      }
      for (const n of names) {
        const list = found.get(n) ?? [];
        list.push({ hierarchy: e.hierarchy, dir: join(dirname(e.dir), n) });
        found.set(n, list);
      }
    }
    for (const [n, list] of found) {
      if (list.some((e) => driverFor(e.hierarchy.version).populated(e.dir))) {
        log.info("cgroup", `cgroup ${n} still has processes: left alone`);
        continue;
      }
      for (const e of list) {
        await removeCgroupTree(e.dir, 200);
        removed.push(e.dir);
      }
    }
    return removed;
  }

  async removePaths(paths: string[]): Promise<void> {
    for (const p of paths) {
      if (resolve(p) !== p || !this.hierarchyOf(p)) {
        throw new LxcError("CGROUP_FAILED", `refusing to remove ${p}: it is not a cgroup below a cgroup mount of this host`, { details: { path: p } });
      }
    }
    let first: unknown = null;
    for (const p of paths) {
      try {
        await removeCgroupTree(p);
      } catch (e) {
        first ??= e;
      }
    }
    if (first) throw first;
  }

  stats(handle: CgroupHandle): CgroupStats {
    const entries = handle instanceof DirHandle ? handle.entries : handle.paths.flatMap((dir) => {
      const h = this.hierarchyOf(dir);
      return h ? [{ hierarchy: h, dir }] : [];
    });
    // v1 first: on a hybrid host the counters live in the v1 controllers
    const ordered = [...entries.filter((e) => e.hierarchy.version === "v1"), ...entries.filter((e) => e.hierarchy.version === "v2")];
    const out: CgroupStats = {};
    for (const e of ordered) {
      const s = driverFor(e.hierarchy.version).stats(e.hierarchy, e.dir);
      for (const k of Object.keys(s) as (keyof CgroupStats)[]) if (out[k] === undefined) out[k] = s[k];
    }
    return out;
  }

  async freeze(handle: CgroupHandle): Promise<void> {
    const v2 = this.layout.kind === "v2";
    await driverFor(v2 ? "v2" : "v1").freeze(handle.paths[0] ?? "");
  }

  async thaw(handle: CgroupHandle): Promise<void> {
    const v2 = this.layout.kind === "v2";
    await driverFor(v2 ? "v2" : "v1").thaw(handle.paths[0] ?? "");
  }
}
