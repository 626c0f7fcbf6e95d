// Judging a feature on the running kernel, for when no configuration file can be found:
// namespaces from /proc/self/ns, cgroup controllers from /proc/cgroups and cgroup2's
// cgroup.controllers, netfilter from /proc/net/*_tables_*, filesystems from
// /proc/filesystems, and modules from /proc/modules, /sys/module and the modules.* lists.
import type { Feature, Probe } from "./features.ts";
import { type HostView, cgroupMounts, loadedModules } from "./host.ts";

/** y: built in (or present), m: a module, n: absent, unknown: could not tell. */
export interface Verdict {
  state: "y" | "m" | "n" | "unknown";
  /** For modules: whether it is loaded now (undefined when that cannot be told). */
  loaded?: boolean;
}

const norm = (m: string) => m.replace(/-/g, "_");

export class RunningKernel {
  private readonly modules: Set<string> | null;
  private readonly builtin: Set<string> | null;
  private readonly available: Set<string> | null;
  private readonly controllers: { known: Set<string>; v1Authoritative: boolean };

  constructor(private readonly host: HostView) {
    this.modules = loadedModules(host);
    const base = `/lib/modules/${host.release}`;
    this.builtin = moduleList(host.read(`${base}/modules.builtin`));
    this.available = moduleList(host.read(`${base}/modules.dep`));
    this.controllers = knownControllers(host);
  }

  judge(f: Feature): Verdict {
    for (const p of f.probes ?? []) {
      const v = this.probe(p);
      if (v.state !== "unknown") return v;
    }
    return f.modules ? this.module(f.modules) : { state: "unknown" };
  }

  /** Whether a module is loaded now, for a feature a configuration file says is modular. */
  isLoaded(names: string[]): boolean | undefined {
    if (this.modules === null) return undefined;
    return names.some((n) => this.modules?.has(norm(n)));
  }

  private probe(p: Probe): Verdict {
    const h = this.host;
    switch (p.kind) {
      case "ns":
        if (h.exists(`/proc/self/ns/${p.name}`)) return { state: "y" };
        return { state: h.exists("/proc/self/ns") ? "n" : "unknown" };
      case "path":
        return { state: h.exists(p.path) ? "y" : "unknown" };
      case "controller":
        if (this.controllers.known.has(p.name)) return { state: "y" };
        return { state: this.controllers.v1Authoritative ? "n" : "unknown" };
      case "xt": {
        const found = p.tables.some((t) => (h.read(`/proc/net/${t}`) ?? "").split("\n").includes(p.name));
        return { state: found ? "y" : "unknown" };
      }
      case "filesystem": {
        const fs = (h.read("/proc/filesystems") ?? "").split("\n").map((l) => l.trim().split(/\s+/).pop());
        return { state: fs.includes(p.name) ? "y" : "unknown" };
      }
      case "anon-fd": {
        const fds = h.list("/proc/self/fd") ?? [];
        const found = fds.some((fd) => h.readlink(`/proc/self/fd/${fd}`) === `anon_inode:${p.name}`);
        return { state: found ? "y" : "unknown" };
      }
      case "none":
        return { state: "unknown" };
    }
  }

  private module(names: string[]): Verdict {
    const ns = names.map(norm);
    if (ns.some((n) => this.modules?.has(n))) return { state: "m", loaded: true };
    if (ns.some((n) => this.builtin?.has(n))) return { state: "y" };
    if (ns.some((n) => this.host.exists(`/sys/module/${n}`))) return { state: "y" };
    if (ns.some((n) => this.available?.has(n))) return { state: "m", loaded: this.modules ? false : undefined };
    return { state: this.builtin ? "n" : "unknown" };
  }
}

/** Module names from modules.builtin / modules.dep ("kernel/net/8021q/8021q.ko.xz: ..."). */
function moduleList(text: string | null): Set<string> | null {
  if (text === null) return null;
  const out = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /([^/\s:]+)\.ko(?:\.[a-z]+)?:?(?:\s|$)/.exec(line);
    if (m?.[1]) out.add(norm(m[1]));
  }
  return out;
}

/**
 * Controllers the kernel was built with. /proc/cgroups lists all of them on kernels that
 * still mount v1 hierarchies, so there an absent name is really absent; on cgroup2-only
 * hosts it may be trimmed, so absence there proves nothing.
 */
function knownControllers(host: HostView): { known: Set<string>; v1Authoritative: boolean } {
  const known = new Set<string>();
  const table = host.read("/proc/cgroups");
  for (const line of (table ?? "").split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [name, , , enabled] = line.split(/\s+/);
    if (name && enabled !== "0") known.add(name);
  }
  const mounts = cgroupMounts(host);
  for (const root of mounts.v2) {
    for (const c of (host.read(`${root}/cgroup.controllers`) ?? "").split(/\s+/)) if (c) known.add(c);
  }
  return { known, v1Authoritative: table !== null && mounts.v1.length > 0 };
}
