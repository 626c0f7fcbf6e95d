// lxc-ls output: the name list (plain and -1) and the -f / -F table, byte for byte as LXC 5.0.2.
import { type LsColumn, LS_COLUMNS, LS_DEFAULT_COLUMNS, cell, columnWidths, headerCell } from "./ls-columns.ts";
import { type LsRow, lsAutostartWarnings } from "./ls-row.ts";
import { asciiUpper, byteLen, padRight } from "./pad.ts";

export type { LsRow } from "./ls-row.ts";
export { lsJson } from "./json.ts";
export { parseAutostart, lsAutostartWarnings } from "./ls-row.ts";
export { type LsColumn, LS_COLUMNS, LS_DEFAULT_COLUMNS, parseLsColumns } from "./ls-columns.ts";

export interface LsPlainOptions {
  /** True when stdout, stderr or stdin is a terminal (LXC asks them in that order). */
  tty: boolean;
  /** That terminal's width; 0 counts as no terminal. */
  columns: number;
  /** Nesting level of each name (with --nesting the names are "parent/child"). */
  nestLevels?: number[];
}

/**
 * Plain lxc-ls: each name left-justified to W = max(4, longest name + its nesting level).
 * After a name comes a newline when the line so far plus another W would reach the terminal
 * width, else one space. Without a terminal the width is 0, so every name ends its own line,
 * still padded to W (trailing blanks).
 */
export function formatLsPlain(names: string[], opts: LsPlainOptions): string {
  if (names.length === 0) return "";
  const term = opts.tty ? Math.max(0, opts.columns) : 0;
  let w = 4;
  names.forEach((n, i) => (w = Math.max(w, byteLen(n) + (opts.nestLevels?.[i] ?? 0))));
  let out = "";
  let used = 0;
  for (const n of names) {
    out += padRight(n, w);
    used += w;
    if (used + w >= term) {
      out += "\n";
      used = 0;
    } else {
      out += " ";
      used += 1;
    }
  }
  return used > 0 ? out + "\n" : out;
}

/** lxc-ls -1: one name per line, unpadded. */
export const formatLsLines = (names: string[]): string => names.map((n) => `${n}\n`).join("");

/**
 * lxc-ls -f (default columns) or -f -F (any columns, names in any ASCII case; validate them
 * first with parseLsColumns). Every cell ends with one space. Nothing at all for no rows.
 * The output starts with lxc.start.auto warnings, which lxc-ls prints on stdout.
 */
export function formatLsFancy(rows: LsRow[], columns: readonly string[] = LS_DEFAULT_COLUMNS): string {
  if (rows.length === 0) return "";
  const cols = columns.map((c): LsColumn => {
    const col = LS_COLUMNS.find((k) => k === asciiUpper(c));
    if (col === undefined) throw new Error(`formatLsFancy: Invalid key: ${c} (validate -F with parseLsColumns first)`);
    return col;
  });
  // only the shown columns: RAM and SWAP widths cost a formatted number per row
  const w = columnWidths(rows, cols);
  let out = lsAutostartWarnings(rows);
  out += cols.map((c) => headerCell(c, w)).join("") + "\n";
  for (const r of rows) out += cols.map((c) => cell(c, r, w)).join("") + "\n";
  return out;
}
