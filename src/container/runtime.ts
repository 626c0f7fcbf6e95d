// A small record of a running container's host-side facts that only the start knows
// (host veth names), kept under /run for lxc-info. The monitor removes it when the
// container stops (a `cleanup unlink` step of the plan), so the directory is flat: one
// file per container, nothing to prune afterwards.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fnv1a64, type ContainerRef } from "./names.ts";

export interface RuntimeRecord {
  monitorPid: number;
  initPid: number;
  links: { index: number; hostName?: string; link?: string }[];
}

function runtimeBase(): string {
  return process.getuid?.() === 0 ? "/run/lxc-ts" : join(process.env.XDG_RUNTIME_DIR ?? join(process.env.HOME ?? "/tmp", ".cache/lxc/run"), "lxc-ts");
}

export function runtimePath(ref: ContainerRef): string {
  return join(runtimeBase(), `${fnv1a64(ref.lxcpath)}.${ref.name}.json`);
}

/**
 * Where lxc-monitor and lxc-wait put their listening sockets for one lxcpath; every
 * monitor of a container in that lxcpath reports its state changes to each (PLAN.md `notify`).
 */
export function notifyDir(lxcpath: string): string {
  return join(runtimeBase(), "monitor", fnv1a64(lxcpath));
}

export function writeRuntime(ref: ContainerRef, r: RuntimeRecord): void {
  const p = runtimePath(ref);
  try {
    mkdirSync(dirname(p), { recursive: true, mode: 0o755 });
    writeFileSync(p, JSON.stringify(r));
  } catch {
    // only lxc-info's Link lines depend on it
  }
}

export function readRuntime(ref: ContainerRef): RuntimeRecord | null {
  try {
    return JSON.parse(readFileSync(runtimePath(ref), "utf8")) as RuntimeRecord;
  } catch {
    return null;
  }
}
