// The directory backend: the rootfs is a plain directory, by default <lxcpath>/<name>/rootfs.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import { removeTreeOneFilesystem } from "../sys/remove-tree.ts";
import type { CreateContext, StorageBackend } from "./types.ts";

export function dirPath(value: string): string {
  return value.startsWith("dir:") ? value.slice(4) : value;
}

export const dirBackend: StorageBackend = {
  type: "dir",
  canSnapshot: false,
  needsBlockDevice: false,
  matches(v) {
    if (v.startsWith("dir:")) return true;
    if (!v.startsWith("/")) return false;
    try {
      return statSync(v).isDirectory();
    } catch {
      return true; // a bare path that does not exist yet can only be meant as a directory
    }
  },
  async create(ctx: CreateContext) {
    const path = ctx.dir ?? join(ctx.containerDir, "rootfs");
    if (ctx.dir && !ctx.dir.startsWith("/")) {
      throw new LxcError("USAGE", `--dir ${ctx.dir} is not an absolute path`, { hint: "give --dir an absolute path" });
    }
    mkdirSync(path, { recursive: true, mode: 0o755 });
    return `dir:${path}`;
  },
  async mountPath(value) {
    const p = dirPath(value);
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new LxcError("STORAGE_FAILED", `the container's root filesystem ${p} does not exist`, {
        hint: "check lxc.rootfs.path in the container's config, or recreate the container",
        details: { key: "lxc.rootfs.path", path: p },
      });
    }
    if (!st.isDirectory()) {
      throw new LxcError("STORAGE_FAILED", `the container's root filesystem ${p} is not a directory`, {
        hint: "lxc.rootfs.path must name a directory for the dir backend",
        details: { key: "lxc.rootfs.path", path: p },
      });
    }
    return p;
  },
  async release() {},
  async destroy(value) {
    const p = dirPath(value);
    if (existsSync(p)) removeTreeOneFilesystem(p);
  },
};
