// Loading a container's config for an operation: the file (or --rcfile), then -s KEY=VAL
// overrides, with legacy-key notices sent to the log and stderr once.
import { existsSync } from "node:fs";
import { LxcError } from "../errors.ts";
import { log } from "../log.ts";
import { loadContainerConfig, parseContainerConfig, type ContainerConfig } from "../config/index.ts";
import { ConfigView, type EntryLike } from "./plan/config-view.ts";
import { notFound } from "./exists.ts";
import { configPath, type ContainerRef } from "./names.ts";

export interface LoadedConfig {
  path: string;
  config: ContainerConfig;
  view: ConfigView;
  /** entries of the file plus overrides */
  entries: EntryLike[];
}

export { containerExists, notFound } from "./exists.ts";

/** The config, or null when it cannot be loaded (for listings that show what they can). */
export function tryLoad(ref: ContainerRef): LoadedConfig | null {
  try {
    return loadConfig(ref);
  } catch {
    return null;
  }
}

export function loadConfig(ref: ContainerRef, opts: { rcfile?: string; defines?: string[] } = {}): LoadedConfig {
  const path = opts.rcfile ?? configPath(ref);
  if (!existsSync(path)) {
    if (opts.rcfile) {
      throw new LxcError("CONFIG_INCLUDE", `config file ${path} does not exist`, { hint: "check the path given with --rcfile/-f", details: { path } });
    }
    throw notFound(ref);
  }
  const config = loadContainerConfig(path);
  for (const n of config.notices) log.notice("confile", n);
  const entries: EntryLike[] = [...config.entries];
  for (const d of opts.defines ?? []) {
    const eq = d.indexOf("=");
    if (eq <= 0) {
      throw new LxcError("USAGE", `-s/--define "${d}" is not KEY=VALUE`, { hint: "write it as -s lxc.uts.name=web1" });
    }
    const over = parseContainerConfig(`${d.slice(0, eq).trim()} = ${d.slice(eq + 1).trim()}`, "command line -s");
    entries.push(...over.entries);
  }
  return { path, config, view: new ConfigView(entries), entries };
}
