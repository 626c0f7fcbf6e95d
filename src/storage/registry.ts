// Backend registry: name -> implementation. Types LXC knows but we do not run yet fail
// with a clear error instead of being treated as something else.
import { LxcError, notSupportedYet } from "../errors.ts";
import { dirBackend } from "./dir.ts";
import type { StorageBackend } from "./types.ts";

const BACKENDS: StorageBackend[] = [dirBackend];
const KNOWN_LATER = ["overlay", "overlayfs", "btrfs", "lvm", "zfs", "loop", "rbd", "nbd"];

export function backendByName(name: string): StorageBackend {
  const n = name === "none" ? "dir" : name;
  const b = BACKENDS.find((x) => x.type === n);
  if (b) return b;
  if (KNOWN_LATER.includes(n) || n === "best") throw notSupportedYet(`the ${n} backing store`, "use -B dir for now");
  throw new LxcError("USAGE", `unknown backing store type "${name}"`, {
    hint: `use one of: dir, ${KNOWN_LATER.join(", ")}`,
  });
}

export function backendForRootfs(value: string): StorageBackend {
  const m = /^([a-z]+):/.exec(value);
  if (m && m[1] !== "dir") return backendByName(m[1]!);
  const b = BACKENDS.find((x) => x.matches(value));
  if (b) return b;
  throw new LxcError("CONFIG_BAD_VALUE", `cannot tell the backing store of lxc.rootfs.path = ${value}`, {
    hint: "prefix it with its type, e.g. dir:/var/lib/lxc/c1/rootfs",
    details: { key: "lxc.rootfs.path" },
  });
}
