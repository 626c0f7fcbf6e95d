// Deleting a container must never delete host data through a mount inside it: the tree is
// removed without ever crossing into another filesystem, and a mount point anywhere below
// it stops the removal with an error instead.
import { lstatSync, readdirSync, rmdirSync, unlinkSync, type Dirent } from "node:fs";
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
  const root0 = lstatSync(root);
  if (!root0.isDirectory()) {
    unlinkSync(root);
    return;
  }
  const dev = root0.dev;
  // The directory's entry types come with readdir, so only directories are stat'ed (for
  // their device): a rootfs is mostly files, and a stat for each was measurable.
  const walkDir = (p: string) => {
    if (lstatSync(p).dev !== dev) {
      throw new LxcError("STORAGE_BUSY", `refusing to delete ${p}: it is on another filesystem`, { details: { path: p } });
    }
    for (const e of readdirSync(p, { withFileTypes: true })) {
      const q = join(p, e.name);
      if (e.isDirectory() || (!knownType(e) && lstatSync(q).isDirectory())) walkDir(q);
      else unlinkSync(q);
    }
    rmdirSync(p);
  };
  walkDir(root);
}

/** False when the filesystem did not say what the entry is (d_type DT_UNKNOWN). */
function knownType(e: Dirent): boolean {
  return e.isFile() || e.isDirectory() || e.isSymbolicLink() || e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice();
}
