// The -F column list of lxc-ls: names, parsing, and each column's cell text and width.
import { type Count, cFixed } from "./humanize.ts";
import { type LsRow, isRunning, parseAutostart } from "./ls-row.ts";
import { asciiUpper, byteLen, padLeft, padRight } from "./pad.ts";

export const LS_COLUMNS = [
  "NAME", "STATE", "PID", "RAM", "SWAP", "AUTOSTART", "GROUPS", "INTERFACE", "IPV4", "IPV6", "UNPRIVILEGED",
] as const;
export type LsColumn = (typeof LS_COLUMNS)[number];

export const LS_DEFAULT_COLUMNS: readonly LsColumn[] = ["NAME", "STATE", "AUTOSTART", "GROUPS", "IPV4", "IPV6", "UNPRIVILEGED"];

/**
 * Parse a -F value: split on ",", drop empty pieces, trim blanks and tabs, match names without
 * regard to ASCII case. Returns the columns, or for the first unknown piece the message
 * "Invalid key: <piece>" (a string), which lxc-ls prints on **stderr** followed by a newline,
 * only when some container matched, and then prints no table and exits 0. (A piece of only
 * blanks gives "Invalid key: ".) An empty list is valid: lxc-ls then prints one empty line per
 * row plus one for the header.
 */
export function parseLsColumns(spec: string): LsColumn[] | string {
  const columns: LsColumn[] = [];
  for (const piece of spec.split(",")) {
    if (piece === "") continue;
    const key = piece.replace(/^[ \t]+/, "").replace(/[ \t]+$/, "");
    const col = LS_COLUMNS.find((c) => c === asciiUpper(key));
    if (col === undefined) return `Invalid key: ${key}`;
    columns.push(col);
  }
  return columns;
}

const MIB = 1024 * 1024;
const num = (v: Count | undefined): number => (v === undefined ? 0 : Number(v));
/** RAM in MiB as a C double (fractional). */
const ramMiB = (r: LsRow): number => (isRunning(r) ? num(r.ramBytes) / MIB : 0);
/** Swap in whole MiB: LXC divides the integer, so the decimals are always .00. */
const swapMiB = (r: LsRow): number =>
  isRunning(r) && r.swapBytes !== undefined ? Number(BigInt(r.swapBytes) / BigInt(MIB)) : 0;
const list = (xs: string[]): string | undefined => (xs.length ? xs.join(", ") : undefined);

/** Text of a column whose width is taken from its values (undefined prints as "-"). */
function text(col: LsColumn, r: LsRow): string | undefined {
  switch (col) {
    case "NAME": return r.name;
    case "STATE": return r.state;
    case "GROUPS": return list(r.groups);
    case "INTERFACE": return isRunning(r) ? list(r.interfaces) : undefined;
    case "IPV4": return isRunning(r) ? list(r.ipv4) : undefined;
    case "IPV6": return isRunning(r) ? list(r.ipv6) : undefined;
    case "PID": return isRunning(r) ? String(r.pid) : undefined;
    case "RAM": return cFixed(ramMiB(r), 2);
    case "SWAP": return cFixed(swapMiB(r), 2);
    default: return undefined;
  }
}

const MIN_WIDTH: Record<LsColumn, number> = {
  NAME: 4, STATE: 5, PID: 3, RAM: 3, SWAP: 4, AUTOSTART: 9, GROUPS: 6, INTERFACE: 9, IPV4: 4, IPV6: 4, UNPRIVILEGED: 12,
};

/**
 * Widths of the columns (default: every column) over all rows; the others keep their minimum.
 * The NAME width includes the nesting indent; RAM and SWAP widths count stopped rows as
 * "0.00", so they are at least 4 whenever a row exists.
 */
export function columnWidths(rows: LsRow[], columns: readonly LsColumn[] = LS_COLUMNS): Record<LsColumn, number> {
  const w = { ...MIN_WIDTH };
  for (const r of rows) {
    for (const col of columns) {
      const t = text(col, r);
      if (t === undefined) continue;
      const len = byteLen(t) + (col === "NAME" ? (r.nestLevel ?? 0) : 0);
      if (len > w[col]) w[col] = len;
    }
  }
  return w;
}

/** Header cell, including its trailing space. RAM and SWAP headers are 2 wider for "MB". */
export function headerCell(col: LsColumn, w: Record<LsColumn, number>): string {
  const extra = col === "RAM" || col === "SWAP" ? 2 : 0;
  return padRight(col, w[col] + extra) + " ";
}

/** Body cell, including its trailing space. */
export function cell(col: LsColumn, r: LsRow, w: Record<LsColumn, number>): string {
  const width = w[col];
  switch (col) {
    case "NAME": {
      const lvl = r.nestLevel ?? 0;
      if (lvl > 0) return padLeft("\\", lvl) + padRight(r.name, width - lvl) + " ";
      return padRight(r.name, width) + " ";
    }
    case "RAM":
    case "SWAP":
      if (!isRunning(r)) return padRight("-", width) + "   ";
      return padLeft(text(col, r) ?? "", width) + "MB ";
    case "AUTOSTART":
      return padRight(parseAutostart(r.autostart).on ? "1" : "0", width) + " ";
    case "UNPRIVILEGED":
      return padRight(r.unprivileged ? "true" : "false", width) + " ";
    default:
      return padRight(text(col, r) ?? "-", width) + " ";
  }
}
