import { isLxcError } from "../errors.ts";
import { startContainer } from "../container/start.ts";
import { flag, value, values } from "./args.ts";
import type { ToolDef } from "./common.ts";
import { SHARE_OPTIONS, shareDefines } from "./share-options.ts";

export const lxcExecute: ToolDef = {
  tool: "lxc-execute",
  synopsis: "--name=NAME [options] -- COMMAND",
  description:
    "Run COMMAND as an application container NAME. A small init (PID 1) runs it, forwards signals to it\nand reaps orphans; COMMAND keeps this terminal's stdin, stdout and stderr, and its exit code\nis lxc-execute's (128+N when signal N killed it).",
  nameFromPositional: true,
  requiresName: true,
  withoutCommon: ["rcfile"],
  options: [
    { long: "daemon", short: "d", arg: "none", help: "run in the background (stdio on /dev/null)" },
    { long: "rcfile", short: "f", arg: "required", help: "use FILE as the container's configuration", metavar: "FILE" },
    { long: "define", short: "s", arg: "required", repeat: true, help: "set a configuration KEY=VALUE for this run", metavar: "KEY=VAL" },
    { long: "uid", short: "u", arg: "required", help: "run COMMAND as this user id (lxc.init.uid)", metavar: "UID" },
    { long: "gid", short: "g", arg: "required", help: "run COMMAND with this group id (lxc.init.gid)", metavar: "GID" },
    ...SHARE_OPTIONS,
  ],
  async run(ctx) {
    const defines = [...values(ctx.args, "define"), ...shareDefines(ctx.args)];
    const uid = value(ctx.args, "uid");
    const gid = value(ctx.args, "gid");
    if (uid !== undefined) defines.push(`lxc.init.uid=${uid}`);
    if (gid !== undefined) defines.push(`lxc.init.gid=${gid}`);
    const command = [...ctx.positionals, ...ctx.args.rest];
    const daemon = flag(ctx.args, "daemon");
    let r;
    try {
      r = await startContainer(ctx.ref(), {
        foreground: !daemon,
        execute: true,
        command: command.length ? command : undefined,
        rcfile: value(ctx.args, "rcfile"),
        defines,
        logFile: ctx.log.file,
        configLogging: !flag(ctx.args, "logfile") && !flag(ctx.args, "logpriority"),
      });
    } catch (e) {
      // a command that cannot run gets the shell's codes: 127 not found, 126 not executable
      if (isLxcError(e) && e.details?.step === "exec" && e.details?.errno) {
        ctx.log.error(e.code.toLowerCase(), e.message, e.hint);
        return e.details.errno === 2 ? 127 : 126;
      }
      throw e;
    }
    if (r.alreadyRunning) {
      ctx.log.error("execute", "Container is already running");
      return 1;
    }
    return r.exitCode ?? 0;
  },
};
