// /proc/self/mountinfo, parsed: used to find mounts below a container before deleting
// anything, and to learn the host's cgroup mounts.
import { readFileSync } from "node:fs";

export interface MountInfo {
  id: number;
  parent: number;
  mountPoint: string;
  root: string;
  options: string;
  fstype: string;
  source: string;
  superOptions: string;
}

/** Undo the octal escapes (\040 for space, ...) the kernel uses in mountinfo paths. */
export function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function parseMountInfo(text: string): MountInfo[] {
  const out: MountInfo[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const sep = line.indexOf(" - ");
    if (sep < 0) continue;
    const a = line.slice(0, sep).split(" ");
    const b = line.slice(sep + 3).split(" ");
    out.push({
      id: Number(a[0]),
      parent: Number(a[1]),
      root: unescapeMountPath(a[3] ?? ""),
      mountPoint: unescapeMountPath(a[4] ?? ""),
      options: a[5] ?? "",
      fstype: b[0] ?? "",
      source: unescapeMountPath(b[1] ?? ""),
      superOptions: b[2] ?? "",
    });
  }
  return out;
}

export function readMountInfo(pid: number | "self" = "self"): MountInfo[] {
  return parseMountInfo(readFileSync(`/proc/${pid}/mountinfo`, "utf8"));
}

/** Mount points at or below `dir` (deepest first), as seen by this process. */
export function mountsBelow(dir: string, mounts = readMountInfo()): string[] {
  const d = dir.replace(/\/+$/, "");
  return mounts
    .map((m) => m.mountPoint)
    .filter((p) => p === d || p.startsWith(d + "/"))
    .sort((x, y) => y.length - x.length);
}
