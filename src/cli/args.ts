// A getopt_long-compatible argument parser, so that every way users and scripts pass
// options to LXC's C tools (clusters, -nNAME, --name=X, --name X, unique long prefixes,
// options after positionals, `--`) keeps working with ours.
import { LxcError } from "../errors.ts";

export interface OptionSpec {
  long: string;
  short?: string;
  /** none: a flag; required: takes a value; optional: value only as --long=V or -sV */
  arg: "none" | "required" | "optional";
  /** repeated options accumulate instead of overriding */
  repeat?: boolean;
  help: string;
  metavar?: string;
}

export interface ParsedArgs {
  opts: Map<string, string[]>;
  positionals: string[];
  /** everything after a standalone `--` */
  rest: string[];
  sawDoubleDash: boolean;
}

export function parseArgs(argv: string[], specs: OptionSpec[], tool: string): ParsedArgs {
  const byShort = new Map<string, OptionSpec>();
  const byLong = new Map<string, OptionSpec>();
  for (const s of specs) {
    if (s.short) byShort.set(s.short, s);
    byLong.set(s.long, s);
  }
  const opts = new Map<string, string[]>();
  const positionals: string[] = [];
  const put = (s: OptionSpec, v: string) => {
    const cur = opts.get(s.long);
    if (cur && s.repeat) cur.push(v);
    else opts.set(s.long, [v]);
  };
  const usageError = (msg: string) =>
    new LxcError("USAGE", msg, { hint: `run '${tool} --help' for the list of options` });

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      return { opts, positionals, rest: argv.slice(i + 1), sawDoubleDash: true };
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      let spec = byLong.get(name);
      if (!spec) {
        const cands = specs.filter((s) => s.long.startsWith(name));
        if (cands.length === 1) spec = cands[0];
        else if (cands.length > 1)
          throw usageError(`option '--${name}' is ambiguous; possibilities: ${cands.map((c) => "--" + c.long).join(" ")}`);
      }
      if (!spec) throw usageError(`unrecognized option '--${name}'`);
      if (spec.arg === "none") {
        if (eq >= 0) throw usageError(`option '--${spec.long}' doesn't allow an argument`);
        put(spec, "");
      } else if (eq >= 0) {
        put(spec, a.slice(eq + 1));
      } else if (spec.arg === "optional") {
        put(spec, "");
      } else {
        if (i + 1 >= argv.length) throw usageError(`option '--${spec.long}' requires an argument`);
        put(spec, argv[++i]!);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) throw usageError(`invalid option -- '${c}'`);
        if (spec.arg === "none") {
          put(spec, "");
          continue;
        }
        const attached = a.slice(j + 1);
        if (attached.length > 0) put(spec, attached);
        else if (spec.arg === "optional") put(spec, "");
        else {
          if (i + 1 >= argv.length) throw usageError(`option requires an argument -- '${c}'`);
          put(spec, argv[++i]!);
        }
        break;
      }
      continue;
    }
    positionals.push(a);
  }
  return { opts, positionals, rest: [], sawDoubleDash: false };
}

export function flag(p: ParsedArgs, long: string): boolean {
  return p.opts.has(long);
}

export function value(p: ParsedArgs, long: string): string | undefined {
  const v = p.opts.get(long);
  return v ? v[v.length - 1] : undefined;
}

export function values(p: ParsedArgs, long: string): string[] {
  return p.opts.get(long) ?? [];
}

/** Options every container tool shares (LXC's common option table). */
export const COMMON_OPTIONS: OptionSpec[] = [
  { long: "name", short: "n", arg: "required", help: "NAME of the container", metavar: "NAME" },
  { long: "lxcpath", short: "P", arg: "required", repeat: true, help: "use specified container path", metavar: "PATH" },
  { long: "quiet", short: "q", arg: "none", help: "don't produce any output" },
  { long: "logfile", short: "o", arg: "required", help: "output log to FILE instead of stderr", metavar: "FILE" },
  { long: "logpriority", short: "l", arg: "required", help: "set log priority to LEVEL", metavar: "LEVEL" },
  { long: "rcfile", arg: "required", help: "load configuration file FILE", metavar: "FILE" },
  { long: "help", short: "h", arg: "none", help: "give this help list" },
  { long: "usage", arg: "none", help: "give a short usage message" },
  { long: "version", arg: "none", help: "print the version number" },
];

export function formatHelp(tool: string, synopsis: string, description: string, specs: OptionSpec[]): string {
  const lines = [`Usage: ${tool} ${synopsis}`, "", description.trimEnd(), "", "Options :"];
  for (const s of specs) {
    let left = s.short ? `  -${s.short}, --${s.long}` : `      --${s.long}`;
    if (s.arg === "required") left += `=${s.metavar ?? "VALUE"}`;
    if (s.arg === "optional") left += `[=${s.metavar ?? "VALUE"}]`;
    lines.push(left.length >= 30 ? `${left}\n${" ".repeat(30)}${s.help}` : `${left.padEnd(30)}${s.help}`);
  }
  return lines.join("\n") + "\n";
}

export function formatUsage(tool: string, specs: OptionSpec[]): string {
  const parts = specs.map((s) => {
    const sh = s.short ? `-${s.short}|` : "";
    const arg = s.arg === "required" ? `=${s.metavar ?? "VALUE"}` : s.arg === "optional" ? `[=${s.metavar ?? "VALUE"}]` : "";
    return `[${sh}--${s.long}${arg}]`;
  });
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 4) lines.push("\t" + parts.slice(i, i + 4).join(" "));
  return `Usage: ${tool}\n${lines.join("\n")}\n`;
}
