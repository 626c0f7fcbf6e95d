// A config file as a document: every line is kept as written (comments, blanks, non-lxc lines,
// spacing), so serialize() gives the same bytes back; edits touch only the lines they change.
// entries() reads the assignments: legacy keys translated, every key and value checked.
import { LxcError } from "../errors.ts";
import type { KeySpec } from "./key-spec.ts";
import { resolveKey } from "./keys.ts";
import { type LegacyLine, type LegacyState, isLegacyKey, scanLegacy } from "./legacy.ts";
import { didYouMean } from "./suggest.ts";
import { classifyLine, formatAssignment, quoteIfNeeded, trimBlanks } from "./syntax.ts";
import { BadValue } from "./validators.ts";

export interface Where {
  file: string;
  line: number;
}

export interface DocEntry {
  /** 1-based line number */
  line: number;
  /** the key as written in the file */
  writtenKey: string;
  /** the current key it stands for (legacy names translated, lxc.net.00 -> lxc.net.0) */
  key: string;
  /** the value as read (trimmed, unquoted; lxc.rootfs gains its TYPE: prefix) */
  value: string;
  /** the value normalized by the key's checker ("" for a clear) */
  norm: string;
  spec: KeySpec;
  legacy?: LegacyLine;
}

type Checked = { key: string; norm: string; spec: KeySpec };

// Checks are pure functions of key and value, and lxc-ls reads many configs that share most
// of their lines: good answers are remembered for the life of the process (errors are not,
// as they name the file and line).
const checked = new Map<string, Checked>();

/** Checks one assignment; returns the canonical key, the normalized value and the key's spec. */
export function checkEntry(key: string, value: string, at: Where): Checked {
  const id = `${key}\0${value}`;
  const hit = checked.get(id);
  if (hit) return hit;
  const c = checkUncached(key, value, at);
  if (checked.size < 10000) checked.set(id, c);
  return c;
}

function checkUncached(key: string, value: string, at: Where): Checked {
  const pos = `${at.file}:${at.line}`;
  const r = resolveKey(key);
  if (!r.ok) {
    throw new LxcError("CONFIG_UNKNOWN_KEY", `${pos}: unknown config key ${key}${r.reason ? ` (${r.reason})` : ""}`, {
      hint: didYouMean(key) ?? "see lxc.container.conf(5) for the keys LXC 5 knows",
      details: { file: at.file, line: at.line, key },
    });
  }
  const spec = r.spec;
  const bad = (why: string, hint?: string) =>
    new LxcError("CONFIG_BAD_VALUE", `${pos}: invalid value "${value}" for ${r.key}: ${why}`, {
      hint: hint ?? `${r.key}: ${spec.about}`,
      details: { file: at.file, line: at.line, key: r.key, value },
    });
  if (value === "") {
    if (spec.noClear) throw bad("it cannot be empty", "remove the line instead of clearing it");
    return { key: r.key, norm: "", spec };
  }
  if (spec.clearOnly) throw bad(`${r.key} only clears settings and takes no value`, `write "${r.key} =" with nothing after the =`);
  try {
    return { key: r.key, norm: spec.validate(value), spec };
  } catch (e) {
    if (e instanceof BadValue) throw bad(e.message, e.hint);
    throw e;
  }
}

/** What a line that is not a legacy key reads as: nothing (blank, comment, not lxc.) or a
 *  checked entry. Like `checked`, kept per process: the configs lxc-ls reads share most lines. */
type LineRead = null | { written: string; key: string; value: string; norm: string; spec: KeySpec };
const lineReads = new Map<string, LineRead>();

function remember(raw: string, r: LineRead): void {
  if (lineReads.size < 10000) lineReads.set(raw, r);
}

function syntaxError(raw: string, key: string, at: Where): LxcError {
  return new LxcError("CONFIG_SYNTAX", `${at.file}:${at.line}: "${trimBlanks(raw)}" is not a KEY = VALUE line`, {
    hint: `write it as ${key} = VALUE, or comment it out with #`,
    details: { file: at.file, line: at.line, key },
  });
}

export class ConfigDocument {
  private lines: string[];

  constructor(text: string, readonly file: string) {
    this.lines = text.split("\n");
  }

  /** Reads and checks a document; notices about legacy keys are appended to `notices`. */
  static parse(text: string, file: string, opts: { legacy?: LegacyState; notices?: string[] } = {}): ConfigDocument {
    const doc = new ConfigDocument(text, file);
    doc.entries(opts);
    return doc;
  }

  serialize(): string {
    return this.lines.join("\n");
  }

  /** Number of lines (a final newline does not start another line). */
  get lineCount(): number {
    return this.lines.at(-1) === "" ? this.lines.length - 1 : this.lines.length;
  }

  line(n: number): string | undefined {
    return n >= 1 && n <= this.lineCount ? this.lines[n - 1] : undefined;
  }

  /** The assignments in file order, translated and checked (throws CONFIG_* errors). Dropped
   *  legacy keys (lxc.kmsg, ...) are left out. */
  entries(opts: { legacy?: LegacyState; notices?: string[] } = {}): DocEntry[] {
    const legacy = new Map(scanLegacy(this.lines, opts.legacy ?? { nic: -1 }).filter((l) => !l.commented).map((l) => [l.index, l]));
    const out: DocEntry[] = [];
    for (let i = 0; i < this.lineCount; i++) {
      const raw = this.lines[i]!;
      const lg = legacy.get(i);
      const known = lg ? undefined : lineReads.get(raw);
      if (known !== undefined) {
        if (known) out.push({ line: i + 1, writtenKey: known.written, key: known.key, value: known.value, norm: known.norm, spec: known.spec, legacy: undefined });
        continue;
      }
      const s = classifyLine(raw);
      const at = { file: this.file, line: i + 1 };
      if (s.kind === "noequals") throw syntaxError(raw, s.key!, at);
      if (s.kind !== "entry") {
        remember(raw, null);
        continue;
      }
      const written = s.key!;
      let key = written;
      let value = s.value!;
      if (lg) {
        const fix = `run lxc-update-config -c ${this.file} to`;
        if (lg.to === null) {
          opts.notices?.push(`${at.file}:${at.line}: legacy key ${written} ignored (${lg.reason}); ${fix} remove it`);
          continue;
        }
        key = lg.to;
        if (lg.newValue !== undefined) value = lg.newValue;
        if (!resolveKey(key).ok) {
          throw new LxcError("CONFIG_UNKNOWN_KEY", `${at.file}:${at.line}: legacy key ${written} has no current equivalent (${key} does not exist)`, {
            hint: "remove the line, or see lxc.container.conf(5) for the current keys",
            details: { file: at.file, line: at.line, key: written },
          });
        }
        const shown = lg.newValue !== undefined ? `${key} = ${value}` : key;
        opts.notices?.push(`${at.file}:${at.line}: legacy key ${written} read as ${shown}; ${fix} rewrite it`);
      } else if (isLegacyKey(written) && !resolveKey(written).ok) {
        throw new LxcError("CONFIG_UNKNOWN_KEY", `${at.file}:${at.line}: unknown config key ${written}`, {
          hint: "this old key name has no current equivalent; see lxc.container.conf(5)",
          details: { file: at.file, line: at.line, key: written },
        });
      }
      const c = checkEntry(key, value, at);
      if (!lg) remember(raw, { written, key: c.key, value, norm: c.norm, spec: c.spec });
      out.push({ line: i + 1, writtenKey: written, key: c.key, value, norm: c.norm, spec: c.spec, legacy: lg });
    }
    return out;
  }

  /** Value of the last assignment of `key` ("" for a clear), undefined if none. */
  get(key: string): string | undefined {
    const k = canonical(key);
    return this.entries().filter((e) => e.key === k).at(-1)?.value;
  }

  /** Replaces the value of the last assignment of `key` in place, or appends one. */
  set(key: string, value: string): void {
    const k = canonical(key);
    const last = this.entries().filter((e) => e.key === k).at(-1);
    if (!last) return this.append(key, value);
    noNewline(key, value, last.line, this.file);
    checkEntry(key, value, { file: this.file, line: last.line });
    this.rewrite(last, value);
  }

  /** Replaces the value of the assignment on line `n` (1-based), keeping its layout. */
  setLine(n: number, value: string): void {
    const e = this.entries().find((x) => x.line === n);
    if (!e) throw new Error(`${this.file}:${n} is not an assignment`);
    noNewline(e.key, value, n, this.file);
    checkEntry(e.key, value, { file: this.file, line: n });
    this.rewrite(e, value);
  }

  private rewrite(e: DocEntry, value: string): void {
    const raw = this.lines[e.line - 1]!;
    const s = classifyLine(raw);
    if (e.writtenKey === e.key && !e.legacy) {
      const head = raw.slice(0, s.valueStart);
      const text = s.quote ? `${s.quote}${value}${s.quote}` : quoteIfNeeded(value);
      this.lines[e.line - 1] = value === "" ? head.replace(/[ \t]+$/, "") : head + text;
    } else {
      this.lines[e.line - 1] = /^[ \t]*/.exec(raw)![0] + formatAssignment(e.key, value);
    }
  }

  /** Adds `key = value` at the end (an empty value writes an explicit clear). */
  append(key: string, value: string): void {
    noNewline(key, value, this.lineCount + 1, this.file);
    const c = checkEntry(key, value, { file: this.file, line: this.lineCount + 1 });
    const text = formatAssignment(c.key, value);
    if (this.lines.at(-1) === "") this.lines.splice(this.lines.length - 1, 0, text);
    else this.lines.push(text, "");
  }

  /** Removes the assignments of `key` (or those matching `pred`); returns how many. */
  remove(keyOrPred: string | ((e: DocEntry) => boolean)): number {
    const k = typeof keyOrPred === "string" ? canonical(keyOrPred) : "";
    const pred = typeof keyOrPred === "string" ? (e: DocEntry) => e.key === k : keyOrPred;
    const gone = new Set(this.entries().filter(pred).map((e) => e.line - 1));
    this.lines = this.lines.filter((_, i) => !gone.has(i));
    return gone.size;
  }

  /** Removes every line a `key =` clear would override (lxc.net: all lxc.net.N.*; lxc.hook:
   *  every hook; a list key: all its values); returns how many. */
  clear(key: string): number {
    const k = canonical(key);
    return this.remove((e) => e.key === k || clearsKey(k, e.key));
  }
}

function noNewline(key: string, value: string, line: number, file: string): void {
  if (!value.includes("\n")) return;
  throw new LxcError("CONFIG_BAD_VALUE", `${file}:${line}: a value for ${key} cannot contain a newline`, {
    hint: "config values are single lines",
    details: { file, line, key },
  });
}

function canonical(key: string): string {
  const r = resolveKey(key);
  return r.ok ? r.key : key;
}

/** Whether an empty assignment of `clearKey` also clears `key` (lxc.net, lxc.hook, lxc.cgroup,
 *  lxc.cgroup2, lxc.prlimit, lxc.sysctl, lxc.proc). */
export function clearsKey(clearKey: string, key: string): boolean {
  switch (clearKey) {
    case "lxc.net":
    case "lxc.cgroup2":
    case "lxc.prlimit":
    case "lxc.sysctl":
    case "lxc.proc":
      return key.startsWith(`${clearKey}.`);
    case "lxc.hook":
      return key.startsWith("lxc.hook.") && key !== "lxc.hook.version";
    case "lxc.cgroup": {
      if (!key.startsWith("lxc.cgroup.")) return false;
      const r = resolveKey(key);
      return r.ok && r.family !== undefined;
    }
    default:
      return false;
  }
}
