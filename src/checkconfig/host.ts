// What lxc-checkconfig looks at on the running system, behind one small interface so that
// tests can describe a host instead of reading this one's /proc.
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { release } from "node:os";
import { delimiter, join } from "node:path";
import { type FileAccess, realFiles } from "../sys/kernel-config.ts";

export interface HostView extends FileAccess {
  /** uname -r */
  release: string;
  /** A text file's contents, null when it cannot be read. */
  read(path: string): string | null;
  exists(path: string): boolean;
  /** Entries of a directory, null when it cannot be listed. */
  list(path: string): string[] | null;
  readlink(path: string): string | null;
  /** Full path of a command found on PATH, or null. */
  which(cmd: string, pathVar: string | undefined): string | null;
  /** Whether the file has the set-user-id bit. */
  isSetuid(path: string): boolean;
}

const attempt = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

export const realHost: HostView = {
  ...realFiles,
  release: release(),
  read: (p) => attempt(() => readFileSync(p, "utf8")),
  exists: (p) => existsSync(p),
  list: (p) => attempt(() => readdirSync(p)),
  readlink: (p) => attempt(() => readlinkSync(p)),
  which(cmd, pathVar) {
    for (const dir of (pathVar ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").split(delimiter)) {
      if (!dir) continue;
      const p = join(dir, cmd);
      const st = attempt(() => statSync(p));
      if (st?.isFile() && (st.mode & 0o111) !== 0) return p;
    }
    return null;
  },
  isSetuid: (p) => ((attempt(() => statSync(p))?.mode ?? 0) & 0o4000) !== 0,
};

export interface CgroupMounts {
  v1: { path: string; options: string }[];
  v2: string[];
}

/** cgroup mount points from /proc/self/mounts, as the kernel writes them (octal escapes kept). */
export function cgroupMounts(host: HostView): CgroupMounts {
  const out: CgroupMounts = { v1: [], v2: [] };
  for (const line of (host.read("/proc/self/mounts") ?? "").split("\n")) {
    const f = line.split(" ");
    const [path, type, options] = [f[1], f[2], f[3]];
    if (path === undefined || line.startsWith("#")) continue;
    if (type === "cgroup") out.v1.push({ path, options: options ?? "" });
    else if (type === "cgroup2") out.v2.push(path);
  }
  return out;
}

/** Loaded modules (first column of /proc/modules), or null when the kernel has no module support. */
export function loadedModules(host: HostView): Set<string> | null {
  const text = host.read("/proc/modules");
  if (text === null) return null;
  return new Set(text.split("\n").map((l) => l.split(" ")[0] ?? "").filter(Boolean));
}
