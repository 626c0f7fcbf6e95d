// The lxcpath in effect: -P, else the global config's lxc.lxcpath.
// global.ts, not the config index: every tool resolves its lxcpath, few need the key table
import { globalConfig } from "../config/global.ts";
import { normalizeLxcpath } from "./names.ts";

export function globalLxcpath(): string {
  return normalizeLxcpath(globalConfig().lxcpath);
}

export function resolveLxcpath(given: string | undefined): string {
  return normalizeLxcpath(given ?? globalLxcpath());
}
