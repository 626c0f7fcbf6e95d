// Destroying a container: refuse while it runs (unless forced), while clones or snapshots
// depend on it, and while anything is mounted inside it; then remove storage and files
// without ever crossing into another filesystem.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { LxcError, notSupportedYet } from "../errors.ts";
import { status } from "../monitor/client.ts";
import { backendForRootfs } from "../storage/registry.ts";
import { mountsBelow } from "../sys/mountinfo.ts";
import { removeTreeOneFilesystem } from "../sys/remove-tree.ts";
import { lockContainer } from "./lock.ts";
import { containerExists, loadConfig } from "./load.ts";
import { commandSocketName, containerDir, type ContainerRef } from "./names.ts";
import { runtimePath } from "./runtime.ts";
import { stopContainer } from "./stop.ts";

export interface DestroyOptions {
  force?: boolean;
  snapshots?: boolean;
}

export async function destroyContainer(ref: ContainerRef, o: DestroyOptions = {}): Promise<void> {
  if (!containerExists(ref)) {
    throw new LxcError("STATE_NOT_FOUND", `Container is not defined: ${ref.name} in ${ref.lxcpath}`, {
      hint: `list containers with lxc-ls -P ${ref.lxcpath}`,
    });
  }
  const st = await status(commandSocketName(ref));
  if (st && st.state !== "STOPPED") {
    if (!o.force) {
      throw new LxcError("STATE_RUNNING", `${ref.name} is running`, { hint: `stop it first with lxc-stop -n ${ref.name}, or use lxc-destroy -f` });
    }
    await stopContainer(ref, { kill: true });
  }
  const lock = lockContainer(ref);
  try {
    const dir = containerDir(ref);
    const snaps = join(dir, "snaps");
    const hasSnaps = existsSync(snaps) && readdirSync(snaps).length > 0;
    // -s with nothing to take along is a plain destroy, as in LXC
    if (o.snapshots && (hasSnaps || existsSync(join(dir, "lxc_snapshots")))) {
      throw notSupportedYet("destroying a container together with its snapshots or clones (-s)", "remove them with real LXC's lxc-snapshot -d / lxc-destroy first");
    }
    if (existsSync(join(dir, "lxc_snapshots"))) {
      throw new LxcError("STATE_RUNNING", `Destroying ${ref.name} failed: ${ref.name} has clones`, { hint: "destroy the clones listed in its lxc_snapshots file first" });
    }
    if (hasSnaps) {
      throw new LxcError("STATE_RUNNING", `Destroying ${ref.name} failed: ${ref.name} has snapshots`, { hint: `remove them with lxc-snapshot -n ${ref.name} -d ALL` });
    }
    const busy = mountsBelow(dir);
    if (busy.length) {
      throw new LxcError("STORAGE_BUSY", `refusing to destroy ${ref.name}: ${busy.join(", ")} ${busy.length > 1 ? "are" : "is"} mounted inside its directory`, {
        hint: `unmount first (umount ${busy[0]}); lxc-destroy never deletes through a mount`,
        details: { mounts: busy },
      });
    }
    let view: ReturnType<typeof loadConfig>["view"] | undefined;
    try {
      view = loadConfig(ref).view;
    } catch {
      view = undefined; // a broken config must not make the container undeletable
    }
    const rootfs = view?.get("lxc.rootfs.path");
    if (rootfs && view?.get("lxc.rootfs.managed") !== "0") await backendForRootfs(rootfs).destroy(rootfs, dir);
    removeTreeOneFilesystem(dir);
    // a monitor killed outright never removed its runtime record
    rmSync(runtimePath(ref), { force: true });
  } finally {
    lock.release();
  }
}
