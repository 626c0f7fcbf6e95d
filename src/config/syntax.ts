// One config line, classified the way LXC reads it: blank, comment, a line that is not an
// `lxc.` key (ignored, "martian"), an assignment, or an `lxc.` line without `=` (an error).

export type LineKind = "blank" | "comment" | "martian" | "entry" | "noequals";

export interface LineSyntax {
  kind: LineKind;
  /** for entries: the key, trimmed */
  key?: string;
  /** for entries: the value, trimmed and unquoted */
  value?: string;
  /** offset in the raw line where the value text (after `=` and blanks) starts */
  valueStart?: number;
  /** quote character the value was wrapped in, if any */
  quote?: string;
}

const WS = " \t\r\v\f";

export function isBlankChar(c: string | undefined): boolean {
  return c !== undefined && c !== "" && WS.includes(c);
}

export function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBlankChar(s[a])) a++;
  while (b > a && isBlankChar(s[b - 1])) b--;
  return s.slice(a, b);
}

/** A value wrapped in one pair of matching quotes loses them (only one layer). */
export function unquote(v: string): { value: string; quote?: string } {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) {
    return { value: v.slice(1, -1), quote: v[0] };
  }
  return { value: v };
}

export function classifyLine(raw: string): LineSyntax {
  let i = 0;
  while (i < raw.length && isBlankChar(raw[i])) i++;
  if (i === raw.length) return { kind: "blank" };
  if (raw[i] === "#") return { kind: "comment" };
  if (!raw.startsWith("lxc.", i)) return { kind: "martian" };
  const eq = raw.indexOf("=", i);
  if (eq < 0) return { kind: "noequals", key: trimBlanks(raw.slice(i)) };
  const key = trimBlanks(raw.slice(i, eq));
  let vs = eq + 1;
  while (vs < raw.length && isBlankChar(raw[vs])) vs++;
  const { value, quote } = unquote(trimBlanks(raw.slice(vs)));
  return { kind: "entry", key, value, valueStart: vs, quote };
}

/** Text for `key = value` that reads back as exactly `value` (quoted when trimming or
 *  unquoting would change it). Newlines cannot be stored. */
export function formatAssignment(key: string, value: string): string {
  if (/[\n]/.test(value)) throw new Error(`a config value cannot contain a newline (${key})`);
  return value === "" ? `${key} =` : `${key} = ${quoteIfNeeded(value)}`;
}

export function quoteIfNeeded(value: string): string {
  const needs = value !== trimBlanks(value) || unquote(value).quote !== undefined;
  return needs ? `"${value}"` : value;
}
