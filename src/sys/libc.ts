// The few libc calls Bun has no API for. Only calls that are safe from a multithreaded
// process belong here: never unshare/setns/pivot_root (those live in the C core).
// bun:ffi itself is loaded on the first call: most tool runs never need it.
import type * as Ffi from "bun:ffi";

let lib: ReturnType<typeof open> | null = null;

function open() {
  const { dlopen, FFIType } = require("bun:ffi") as typeof Ffi;
  return dlopen("libc.so.6", {
    flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
    umount2: { args: [FFIType.cstring, FFIType.i32], returns: FFIType.i32 },
    __errno_location: { args: [], returns: FFIType.ptr },
    isatty: { args: [FFIType.i32], returns: FFIType.i32 },
    _exit: { args: [FFIType.i32], returns: FFIType.void },
  });
}

function libc() {
  lib ??= open();
  return lib.symbols;
}

export const LOCK_SH = 1;
export const LOCK_EX = 2;
export const LOCK_NB = 4;
export const LOCK_UN = 8;

export function flock(fd: number, op: number): number {
  return libc().flock(fd, op);
}

export const MNT_DETACH = 2;

export function umount2(path: string, flags: number): number {
  return libc().umount2(Buffer.from(path + "\0"), flags);
}

/** node:tty costs about 2 ms to load; this is the same question for a tenth of that. */
export function isatty(fd: number): boolean {
  return libc().isatty(fd) === 1;
}

/**
 * Ends the process at once; a tool whose output went out with write(2) and whose files are
 * closed has nothing left to flush. _exit when this tool has loaded libc already; otherwise
 * process.exit, which measured no slower than loading bun:ffi to call _exit (lxc-info:
 * 9.2 against 9.6 ms).
 */
export function exitNow(code: number): never {
  if (lib) lib.symbols._exit(code);
  process.exit(code);
}
