// The kernel build configuration (CONFIG_* options): where to find it, how to read it
// (plain or gzip-compressed, whatever the file name), and what it says.
import { readFileSync, statSync } from "node:fs";
import { release as osRelease } from "node:os";
import { gunzipSync } from "node:zlib";

/** The few file operations the lookup needs, replaceable in tests. */
export interface FileAccess {
  isFile(path: string): boolean;
  readBytes(path: string): Buffer | null;
}

export const realFiles: FileAccess = {
  isFile(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  readBytes(path) {
    try {
      return readFileSync(path);
    } catch {
      return null;
    }
  },
};

export const DEFAULT_KERNEL_CONFIG = "/proc/config.gz";

/**
 * Where the running kernel's configuration usually is, best first: the kernel itself
 * (/proc/config.gz, needs IKCONFIG_PROC), the distribution's copy in /boot, then the copies
 * that come with modules or headers.
 */
export function kernelConfigCandidates(release: string = osRelease()): string[] {
  return [
    DEFAULT_KERNEL_CONFIG,
    `/boot/config-${release}`,
    `/lib/modules/${release}/config`,
    `/usr/lib/modules/${release}/config`,
    `/lib/modules/${release}/build/.config`,
    `/usr/src/linux-${release}/.config`,
  ];
}

export interface KernelConfigLocation {
  /** The file to use, or null when none exists. */
  path: string | null;
  /** Every path looked at, in order. */
  tried: string[];
  /** True when the path came from the caller (CONFIG=...), not from the search. */
  explicit: boolean;
}

/** An explicit path (the CONFIG variable) wins and is not replaced when missing. */
export function locateKernelConfig(explicit: string | undefined, release?: string, fs: FileAccess = realFiles): KernelConfigLocation {
  if (explicit) return { path: fs.isFile(explicit) ? explicit : null, tried: [explicit], explicit: true };
  const tried = kernelConfigCandidates(release);
  return { path: tried.find((p) => fs.isFile(p)) ?? null, tried, explicit: false };
}

/** File contents as text, decompressed when the file starts with the gzip magic bytes. */
export function readKernelConfigText(path: string, fs: FileAccess = realFiles): string | null {
  const raw = fs.readBytes(path);
  if (raw === null) return null;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw).toString("utf8");
    } catch {
      return null;
    }
  }
  return raw.toString("utf8");
}

export interface KernelConfig {
  /** CONFIG_X -> value ("y", "m", a number or a quoted string); unset options are absent. */
  options: Map<string, string>;
  /** From the "# Linux/<arch> X.Y.Z Kernel Configuration" header, when present. */
  version: { major: number; minor: number } | null;
}

export function parseKernelConfig(text: string): KernelConfig {
  const options = new Map<string, string>();
  let version: KernelConfig["version"] = null;
  for (const line of text.split("\n")) {
    const opt = /^\s*(CONFIG_[A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (opt) {
      options.set(opt[1] ?? "", (opt[2] ?? "").trim());
      continue;
    }
    const head = /^#\s*Linux\S*\s+(\d+)\.(\d+)\S*\s+Kernel Configuration/.exec(line);
    if (head && !version) version = { major: Number(head[1]), minor: Number(head[2]) };
  }
  return { options, version };
}

export type OptionState = "y" | "m" | "n";

/** Built in, a module, or not set (any other value counts as not set, as for lxc-checkconfig). */
export function optionState(cfg: KernelConfig, key: string): OptionState {
  const v = cfg.options.get(key);
  return v === "y" ? "y" : v === "m" ? "m" : "n";
}

/** "6.18.44-foo" -> {6, 18}. */
export function versionFromRelease(release: string): { major: number; minor: number } | null {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}
