// Moving a task into a cgroup takes a kernel-wide lock whose first writer in a while waits for
// an RCU grace period: 10-20 ms on an idle host, longer than everything else a start does.
// Any writer opens that window for the ones that follow shortly, so we start one at once, on a
// worker thread, by writing our own pid into the cgroup we are already in (a move to where we
// are: nothing changes). The core's own moves of init, a few milliseconds later, then find
// the lock warm instead of paying the wait after the config is read and the plan is built.
import { existsSync, promises as fsp, readFileSync } from "node:fs";

function ownCgroupProcs(): string | null {
  let text: string;
  try {
    text = readFileSync("/proc/self/cgroup", "utf8");
  } catch {
    return null;
  }
  for (const line of text.split("\n")) {
    const [, ctrl, path] = line.split(":");
    if (ctrl === undefined || path === undefined) continue;
    const base = ctrl === "" ? (existsSync("/sys/fs/cgroup/unified") ? "/sys/fs/cgroup/unified" : "/sys/fs/cgroup") : `/sys/fs/cgroup/${ctrl.replace(/^name=/, "")}`;
    const procs = `${base}${path === "/" ? "" : path}/cgroup.procs`;
    if (existsSync(procs)) return procs;
  }
  return null;
}

/** Fire and forget: never fails, never waits. */
export function prewarmCgroupMigration(): void {
  if (process.getuid?.() !== 0) return;   // an unprivileged caller may not write there
  const procs = ownCgroupProcs();
  if (procs) fsp.writeFile(procs, String(process.pid)).catch(() => {});
}
