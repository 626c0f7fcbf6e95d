// `--format json` for lxc-ls and lxc-info: our extension, with a stable documented shape.
//
// lxc-ls --format json: an array, one object per container, in listing order:
//   { "name": string, "nest_level": number, "state": string,
//     "pid": number|null, "ram": number|null, "swap": number|null,      (bytes)
//     "autostart": boolean, "groups": string[],
//     "interfaces": string[]|null, "ipv4": string[]|null, "ipv6": string[]|null,
//     "unprivileged": boolean }
//   pid, ram, swap, interfaces, ipv4 and ipv6 are null when the container is not running
//   (ram and swap also when their cgroup file could not be read).
//
// lxc-info --format json: one object:
//   { "name": string, "state": string, "pid": number|null, "ips": string[]|null,
//     "stats": { "cpu_ns", "blkio_bytes", "memory_bytes", "kmem_bytes": number|null } | null,
//     "links": [{ "name": string, "tx_bytes": number|null, "rx_bytes": number|null,
//                 "total_bytes": number|null }] }                (null: counter unreadable)
//   pid, ips and stats are null when the container is not running. When -c keys are given the
//   object also has "config": { "<key>": string|null }, the value as `lxc-info -c` reads it
//   (several values one per line, without the final newline), null for an invalid key.
//
// Counters are plain JSON integers, also above 2^53. The text is indented by two spaces and
// has no final newline (the caller adds it).
import type { Count } from "./humanize.ts";
import type { InfoConfigKey, InfoData } from "./info.ts";
import { type LsRow, isRunning, parseAutostart } from "./ls-row.ts";

const BIG = "\u0000big:";

/** JSON text in which bigints are written as exact integers. */
function stringify(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${BIG}${v}` : v), 2);
  return text.replace(/"\\u0000big:(\d+)"/g, "$1");
}

const count = (v: Count | undefined): Count | null => (v === undefined ? null : v);

export function lsJson(rows: LsRow[]): string {
  return stringify(
    rows.map((r) => {
      const on = isRunning(r);
      return {
        name: r.name,
        nest_level: r.nestLevel ?? 0,
        state: r.state,
        pid: on ? (r.pid ?? null) : null,
        ram: on ? count(r.ramBytes) : null,
        swap: on ? count(r.swapBytes) : null,
        autostart: parseAutostart(r.autostart).on,
        groups: r.groups,
        interfaces: on ? r.interfaces : null,
        ipv4: on ? r.ipv4 : null,
        ipv6: on ? r.ipv6 : null,
        unprivileged: r.unprivileged,
      };
    }),
  );
}

export function infoJson(data: InfoData, configKeys: InfoConfigKey[] = []): string {
  const on = data.state !== "STOPPED";
  const s = data.stats;
  const config = configKeys.length
    ? { config: Object.fromEntries(configKeys.map((k) => [k.key, k.value === null ? null : k.value.replace(/\n$/, "")])) }
    : {};
  return stringify({
    name: data.name,
    state: data.state,
    pid: on ? (data.pid ?? null) : null,
    ips: on ? data.ips : null,
    stats:
      on && s
        ? { cpu_ns: count(s.cpuNs), blkio_bytes: count(s.blkioBytes), memory_bytes: count(s.memBytes), kmem_bytes: count(s.kmemBytes) }
        : null,
    links: (on ? data.links : []).map((l) => ({
      name: l.name,
      tx_bytes: l.txBytes,
      rx_bytes: l.rxBytes,
      total_bytes: l.txBytes === null || l.rxBytes === null ? null : BigInt(l.txBytes) + BigInt(l.rxBytes),
    })),
    ...config,
  });
}
