// Commands on one container are serialized by an exclusive flock on LXC's lock file.
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { LxcError } from "../errors.ts";
import { flock, LOCK_EX, LOCK_NB } from "../sys/libc.ts";
import { lockPath, type ContainerRef } from "./names.ts";

export interface Lock {
  release(): void;
}

export function lockContainer(r: ContainerRef, opts: { wait?: boolean } = {}): Lock {
  const path = lockPath(r);
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    fd = openSync(path, "a", 0o600);
  } catch (e) {
    throw new LxcError("STATE_LOCKED", `cannot open the lock file ${path}: ${(e as Error).message}`, {
      hint: "check that /run/lxc is writable (are you root?)",
      details: { path },
    });
  }
  const rc = flock(fd, LOCK_EX | (opts.wait === false ? LOCK_NB : 0));
  if (rc !== 0) {
    closeSync(fd);
    throw new LxcError("STATE_LOCKED", `container ${r.name} is busy: another command holds its lock ${path}`, {
      hint: "wait for the other lxc command on this container to finish",
    });
  }
  let held = true;
  return {
    release() {
      if (held) {
        held = false;
        closeSync(fd);
      }
    },
  };
}

export async function withLock<T>(r: ContainerRef, fn: () => Promise<T>): Promise<T> {
  const l = lockContainer(r);
  try {
    return await fn();
  } finally {
    l.release();
  }
}
