// Value checkers for config keys. Each takes a non-empty, already unquoted value and returns
// its normalized form, or throws BadValue saying what was expected.
import {
  ARCHES, IPVLAN_ISOLATIONS, IPVLAN_MODES, LOG_LEVELS, MACVLAN_MODES, NAMESPACES, NET_TYPES,
  PRLIMIT_RESOURCES, ROOTFS_BACKENDS, SYSLOG_FACILITIES, VETH_MODES, capabilityNumber, signalNumber,
} from "./names.ts";
import { formatIPv6, lxcDefaultIPv4Prefix, parseIPv4, parseIPv6, parsePrefix } from "./inet.ts";

export class BadValue extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = "BadValue";
  }
}

export type Validator = (value: string) => string;

/** Hint for values that look like they carry a trailing comment. */
export const INLINE_COMMENT = "config lines have no inline comments: everything after = is the value; put the comment on its own line";

/** An integer as LXC's C parser reads it: decimal, 0x hex, or leading-0 octal, optional sign. */
export function parseCInteger(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  let n: bigint;
  if (/^0[xX]/.test(body)) n = BigInt(body);
  else if (body.length > 1 && body.startsWith("0")) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  return m[1] === "-" ? -n : n;
}

export function uintValidator(max: bigint = 0xffffffffn, what = "a whole number"): Validator {
  return (v) => {
    const n = parseCInteger(v);
    if (n === undefined || n < 0n || n > max) throw new BadValue(`expected ${what} from 0 to ${max}`);
    return n.toString();
  };
}

export function intRangeValidator(min: bigint, max: bigint, what = "a whole number"): Validator {
  return (v) => {
    const n = parseCInteger(v);
    if (n === undefined || n < min || n > max) throw new BadValue(`expected ${what} from ${min} to ${max}`);
    return n.toString();
  };
}

export const bool01: Validator = (v) => {
  const n = parseCInteger(v);
  if (n !== 0n && n !== 1n) throw new BadValue("expected 0 or 1");
  return n.toString();
};

export const anyText: Validator = (v) => v;

export const absolutePath: Validator = (v) => {
  if (!v.startsWith("/")) throw new BadValue("expected an absolute path (starting with /)");
  return v;
};

export const signal: Validator = (v) => {
  const n = signalNumber(v);
  if (n === undefined) {
    throw new BadValue(
      "expected a signal number (0-64) or a name with the SIG prefix such as SIGTERM, SIGRTMIN+3 or SIGRTMAX-1",
      /^[A-Za-z]/.test(v) && !/^sig/i.test(v) ? `write it as SIG${v.toUpperCase()}` : undefined,
    );
  }
  return String(n);
};

export function capList(allowNone: boolean): Validator {
  return (v) => {
    const toks = v.split(/\s+/);
    for (const t of toks) {
      if (t === "none") {
        if (allowNone) continue;
        throw new BadValue(`"none" is only valid for lxc.cap.keep`);
      }
      if (capabilityNumber(t) === undefined) {
        const low = t.toLowerCase().replace(/^cap_/, "");
        const hint = low !== t && capabilityNumber(low) !== undefined ? `write it as ${low}` : undefined;
        throw new BadValue(`unknown capability "${t}": expected lowercase capability names without cap_ (e.g. sys_admin mknod) or numbers 0-40`, hint);
      }
    }
    return toks.join(" ");
  };
}

export const idmap: Validator = (v) => {
  const f = v.split(/\s+/);
  const usage = "expected `u|g NSID HOSTID RANGE`, e.g. u 0 100000 65536";
  if (f.length !== 4) throw new BadValue(usage);
  const [t, ...nums] = f as [string, string, string, string];
  if (t === "b") throw new BadValue(`type b is not accepted in a container config: ${usage}`, "write one u line and one g line with the same numbers");
  if (t !== "u" && t !== "g") throw new BadValue(`unknown id map type "${t}": ${usage}`);
  for (const n of nums) if (!/^\d+$/.test(n) || BigInt(n) > 0xffffffffn) throw new BadValue(`"${n}" is not an id: ${usage}`);
  if (BigInt(nums[2]!) === 0n) throw new BadValue(`the range must be at least 1: ${usage}`);
  return [t, ...nums.map((n) => BigInt(n).toString())].join(" ");
};

export const arch: Validator = (v) => {
  if (ARCHES[v] === undefined) throw new BadValue(`unknown architecture "${v}": expected one of ${Object.keys(ARCHES).join(" ")}`);
  return v;
};

const MOUNT_AUTO =
  /^(proc(:mixed|:rw)?|sys(:mixed|:ro|:rw)?|cgroup(-full)?(:mixed|:ro|:rw)?(:force)?|cgroup2(:ro)?(:force)?|shmounts:[^:]+(:[^:]+)?)$/;

export const mountAuto: Validator = (v) => {
  const toks = v.split(/\s+/);
  for (const t of toks) {
    if (!MOUNT_AUTO.test(t)) {
      throw new BadValue(
        `unknown automount "${t}": expected proc[:mixed|:rw], sys[:mixed|:ro|:rw], cgroup[:mixed|:ro|:rw][:force], cgroup-full[...], cgroup2[:ro][:force] or shmounts:HOST[:CONTAINER], separated by spaces`,
      );
    }
  }
  return toks.join(" ");
};

export const netType: Validator = (v) => {
  if (!NET_TYPES.includes(v)) throw new BadValue(`unknown network type "${v}": expected one of ${NET_TYPES.join(", ")}`);
  return v;
};

export const hwaddr: Validator = (v) => {
  if (!/^([0-9A-Fa-fxX]{2}:){5}[0-9A-Fa-fxX]{2}$/.test(v)) {
    throw new BadValue("expected a MAC address of six two-digit hex groups separated by colons, each digit may be x for random (e.g. 00:16:3e:xx:xx:xx)");
  }
  const second = v[1]!;
  if (!/[xX]/.test(second) && parseInt(second, 16) & 1) {
    throw new BadValue("the first byte is odd, which makes this a multicast address; an interface needs a unicast one", "use an even first byte, e.g. 00:16:3e:xx:xx:xx");
  }
  return v;
};

export function ipv4Address(v: string): string {
  const [cidr, bcast, extra] = v.split(/\s+/);
  const usage = "expected an IPv4 address with an optional /prefix and broadcast, e.g. 10.0.3.5/24";
  if (extra !== undefined || cidr === undefined) throw new BadValue(usage);
  const [addr, pfx] = splitPrefix(cidr);
  const bytes = parseIPv4(addr);
  if (!bytes) throw new BadValue(`"${addr}" is not an IPv4 address: ${usage}`);
  let prefix = lxcDefaultIPv4Prefix(bytes);
  if (pfx !== undefined) {
    const p = parsePrefix(pfx, 32);
    if (p === undefined) throw new BadValue(`"/${pfx}" is not a prefix length from 0 to 32: ${usage}`);
    prefix = p;
  }
  if (bcast !== undefined && !parseIPv4(bcast)) throw new BadValue(`broadcast "${bcast}" is not an IPv4 address: ${usage}`);
  return `${addr}/${prefix}${bcast ? ` ${bcast}` : ""}`;
}

export function ipv6Address(v: string): string {
  const usage = "expected an IPv6 address with an optional /prefix, e.g. fd00::5/64";
  const [addr, pfx] = splitPrefix(v);
  const w = parseIPv6(addr);
  if (!w) throw new BadValue(`"${addr}" is not an IPv6 address: ${usage}`);
  let prefix = 64;
  if (pfx !== undefined) {
    const p = parsePrefix(pfx, 128);
    if (p === undefined) throw new BadValue(`"/${pfx}" is not a prefix length from 0 to 128: ${usage}`);
    prefix = p;
  }
  return `${formatIPv6(w)}/${prefix}`;
}

export function gateway(family: 4 | 6): Validator {
  return (v) => {
    if (v === "auto" || v === "dev") return v;
    if (family === 4) {
      if (!parseIPv4(v)) throw new BadValue("expected an IPv4 address, auto or dev");
      return v;
    }
    const w = parseIPv6(v);
    if (!w) throw new BadValue("expected an IPv6 address, auto or dev");
    return formatIPv6(w);
  };
}

export function route(family: 4 | 6): Validator {
  return (v) => {
    const usage = family === 4 ? "expected ADDRESS/PREFIX, e.g. 192.0.2.0/24" : "expected ADDRESS/PREFIX, e.g. fd00:1::/64";
    const [addr, pfx] = splitPrefix(v);
    if (pfx === undefined || parsePrefix(pfx, family === 4 ? 32 : 128) === undefined) throw new BadValue(usage);
    if (family === 4) {
      if (!parseIPv4(addr)) throw new BadValue(usage);
      return `${addr}/${Number(pfx)}`;
    }
    const w = parseIPv6(addr);
    if (!w) throw new BadValue(usage);
    return `${formatIPv6(w)}/${Number(pfx)}`;
  };
}

function splitPrefix(s: string): [string, string | undefined] {
  const i = s.indexOf("/");
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

export const logLevel: Validator = (v) => {
  if (/^\d$/.test(v) && Number(v) <= 8) return LOG_LEVELS[Number(v)]!;
  const u = v.toUpperCase();
  if (LOG_LEVELS.includes(u)) return u;
  throw new BadValue(`expected 0-8 or one of ${LOG_LEVELS.join(" ")}`, u === "WARNING" ? "write it as WARN" : undefined);
};

/** Console buffer / log sizes: `auto`, or bytes with an optional B/KB/MB/GB suffix; read back
 *  rounded up to a power of two and to at least one page. */
export const byteSize: Validator = (v) => {
  if (v.toLowerCase() === "auto") return String(128 * 1024);
  const m = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(v);
  if (!m) throw new BadValue("expected auto or a size in bytes with an optional B, KB, MB or GB suffix (e.g. 128KB)");
  const mult = { b: 1n, kb: 1024n, mb: 1024n ** 2n, gb: 1024n ** 3n }[(m[2] ?? "b").toLowerCase() as "b"];
  const n = BigInt(m[1]!) * mult;
  if (n > 2n ** 62n) throw new BadValue("size too large");
  let p = 4096n;
  while (p < n) p *= 2n;
  return p.toString();
};

export function nsList(v: string): string {
  const toks = v.split(/\s+/);
  for (const t of toks) {
    if (!NAMESPACES.includes(t)) throw new BadValue(`unknown namespace "${t}": expected names from ${NAMESPACES.join(" ")} separated by spaces`);
  }
  return toks.join(" ");
}

const MAX_U64 = 2n ** 64n - 1n;
export const prlimitValue: Validator = (v) => {
  const usage = "expected SOFT[:HARD], each a number or unlimited (e.g. 1024:4096)";
  const parts = v.split(":");
  if (parts.length > 2) throw new BadValue(usage);
  const one = (s: string): string => {
    if (s === "unlimited" || s === "-1") return "unlimited";
    if (!/^\d+$/.test(s) || BigInt(s) > MAX_U64) throw new BadValue(usage);
    return BigInt(s) === MAX_U64 ? "unlimited" : BigInt(s).toString();
  };
  const soft = parts[0] === "" ? "0" : one(parts[0]!);
  const hard = parts.length === 2 && parts[1] !== "" ? one(parts[1]!) : soft;
  return soft === hard ? soft : `${soft}:${hard}`;
};

export function prlimitResource(name: string): void {
  if (!PRLIMIT_RESOURCES.includes(name)) throw new BadValue(`unknown resource "${name}": expected one of ${PRLIMIT_RESOURCES.join(" ")}`);
}

export const rootfsPath: Validator = (v) => {
  const m = /^([a-z0-9]+):(.*)$/.exec(v);
  if (!m) {
    if (!v.startsWith("/")) throw new BadValue("expected an absolute path or TYPE:LOCATION (e.g. dir:/var/lib/lxc/c1/rootfs)");
    return v;
  }
  const [, type, loc] = m as unknown as [string, string, string];
  if (!ROOTFS_BACKENDS.includes(type)) throw new BadValue(`unknown storage type "${type}": expected one of ${ROOTFS_BACKENDS.join(", ")}`);
  const abs = (p: string, what: string) => {
    if (!p.startsWith("/")) throw new BadValue(`${type}: needs ${what} as an absolute path`);
  };
  switch (type) {
    case "dir":
    case "btrfs":
    case "loop":
      abs(loc, "a path");
      break;
    case "lvm":
      abs(loc, "the logical volume device (e.g. /dev/vg/lv)");
      break;
    case "overlay":
    case "overlayfs": {
      const parts = loc.split(":");
      if (parts.length < 2 || parts.some((p) => !p.startsWith("/"))) {
        throw new BadValue(`${type}: needs LOWER[:LOWER2...]:UPPER, all absolute paths (e.g. overlay:/var/lib/lxc/base/rootfs:/var/lib/lxc/c1/delta0)`);
      }
      break;
    }
    case "nbd": {
      const [file, part, extra] = loc.split(":");
      if (!file || extra !== undefined || (part !== undefined && !/^\d+$/.test(part))) throw new BadValue("nbd: needs FILE[:PARTITION]");
      break;
    }
    default:
      if (!loc) throw new BadValue(`${type}: needs a location after the colon`);
  }
  return v;
};

export const timeOffset: Validator = (v) => {
  if (!/^-?\d+(h|m|s|ms|us|ns)$/.test(v)) throw new BadValue("expected a whole number with a unit h, m, s, ms, us or ns (e.g. 10s, -5ms)");
  return v;
};

export const syslogFacility: Validator = (v) => {
  if (!SYSLOG_FACILITIES.includes(v.toLowerCase())) throw new BadValue(`expected one of ${SYSLOG_FACILITIES.join(" ")}`);
  return v;
};

export const hostname: Validator = (v) => {
  if (v.length > 64) throw new BadValue("expected a hostname of at most 64 characters");
  if (/[\s\x00-\x1f\x7f]/.test(v)) {
    throw new BadValue("a hostname cannot contain spaces or control characters", v.includes("#") ? INLINE_COMMENT : undefined);
  }
  return v;
};

export const ifname: Validator = (v) => {
  if (v.length > 15) throw new BadValue(`interface names are at most 15 characters ("${v}" has ${v.length})`);
  if (/[\s/:]/.test(v) || v === "." || v === "..") throw new BadValue("an interface name cannot contain spaces, / or :");
  return v;
};

export const mountEntry: Validator = (v) => {
  const f = v.split(/\s+/);
  if (f.length < 3 || f.length > 6) throw new BadValue("expected an fstab line: SOURCE TARGET FSTYPE [OPTIONS [DUMP [PASS]]]");
  if (f.length >= 5 && !/^\d+$/.test(f[4]!)) throw new BadValue(`dump field "${f[4]}" is not a number`);
  if (f.length === 6 && !/^\d+$/.test(f[5]!)) throw new BadValue(`pass field "${f[5]}" is not a number`);
  for (const o of (f[3] ?? "").split(",")) {
    if (o.startsWith("create=") && o !== "create=dir" && o !== "create=file") throw new BadValue(`"${o}": expected create=dir or create=file`);
  }
  return v;
};

export const environment: Validator = (v) => {
  const eq = v.indexOf("=");
  const name = eq < 0 ? v : v.slice(0, eq);
  if (!name || /\s/.test(name)) throw new BadValue("expected NAME=VALUE (or a bare NAME to copy it from the caller's environment); the name cannot be empty or contain spaces");
  return v;
};

export const initGroups: Validator = (v) => {
  const ids = v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const id of ids) if (!/^\d+$/.test(id) || BigInt(id) > 0xfffffffen) throw new BadValue(`"${id}" is not a group id: expected comma-separated numeric gids (e.g. 4,27)`);
  return ids.map((i) => BigInt(i).toString()).join(",");
};

export const cgroupDir: Validator = (v) => {
  if (v.startsWith("/")) throw new BadValue("cgroup directories are relative to the caller's cgroup: remove the leading /");
  if (v.split("/").includes("..")) throw new BadValue("cgroup directories may not go upwards with ..");
  return v;
};

export const ttyDir: Validator = (v) => {
  if (v.startsWith("/") || v.split("/").includes("..")) throw new BadValue("expected a directory name under /dev (e.g. lxc)");
  return v;
};

export const consolePath: Validator = (v) => {
  if (v !== "none" && !v.startsWith("/")) throw new BadValue("expected none or an absolute device path");
  return v;
};

export const notifyProxy: Validator = (v) => {
  if (!/^unix:./.test(v)) throw new BadValue("expected unix:/path/to/socket or unix:@abstract-name");
  return v;
};

export const shareTarget: Validator = (v) => {
  if (/^\d+$/.test(v) || v.startsWith("/") || /^[^\s/]+$/.test(v)) return v;
  throw new BadValue("expected a container name, an absolute container path, or a pid");
};

const DEV_RULE = /^(a|[abc] (\d+|\*):(\d+|\*) [rwm]{1,3})$/;
export const deviceRule: Validator = (v) => {
  if (!DEV_RULE.test(v)) throw new BadValue('expected a device rule: "a", or TYPE MAJOR:MINOR ACCESS with TYPE a/b/c, numbers or *, ACCESS of r, w, m (e.g. c 1:3 rwm)');
  return v;
};

export const macvlanMode = oneOf(MACVLAN_MODES);
export const ipvlanMode = oneOf(IPVLAN_MODES);
export const ipvlanIsolation = oneOf(IPVLAN_ISOLATIONS);
export const vethMode = oneOf(VETH_MODES);

export function oneOf(list: readonly string[]): Validator {
  return (v) => {
    if (!list.includes(v)) throw new BadValue(`expected one of ${list.join(", ")}`);
    return v;
  };
}

export const vlanId: Validator = (v) => {
  if (!/^\d+$/.test(v) || Number(v) > 4094) throw new BadValue("expected a VLAN id from 0 to 4094");
  return String(Number(v));
};

export const vethVlanId: Validator = (v) => (v === "none" ? "-1" : vlanId(v));

export const taggedVlanId: Validator = vlanId;

export const queueCount: Validator = (v) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 4096) throw new BadValue("expected a queue count from 1 to 4096");
  return String(Number(v));
};

export const mtu: Validator = (v) => {
  if (!/^\d+$/.test(v) || Number(v) < 68 || Number(v) > 65535) throw new BadValue("expected an MTU from 68 to 65535");
  return String(Number(v));
};
