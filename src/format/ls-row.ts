// One container as lxc-ls shows it, and the per-row rules shared by the table and JSON forms.
import type { Count } from "./humanize.ts";

export interface LsRow {
  name: string;
  /** 0 for containers of the listed lxcpath, N for containers nested N levels inside them. */
  nestLevel?: number;
  /** STOPPED, RUNNING, FROZEN, ... or UNKNOWN when it could not be read. */
  state: string;
  /** Init pid. Present exactly when the container is running (any state but STOPPED). */
  pid?: number;
  /** memory.usage_in_bytes; a running container without it shows 0.00MB, as LXC does. */
  ramBytes?: Count;
  /** The "swap" line of memory.stat. */
  swapBytes?: Count;
  /** Raw lxc.start.auto value as read back from the config ("0", "1", or "" when unset). */
  autostart: string;
  groups: string[];
  /** Interface names inside the container (LXC lists them sorted). */
  interfaces: string[];
  ipv4: string[];
  ipv6: string[];
  unprivileged: boolean;
}

export const isRunning = (r: LsRow): boolean => r.pid !== undefined;

/** C's lxc_safe_uint: optional leading blanks, no sign, base prefix (0x, 0), nothing after. */
function safeUint(raw: string): number | null {
  const s = raw.replace(/^[ \t\n\v\f\r]+/, "").replace(/^\+/, "");
  let n: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) n = BigInt(s);
  else if (/^0[0-7]*$/.test(s)) n = BigInt(`0o${s.slice(1) || "0"}`);
  else if (/^[1-9][0-9]*$/.test(s)) n = BigInt(s);
  else return null;
  return n > 0xffffffffn ? null : Number(n);
}

export interface Autostart {
  on: boolean;
  /** Line lxc-ls prints on stdout (before the table) for an odd value, else "". */
  warning: string;
}

/** lxc.start.auto as lxc-ls reads it: 1 is on, anything else off, with LXC's warnings. */
export function parseAutostart(raw: string): Autostart {
  if (raw === "") return { on: false, warning: "" };
  const n = safeUint(raw);
  if (n === null) return { on: false, warning: "Could not parse value for 'lxc.start.auto'.\n" };
  if (n > 1) return { on: false, warning: `Wrong value for 'lxc.start.auto = ${n | 0}'.\n` };
  return { on: n === 1, warning: "" };
}

/** The warning lines of all rows, in order: lxc-ls prints them while collecting, in -f mode only. */
export const lsAutostartWarnings = (rows: LsRow[]): string => rows.map((r) => parseAutostart(r.autostart).warning).join("");
