// Which containers exist in an lxcpath: defined ones (a directory with a config file) and
// active ones (a monitor listening on the command socket), merged and sorted like LXC.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { listAbstractSockets } from "../sys/unix-sockets.ts";

export interface ListedContainer {
  name: string;
  defined: boolean;
  active: boolean;
}

export function activeNames(lxcpath: string, sockets = listAbstractSockets()): Set<string> {
  const prefix = `${lxcpath}/`;
  const out = new Set<string>();
  for (const s of sockets) {
    if (!s.startsWith(prefix) || !s.endsWith("/command")) continue;
    const name = s.slice(prefix.length, -"/command".length);
    if (name && !name.includes("/")) out.add(name);
  }
  return out;
}

export function listContainers(lxcpath: string): ListedContainer[] {
  const defined = new Set<string>();
  let entries: string[] = [];
  try {
    entries = readdirSync(lxcpath);
  } catch {
    entries = [];
  }
  for (const e of entries) if (existsSync(join(lxcpath, e, "config"))) defined.add(e);
  const active = activeNames(lxcpath);
  // byte order, as LXC sorts: each name's bytes made once, not twice per comparison
  const names = [...new Set([...defined, ...active])].map((name) => ({ name, bytes: Buffer.from(name) }));
  names.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return names.map(({ name }) => ({ name, defined: defined.has(name), active: active.has(name) }));
}
