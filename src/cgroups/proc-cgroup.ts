// /proc/PID/cgroup, parsed: one line per hierarchy, "ID:CONTROLLERS:PATH". The unified
// hierarchy is the line with ID 0 and no controllers.

export interface ProcCgroupEntry {
  id: number;
  /** empty for the unified hierarchy */
  controllers: string[];
  path: string;
}

export function parseProcCgroup(text: string): ProcCgroupEntry[] {
  const out: ProcCgroupEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const a = line.indexOf(":");
    const b = line.indexOf(":", a + 1);
    if (a < 0 || b < 0) continue;
    const ctrl = line.slice(a + 1, b);
    out.push({ id: Number(line.slice(0, a)), controllers: ctrl ? ctrl.split(",") : [], path: line.slice(b + 1) || "/" });
  }
  return out;
}

/** The path of the entry for a hierarchy with these controllers ([] = unified), if listed. */
export function pathFor(entries: ProcCgroupEntry[], controllers: string[]): string | undefined {
  if (!controllers.length) return entries.find((e) => e.id === 0 && !e.controllers.length)?.path;
  const want = [...controllers].sort().join(",");
  return entries.find((e) => [...e.controllers].sort().join(",") === want)?.path;
}

/**
 * systemd puts pid 1 in "/init.scope": the cgroup LXC (as root) builds under is the one
 * above it, so containers do not end up inside init's scope.
 */
export function pruneInitScope(path: string): string {
  if (path === "/init.scope") return "/";
  return path.endsWith("/init.scope") ? path.slice(0, -"/init.scope".length) || "/" : path;
}
