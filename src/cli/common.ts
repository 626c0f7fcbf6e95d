// What every lxc-* tool shares: option parsing with LXC's common options, logging setup,
// the container name and lxcpath, and turning errors into a message, a hint and an exit
// code in one place.
import { isLxcError, LxcError } from "../errors.ts";
import { Logger, parseLevel, setLogger } from "../log.ts";
import { validateName, type ContainerRef } from "../container/names.ts";
import { globalLxcpath, resolveLxcpath } from "../container/paths.ts";
import { COMMON_OPTIONS, flag, formatHelp, formatUsage, parseArgs, value, values, type OptionSpec, type ParsedArgs } from "./args.ts";
import { writeOut, writeErr } from "../sys/stdio.ts";

export const VERSION = "5.0.2";

export interface ToolContext {
  tool: string;
  args: ParsedArgs;
  log: Logger;
  /** the container name (-n or first positional), when the tool takes one */
  name: string | undefined;
  /** positionals left after the name was taken from them */
  positionals: string[];
  lxcpath: string;
  lxcpaths: string[];
  ref(): ContainerRef;
}

export interface ToolDef {
  tool: string;
  synopsis: string;
  description: string;
  options: OptionSpec[];
  /** the first positional is the container name when -n is absent */
  nameFromPositional?: boolean;
  /** the tool fails without a name */
  requiresName?: boolean;
  /** lxc-ls and friends accept several -P */
  multiLxcpath?: boolean;
  /** exclude common options this tool does not take */
  withoutCommon?: string[];
  run(ctx: ToolContext): Promise<number>;
  /** extra help after the tool's own (lxc-create -t T -h shows the template's) */
  onHelp?(p: ParsedArgs): Promise<void>;
}

export function exitCodeFor(e: LxcError): number {
  return e.code === "USAGE" ? 1 : 1;
}

function setupLog(tool: string, p: ParsedArgs, name: string | undefined, lxcpath: string): Logger {
  const l = new Logger(tool);
  l.name = name ?? "";
  l.quiet = flag(p, "quiet");
  const prio = value(p, "logpriority");
  if (prio !== undefined) l.level = parseLevel(prio);
  const file = value(p, "logfile");
  if (file !== undefined) l.setFile(file);
  else if (prio !== undefined && name) {
    // -l without -o: LXC's default log file, silently skipped if it cannot be opened
    const def = process.getuid?.() === 0 && lxcpath === globalLxcpath() ? `/var/log/lxc/${name}.log` : `${lxcpath}/${name}/${name}.log`;
    l.setFile(def, true);
  }
  setLogger(l);
  return l;
}

export async function runTool(def: ToolDef, argv: string[]): Promise<number> {
  const common = COMMON_OPTIONS.filter((o) => !(def.withoutCommon ?? []).includes(o.long));
  const specs = [...def.options, ...common];
  let l = new Logger(def.tool);
  setLogger(l);
  try {
    const p = parseArgs(argv, specs, def.tool);
    if (flag(p, "help")) {
      writeErr(formatHelp(def.tool, def.synopsis, def.description, specs));
      if (def.onHelp) await def.onHelp(p);
      return 0;
    }
    if (flag(p, "usage")) {
      writeErr(formatUsage(def.tool, specs));
      return 0;
    }
    if (flag(p, "version")) {
      writeOut(`${VERSION}\n`);
      return 0;
    }
    const paths = values(p, "lxcpath");
    if (paths.length > 1 && !def.multiLxcpath) {
      throw new LxcError("USAGE", "This command only accepts 1 -P,--lxcpath arguments", { hint: "give -P once" });
    }
    const lxcpaths = paths.length ? paths.map((x) => resolveLxcpath(x)) : [resolveLxcpath(undefined)];
    const lxcpath = lxcpaths[0]!;
    let name = value(p, "name");
    const positionals = [...p.positionals];
    if (name === undefined && def.nameFromPositional && positionals.length) name = positionals.shift();
    l = setupLog(def.tool, p, name, lxcpath);
    l.trace("tool", `${def.tool} running, ${performance.now().toFixed(1)} ms after the process started`);
    if (def.requiresName) validateName(name, def.tool);
    const ctx: ToolContext = {
      tool: def.tool,
      args: p,
      log: l,
      name,
      positionals,
      lxcpath,
      lxcpaths,
      ref() {
        return { name: validateName(name, def.tool), lxcpath };
      },
    };
    return await def.run(ctx);
  } catch (e) {
    if (isLxcError(e)) {
      l.error(e.code.toLowerCase(), e.message, e.hint);
      return exitCodeFor(e);
    }
    l.error("internal", `unexpected failure: ${(e as Error)?.stack ?? String(e)}`, "this is a bug in lxc-ts; please report it with the command you ran");
    return 1;
  }
}
