// LXC-style logging: a log file with LXC's line layout at a chosen priority, and stderr
// for ERROR and worse only (as LXC does), unless -q.
import { appendFileSync, mkdirSync, openSync, closeSync } from "node:fs";
import { dirname } from "node:path";
import { LxcError } from "./errors.ts";
import { writeErr } from "./sys/stdio.ts";

export const LEVELS = ["TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "CRIT", "ALERT", "FATAL"] as const;
export type Level = (typeof LEVELS)[number];

export function parseLevel(s: string, source = "-l/--logpriority"): number {
  const up = s.trim().toUpperCase();
  const byName = LEVELS.indexOf(up as Level);
  if (byName >= 0) return byName;
  if (up === "WARNING") return 4;
  if (/^[0-8]$/.test(up)) return Number(up);
  throw new LxcError("USAGE", `invalid log priority "${s}" given with ${source}`, {
    hint: `use one of ${LEVELS.join(", ")}`,
  });
}

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

export class Logger {
  prog: string;
  name = "";
  file: string | null = null;
  level = 5;
  quiet = false;

  constructor(prog: string) {
    this.prog = prog;
  }

  /** Opens (creates, mode 0640) the log file; `none` disables file logging. */
  setFile(path: string | null, ignoreErrors = false): void {
    if (!path || path === "none") {
      this.file = null;
      return;
    }
    try {
      mkdirSync(dirname(path), { recursive: true });
      closeSync(openSync(path, "a", 0o640));
      this.file = path;
    } catch (e) {
      if (!ignoreErrors) throw new LxcError("IO_FAILED", `cannot open log file ${path}: ${(e as Error).message}`, { details: { path } });
      this.file = null;
    }
  }

  log(level: number, category: string, msg: string): void {
    if (this.file && level >= this.level) {
      const line = `${this.prog} ${this.name} ${stamp(new Date())} ${LEVELS[level]!.padEnd(8)} ${category} - lxc-ts:${category} - ${msg}\n`;
      try {
        appendFileSync(this.file, line);
      } catch {
        // a log that cannot be written must never fail the operation itself
      }
    }
  }

  trace(cat: string, msg: string) { this.log(0, cat, msg); }
  debug(cat: string, msg: string) { this.log(1, cat, msg); }
  info(cat: string, msg: string) { this.log(2, cat, msg); }
  notice(cat: string, msg: string) { this.log(3, cat, msg); }
  warn(cat: string, msg: string) { this.log(4, cat, msg); }
  /** ERROR: to the log file and, unless quiet, to stderr. */
  error(cat: string, msg: string, hint?: string): void {
    this.log(5, cat, msg + (hint ? ` (hint: ${hint})` : ""));
    if (!this.quiet) {
      writeErr(`${this.prog}: ${this.name ? this.name + ": " : ""}${msg}\n`);
      if (hint) writeErr(`hint: ${hint}\n`);
    }
  }
}

/** The process-wide logger, set up by the CLI entry. Library code logs through it. */
export let log = new Logger("lxc");

export function setLogger(l: Logger): void {
  log = l;
}
