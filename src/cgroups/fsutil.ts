// File operations on cgroup directories. cgroupfs files exist or not by the kernel's will:
// writes never create files, and directories are removed with rmdir only (never unlink).
import { closeSync, constants, openSync, readFileSync, readdirSync, rmdirSync, writeSync } from "node:fs";
import { join } from "node:path";
import { LxcError } from "../errors.ts";

export function sysCode(e: unknown): { code: string; errno: number } {
  const err = e as NodeJS.ErrnoException;
  return { code: err?.code ?? "EIO", errno: Math.abs(err?.errno ?? 5) };
}

/** The file's text, or null when it cannot be read. */
export function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Writes a value to an existing cgroup file (one write, as the kernel wants it). Throws the system error. */
export function writeValue(path: string, value: string): void {
  const fd = openSync(path, constants.O_WRONLY);
  try {
    writeSync(fd, value);
  } finally {
    closeSync(fd);
  }
}

function subdirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.isSymbolicLink())
    .map((d) => join(dir, d.name));
}

/** True when a process is in this cgroup or any cgroup below it. */
export function hasProcesses(dir: string): boolean {
  const procs = readText(join(dir, "cgroup.procs"));
  if (procs && procs.trim()) return true;
  let kids: string[] = [];
  try {
    kids = subdirs(dir);
  } catch {
    return false;
  }
  return kids.some(hasProcesses);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * rmdir `dir` and every cgroup below it, deepest first. A cgroup whose last process just
 * exited can stay busy for a moment: EBUSY is retried for up to `busyMs`. A missing
 * directory is fine (already gone).
 */
export async function removeCgroupTree(dir: string, busyMs = 1000): Promise<void> {
  let kids: string[];
  try {
    kids = subdirs(dir);
  } catch (e) {
    if (sysCode(e).code === "ENOENT") return;
    throw removeError(dir, e);
  }
  for (const k of kids) await removeCgroupTree(k, busyMs);
  const until = Date.now() + busyMs;
  for (;;) {
    try {
      rmdirSync(dir);
      return;
    } catch (e) {
      const { code } = sysCode(e);
      if (code === "ENOENT") return;
      if (code === "EBUSY" && Date.now() < until) {
        await sleep(20);
        continue;
      }
      throw removeError(dir, e);
    }
  }
}

function removeError(dir: string, e: unknown): LxcError {
  const { code, errno } = sysCode(e);
  return new LxcError("CGROUP_FAILED", `cannot remove cgroup ${dir}: ${code}`, {
    hint: code === "EBUSY" ? "a process is still in it: stop the container (or kill what runs in that cgroup) first" : undefined,
    details: { path: dir, errno },
    cause: e,
  });
}
