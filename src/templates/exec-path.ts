// Finding executables: a PATH lookup and an "is this a runnable file" check.
import { accessSync, constants, statSync } from "node:fs";
import { join } from "node:path";

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First executable `name` on PATH, then in the usual system directories (as LXC's templates do). */
export function findInPath(name: string, pathVar = process.env.PATH ?? ""): string | null {
  const dirs = [...pathVar.split(":"), "/usr/sbin", "/usr/bin", "/sbin", "/bin"].filter((d) => d.startsWith("/"));
  for (const d of dirs) {
    const p = join(d, name);
    if (isExecutableFile(p)) return p;
  }
  return null;
}
