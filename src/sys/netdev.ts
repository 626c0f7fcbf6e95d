// Interface byte counters from sysfs.
import { readFileSync } from "node:fs";

export function linkStats(ifname: string): { rx: number; tx: number } | null {
  try {
    const rx = Number(readFileSync(`/sys/class/net/${ifname}/statistics/rx_bytes`, "utf8"));
    const tx = Number(readFileSync(`/sys/class/net/${ifname}/statistics/tx_bytes`, "utf8"));
    return { rx, tx };
  } catch {
    return null;
  }
}
