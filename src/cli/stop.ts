import { LxcError } from "../errors.ts";
import { stopContainer } from "../container/stop.ts";
import { flag, value } from "./args.ts";
import type { ToolDef } from "./common.ts";

export const lxcStop: ToolDef = {
  tool: "lxc-stop",
  synopsis: "--name=NAME [options]",
  description: "Stop the container NAME: ask its init to halt (lxc.signal.halt), wait up to the timeout, then kill it.\nExit status 2 means the container was not running.",
  nameFromPositional: true,
  requiresName: true,
  options: [
    { long: "reboot", short: "r", arg: "none", help: "reboot the container (lxc.signal.reboot)" },
    { long: "nowait", short: "W", arg: "none", help: "don't wait for the shutdown to finish" },
    { long: "timeout", short: "t", arg: "required", help: "seconds to wait for a clean halt before killing (default 60, -1 = forever)", metavar: "T" },
    { long: "kill", short: "k", arg: "none", help: "kill the container at once (lxc.signal.stop)" },
    { long: "nokill", arg: "none", help: "only ask for a clean halt; fail if it does not happen in time" },
    { long: "nolock", arg: "none", help: "don't take the container's lock (with -k only)" },
  ],
  async run(ctx) {
    const t = value(ctx.args, "timeout");
    let timeout: number | undefined;
    if (t !== undefined) {
      timeout = Number(t);
      if (!Number.isInteger(timeout) || timeout < -1) throw new LxcError("USAGE", `invalid timeout "${t}"`, { hint: "give -t a whole number of seconds, or -1 to wait forever" });
    }
    if (flag(ctx.args, "nolock") && !flag(ctx.args, "kill")) throw new LxcError("USAGE", "--nolock is only valid with -k/--kill");
    const ref = ctx.ref();
    const r = await stopContainer(ref, {
      kill: flag(ctx.args, "kill"),
      reboot: flag(ctx.args, "reboot"),
      nowait: flag(ctx.args, "nowait"),
      nokill: flag(ctx.args, "nokill"),
      nolock: flag(ctx.args, "nolock"),
      timeout,
    });
    if (r === "not-running") {
      ctx.log.error("stop", `${ref.name} is not running`);
      return 2;
    }
    if (r === "timeout") {
      ctx.log.error("stop", `${ref.name} did not halt within the timeout`, "use lxc-stop without --nokill (it kills after the timeout), or -k");
      return 1;
    }
    return 0;
  },
};
