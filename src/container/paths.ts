// The lxcpath in effect: -P, else the global config's lxc.lxcpath.
import { globalConfig } from "../config/index.ts";
import { normalizeLxcpath } from "./names.ts";

export function globalLxcpath(): string {
  return normalizeLxcpath(globalConfig().lxcpath);
}

export function resolveLxcpath(given: string | undefined): string {
  return normalizeLxcpath(given ?? globalLxcpath());
}
