// Where a container's payload cgroup goes, relative to the base cgroup: LXC's names, so a
// container LXC started and one we start collide (and are told apart) the same way.
import { LxcError } from "../errors.ts";
import type { CreateOptions } from "./types.ts";

export const PAYLOAD_PREFIX = "lxc.payload.";

/** How many "-N" suffixes to try before giving up. */
export const MAX_SUFFIX = 1000;

function cleanRelative(path: string, key: string): string {
  const parts = path.split("/").filter((p) => p !== "");
  if (!parts.length || parts.some((p) => p === "." || p === "..")) {
    throw new LxcError("CONFIG_BAD_VALUE", `${key} = ${path}: not a usable cgroup path`, {
      hint: `give a path below the current cgroup without "." or ".." components, e.g. ${key} = lxc`,
      details: { key },
    });
  }
  return parts.join("/");
}

/** "lxc.payload.NAME", below lxc.cgroup.dir or the expanded lxc.cgroup.pattern when set. */
export function payloadPath(name: string, opts: CreateOptions = {}): string {
  if (!name || name.includes("/") || name === "." || name === "..") {
    throw new LxcError("NAME_INVALID", `cannot make a cgroup for container name "${name}"`, { hint: "container names may not contain '/'" });
  }
  const leaf = PAYLOAD_PREFIX + name;
  if (opts.dir) return `${cleanRelative(opts.dir, "lxc.cgroup.dir")}/${leaf}`;
  if (opts.pattern) return `${cleanRelative(opts.pattern.replaceAll("%n", name), "lxc.cgroup.pattern")}/${leaf}`;
  return leaf;
}

/** The n-th candidate: the plain path first, then "-1", "-2", ... */
export function candidate(path: string, n: number): string {
  return n === 0 ? path : `${path}-${n}`;
}
