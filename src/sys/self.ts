// Where our own executables are: the compiled multi-call binary (for the monitor's teardown
// command) and the C core.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const compiled = (process.argv[1] ?? "").startsWith("/$bunfs/");

/** argv that re-runs this program (compiled binary, or bun + entry script in development). */
export function selfCommand(): string[] {
  if (compiled) return [process.execPath];
  return [process.execPath, resolve(join(import.meta.dir, "..", "main.ts"))];
}

export function corePath(): string {
  const env = process.env.LXC_TS_CORE;
  if (env) return env;
  const cands = compiled
    ? [join(dirname(process.execPath), "..", "libexec", "lxc-ts", "lxc-core")]
    : [join(import.meta.dir, "..", "..", "core", "lxc-core")];
  for (const c of cands) if (existsSync(c)) return resolve(c);
  return resolve(cands[0]!);
}
