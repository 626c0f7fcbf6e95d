// Raw mode and window size of the caller's terminal, through libc (Bun has no API for a
// terminal it did not open itself, and node:tty costs a few ms to load). termios calls
// and TIOCGWINSZ are safe from a multithreaded process.
import { dlopen, FFIType } from "bun:ffi";

let lib: ReturnType<typeof open> | null = null;

function open() {
  return dlopen("libc.so.6", {
    tcgetattr: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
    tcsetattr: { args: [FFIType.i32, FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
    cfmakeraw: { args: [FFIType.ptr], returns: FFIType.void },
    // ioctl is variadic; with integer and pointer arguments only, the fixed-argument
    // call is the same on x86-64 and aarch64
    ioctl: { args: [FFIType.i32, FFIType.u64, FFIType.ptr], returns: FFIType.i32 },
  });
}

function libc() {
  lib ??= open();
  return lib.symbols;
}

const TCSADRAIN = 1;
const TIOCGWINSZ = 0x5413;
// glibc's struct termios is 60 bytes; room to spare
const TERMIOS_SIZE = 128;

/**
 * Puts the terminal on fd in raw mode; returns what undoes it (safe to call twice), or
 * null when fd is not a terminal.
 */
export function makeRaw(fd: number): (() => void) | null {
  const saved = new Uint8Array(TERMIOS_SIZE);
  if (libc().tcgetattr(fd, saved) !== 0) return null;
  const raw = saved.slice();
  libc().cfmakeraw(raw);
  if (libc().tcsetattr(fd, TCSADRAIN, raw) !== 0) return null;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    libc().tcsetattr(fd, TCSADRAIN, saved);
  };
}

/** The window size of the terminal on fd, or null. */
export function windowSize(fd: number): { rows: number; cols: number } | null {
  const ws = new Uint16Array(4);
  if (libc().ioctl(fd, TIOCGWINSZ, ws) !== 0) return null;
  return { rows: ws[0]!, cols: ws[1]! };
}
