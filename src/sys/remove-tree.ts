// Deleting a container must never delete host data through a mount inside it: the tree is
// removed without ever crossing into another filesystem, and a mount point anywhere below
// it stops the removal with an error instead.
import { lstatSync, readdirSync, rmdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import { mountsBelow } from "./mountinfo.ts";

export function removeTreeOneFilesystem(root: string): void {
  const mounted = mountsBelow(root);
  if (mounted.length) {
    throw new LxcError("STORAGE_BUSY", `refusing to delete ${root}: something is mounted inside it (${mounted.slice(0, 3).join(", ")}${mounted.length > 3 ? ", ..." : ""})`, {
      hint: `unmount it first, e.g. umount ${mounted[0]}`,
      details: { path: root, mounts: mounted },
    });
  }
  const dev = lstatSync(root).dev;
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (!st.isDirectory()) {
      unlinkSync(p);
      return;
    }
    if (st.dev !== dev) {
      throw new LxcError("STORAGE_BUSY", `refusing to delete ${p}: it is on another filesystem`, { details: { path: p } });
    }
    for (const e of readdirSync(p)) walk(join(p, e));
    rmdirSync(p);
  };
  walk(root);
}
