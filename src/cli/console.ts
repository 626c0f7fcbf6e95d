import { LxcError } from "../errors.ts";
import { consoleContainer } from "../container/console.ts";
import { parseEscape } from "../container/console-escape.ts";
import { flag, value } from "./args.ts";
import type { ToolDef } from "./common.ts";

export const lxcConsole: ToolDef = {
  tool: "lxc-console",
  synopsis: "--name=NAME [--tty NUMBER]",
  description:
    "Join a tty of the running container NAME: 0 is /dev/console; without -t, the first tty\n" +
    "nobody is on. Type the escape key (Ctrl-a) then q to leave.",
  nameFromPositional: true,
  requiresName: true,
  options: [
    { long: "tty", short: "t", arg: "required", help: "console tty number", metavar: "NUMBER" },
    { long: "escape", short: "e", arg: "required", help: "prefix for escape command (^b or b for Ctrl-b)", metavar: "PREFIX" },
  ],
  async run(ctx) {
    const a = ctx.args;
    // --rcfile is accepted as LXC accepts it: the running monitor, not a config file,
    // knows the container's ttys, so it changes nothing
    const t = value(a, "tty");
    let tty: number | undefined;
    if (t !== undefined) {
      tty = Number(t);
      if (!/^-?\d+$/.test(t) || tty < -1) throw new LxcError("USAGE", `invalid tty number "${t}"`, { hint: "give -t 0 for the console, or a tty number from 1 to lxc.tty.max" });
    }
    const e = value(a, "escape");
    return consoleContainer(ctx.ref(), {
      tty,
      escape: e === undefined ? undefined : parseEscape(e),
      quiet: flag(a, "quiet"),
    });
  },
};
