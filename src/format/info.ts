// lxc-info output, byte for byte as LXC 5.0.2: "%-15s %s" lines, selector counting, -H, -c.
import { type Count, humanizeCpu, humanizeSize, rawCount } from "./humanize.ts";
import { padRight } from "./pad.ts";

export interface InfoLink {
  /** Host-side name: the veth pair, else lxc.net.N.link. */
  name: string;
  /**
   * Seen from the container: TX is the host interface's rx_bytes, RX its tx_bytes. null when
   * the counter could not be read (no such interface): its line is left out, and the Total
   * line then reuses the last value read for an earlier link (LXC's stale counters), or 0.
   */
  txBytes: Count | null;
  rxBytes: Count | null;
}

export interface InfoData {
  name: string;
  state: string;
  pid?: number;
  /** Global-scope addresses, lo excluded, in the order to print. */
  ips: string[];
  /** Only the counters whose cgroup file could be read. */
  stats?: { cpuNs?: Count; blkioBytes?: Count; memBytes?: Count; kmemBytes?: Count };
  links: InfoLink[];
}

export interface InfoConfigKey {
  key: string;
  /** Text get_config_item returns (multi-valued keys: one value per line, trailing newline); null = invalid key. */
  value: string | null;
}

export interface InfoSelection {
  state: boolean;
  pid: boolean;
  ips: boolean;
  stats: boolean;
  configKeys: InfoConfigKey[];
  humanize: boolean;
  /**
   * Selector count. Defaults to -s, -p, -i counting 1 each and -S 5; pass the real count when
   * a flag was repeated (lxc-info counts every occurrence, so "-p -p -H" is not bare).
   */
  count?: number;
}

const line = (label: string, value: string) => `${padRight(label, 15)} ${value}\n`;

/** Stats and NIC counters: always labelled, even with -H. */
function statsLines(data: InfoData, humanize: boolean): string {
  const size = (v: Count) => (humanize ? humanizeSize(v) : rawCount(v));
  const s = data.stats ?? {};
  let out = "";
  if (s.cpuNs !== undefined) out += line("CPU use:", humanize ? humanizeCpu(s.cpuNs) : rawCount(s.cpuNs));
  if (s.blkioBytes !== undefined) out += line("BlkIO use:", size(s.blkioBytes));
  if (s.memBytes !== undefined) out += line("Memory use:", size(s.memBytes));
  if (s.kmemBytes !== undefined) out += line("KMem use:", size(s.kmemBytes));
  let tx: Count = 0;
  let rx: Count = 0;
  for (const l of data.links) {
    out += line("Link:", l.name);
    if (l.txBytes !== null) out += line(" TX bytes:", size((tx = l.txBytes)));
    if (l.rxBytes !== null) out += line(" RX bytes:", size((rx = l.rxBytes)));
    out += line(" Total bytes:", size(BigInt(tx) + BigInt(rx)));
  }
  return out;
}

/**
 * Render lxc-info. No selector and no -c prints everything, preceded by a Name line. State
 * is printed for any container; PID and IP lines and the stats only while it runs (a
 * stopped container shows Name and State). With -H and a selector count of exactly 1 the
 * state, pid and IP lines are bare values; with -H and exactly one -c the key's value is bare.
 * An invalid -c key goes to stderr as "KEY invalid" (lxc-info still exits 0).
 */
export function formatInfo(data: InfoData, sel: InfoSelection): { stdout: string; stderr: string } {
  let { state, pid, ips, stats } = sel;
  const count = sel.count ?? (state ? 1 : 0) + (pid ? 1 : 0) + (ips ? 1 : 0) + (stats ? 5 : 0);
  const bare = !sel.humanize && count === 1;
  const msg = (label: string, value: string) => (bare ? `${value}\n` : line(label, value));
  let stdout = "";
  let stderr = "";
  if (!state && !pid && !ips && !stats && sel.configKeys.length === 0) {
    state = pid = ips = stats = true;
    stdout += msg("Name:", data.name);
  }
  const running = data.state !== "STOPPED";
  if (state) stdout += msg("State:", data.state);
  if (running && pid && data.pid !== undefined && data.pid >= 0) stdout += msg("PID:", String(data.pid));
  if (running && ips) for (const ip of data.ips) stdout += msg("IP:", ip);
  if (running && stats) stdout += statsLines(data, sel.humanize);
  const bareKey = !sel.humanize && sel.configKeys.length === 1;
  for (const { key, value } of sel.configKeys) {
    if (value === null) stderr += `${key} invalid\n`;
    else if (bareKey) stdout += `${value}\n`;
    else stdout += value === "" ? `${key} =\n` : `${key} = ${value}\n`;
  }
  return { stdout, stderr };
}

export { infoJson } from "./json.ts";
