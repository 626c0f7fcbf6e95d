// The global configuration (lxc.system.conf): /etc/lxc/lxc.conf for root, ~/.config/lxc/lxc.conf
// for other users, LXC_GLOBAL_CONF to point elsewhere (tests). Read the way LXC reads it: the
// first line `KEY = value` (blanks allowed around the key) wins, the value is the rest of the
// line after leading blanks, with no quote handling; `#` lines never match.
import { readFileSync } from "node:fs";

export interface GlobalContext {
  uid?: number;
  home?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface GlobalConfig {
  /** the file read (it may not exist) */
  file: string;
  lxcpath: string;
  defaultConfig: string;
  lvmVg: string;
  lvmThinPool: string;
  zfsRoot: string;
  rbdPool: string;
  cgroupUse?: string;
  cgroupPattern?: string;
  /** every key's effective value, undefined = not set */
  values: Readonly<Record<string, string | undefined>>;
}

/** The keys `lxc-config -l` lists, in its order. */
const LISTED = [
  "lxc.default_config", "lxc.lxcpath", "lxc.bdev.lvm.vg", "lxc.bdev.lvm.thin_pool", "lxc.bdev.zfs.root",
  "lxc.cgroup.use", "lxc.cgroup.pattern",
] as const;

const ALL = [...LISTED, "lxc.bdev.rbd.rbdpool"] as const;

export function globalConfigKeys(): string[] {
  return [...LISTED];
}

function resolveContext(ctx: GlobalContext) {
  const env = ctx.env ?? process.env;
  const uid = ctx.uid ?? (typeof process.getuid === "function" ? process.getuid() : 0);
  const home = ctx.home ?? env.HOME ?? "/";
  return { env, uid, home };
}

export function globalConfigPath(ctx: GlobalContext = {}): string {
  const { env, uid, home } = resolveContext(ctx);
  return env.LXC_GLOBAL_CONF || (uid === 0 ? "/etc/lxc/lxc.conf" : `${home}/.config/lxc/lxc.conf`);
}

/** First-match lookup of `key` in the text, LXC style; undefined when no line sets it. */
export function globalValue(text: string, key: string): string | undefined {
  for (const raw of text.split("\n")) {
    let i = 0;
    while (raw[i] === " " || raw[i] === "\t") i++;
    if (!raw.startsWith(key, i)) continue;
    i += key.length;
    while (raw[i] === " " || raw[i] === "\t") i++;
    if (raw[i] !== "=") continue;
    i++;
    while (raw[i] === " " || raw[i] === "\t") i++;
    return raw.slice(i);
  }
  return undefined;
}

export function globalConfig(ctx: GlobalContext = {}): GlobalConfig {
  const { uid, home } = resolveContext(ctx);
  const file = globalConfigPath(ctx);
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // a missing or unreadable file means all defaults, as in LXC
  }
  const defaults: Record<string, string | undefined> = {
    "lxc.default_config": uid === 0 ? "/etc/lxc/default.conf" : `${home}/.config/lxc/default.conf`,
    "lxc.lxcpath": uid === 0 ? "/var/lib/lxc" : `${home}/.local/share/lxc`,
    "lxc.bdev.lvm.vg": "lxc",
    "lxc.bdev.lvm.thin_pool": "lxc",
    "lxc.bdev.zfs.root": "lxc",
    "lxc.bdev.rbd.rbdpool": "lxc",
    "lxc.cgroup.use": undefined,
    "lxc.cgroup.pattern": undefined,
  };
  const values: Record<string, string | undefined> = {};
  for (const k of ALL) {
    let v = globalValue(text, k) ?? defaults[k];
    if (k === "lxc.lxcpath" && v !== undefined && /[^/]\/+$/.test(v)) v = v.replace(/\/+$/, "");
    values[k] = v;
  }
  return {
    file,
    lxcpath: values["lxc.lxcpath"]!,
    defaultConfig: values["lxc.default_config"]!,
    lvmVg: values["lxc.bdev.lvm.vg"]!,
    lvmThinPool: values["lxc.bdev.lvm.thin_pool"]!,
    zfsRoot: values["lxc.bdev.zfs.root"]!,
    rbdPool: values["lxc.bdev.rbd.rbdpool"]!,
    cgroupUse: values["lxc.cgroup.use"],
    cgroupPattern: values["lxc.cgroup.pattern"],
    values,
  };
}

/** lxc-config ITEM: the first listed key that starts with `arg` (so `lxc.lxc` finds
 *  lxc.lxcpath) and its value (undefined = "is not set"); null when no key matches. */
export function globalConfigItem(arg: string, ctx: GlobalContext = {}): { key: string; value: string | undefined } | null {
  const key = LISTED.find((k) => k.startsWith(arg));
  if (!key) return null;
  return { key, value: globalConfig(ctx).values[key] };
}
