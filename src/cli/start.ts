import { startContainer } from "../container/start.ts";
import { flag, value, values } from "./args.ts";
import type { ToolDef } from "./common.ts";
import { SHARE_OPTIONS, shareDefines } from "./share-options.ts";

export const lxcStart: ToolDef = {
  tool: "lxc-start",
  synopsis: "--name=NAME [options] [-- COMMAND]",
  description: "Start the container NAME. It runs lxc.init.cmd (/sbin/init unless set), or COMMAND when one is given.\nBy default lxc-start returns once the container is RUNNING and leaves it in the background.",
  nameFromPositional: true,
  requiresName: true,
  withoutCommon: ["rcfile"],
  options: [
    { long: "daemon", short: "d", arg: "none", help: "run in the background (the default)" },
    { long: "foreground", short: "F", arg: "none", help: "stay attached: the console is this terminal" },
    { long: "pidfile", short: "p", arg: "required", help: "write the monitor's pid to FILE", metavar: "FILE" },
    { long: "rcfile", short: "f", arg: "required", help: "use FILE as the container's configuration", metavar: "FILE" },
    { long: "console", short: "c", arg: "required", help: "use FILE as the console (lxc.console.path)", metavar: "FILE" },
    { long: "console-log", short: "L", arg: "required", help: "log the console output to FILE", metavar: "FILE" },
    { long: "close-all-fds", short: "C", arg: "none", help: "close inherited file descriptors" },
    { long: "define", short: "s", arg: "required", repeat: true, help: "set a configuration KEY=VALUE for this start", metavar: "KEY=VAL" },
    ...SHARE_OPTIONS,
  ],
  async run(ctx) {
    const command = [...ctx.positionals, ...ctx.args.rest];
    const opts = {
      foreground: flag(ctx.args, "foreground"),
      command: command.length ? command : undefined,
      rcfile: value(ctx.args, "rcfile"),
      defines: [...values(ctx.args, "define"), ...shareDefines(ctx.args)],
      pidfile: value(ctx.args, "pidfile"),
      consoleLog: value(ctx.args, "console-log"),
      consolePath: value(ctx.args, "console"),
      logFile: ctx.log.file,
      configLogging: !flag(ctx.args, "logfile") && !flag(ctx.args, "logpriority"),
    };
    let r = await startContainer(ctx.ref(), opts);
    if (r.alreadyRunning) {
      ctx.log.error("start", "Container is already running");
      return 0;
    }
    // -F: a reboot is a new start with a fresh read of the config, on this same terminal
    while (r.rebooted) {
      ctx.log.info("start", `${ctx.ref().name} asked for a reboot: starting it again`);
      r = await startContainer(ctx.ref(), opts);
    }
    return 0;
  },
};
