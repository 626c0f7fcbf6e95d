// Facts about the host that the (pure) plan builder needs, read once per start.
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { readMountInfo } from "../sys/mountinfo.ts";
import type { CgroupMountEntry } from "./plan/build.ts";

const CG = "/sys/fs/cgroup";

/** What /sys/fs/cgroup holds: null when it is itself a cgroup2 mount (a pure v2 host). */
export function hostCgroupLayout(): CgroupMountEntry[] | null {
  const mounts = readMountInfo();
  const top = mounts.filter((m) => m.mountPoint === CG).at(-1);
  if (top?.fstype === "cgroup2") return null;
  const out: CgroupMountEntry[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(CG).sort();
  } catch {
    return [];
  }
  for (const n of names) {
    const p = join(CG, n);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) {
      out.push({ name: n, kind: "symlink", data: readlinkSync(p) });
      continue;
    }
    const m = mounts.filter((x) => x.mountPoint === p).at(-1);
    if (!m) continue;
    if (m.fstype === "cgroup2") out.push({ name: n, kind: "cgroup2", data: "" });
    else if (m.fstype === "cgroup") out.push({ name: n, kind: "cgroup", data: m.superOptions });
  }
  return out;
}

export function capLast(): number {
  try {
    return Number(readFileSync("/proc/sys/kernel/cap_last_cap", "utf8").trim());
  } catch {
    return 40;
  }
}

/** Where the rootfs is bound before pivot_root: lxc.rootfs.mount, LXC's default, or itself. */
export function rootfsMountpoint(configured: string | undefined, rootfs: string): string {
  if (configured) return configured;
  for (const d of ["/usr/lib/x86_64-linux-gnu/lxc/rootfs", "/usr/lib/lxc/rootfs"]) if (existsSync(d)) return d;
  return rootfs;
}
