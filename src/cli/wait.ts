import { waitForState } from "../container/wait.ts";
import { LxcError } from "../errors.ts";
import { STATES, type StateName } from "../monitor/client.ts";
import { value } from "./args.ts";
import type { ToolDef } from "./common.ts";

export const lxcWait: ToolDef = {
  tool: "lxc-wait",
  synopsis: "--name=NAME --state=STATE[|STATE...] [--timeout=SEC]",
  description: "Wait until the container NAME reaches one of the given states (STOPPED, STARTING, RUNNING, STOPPING, ABORTING, FREEZING, FROZEN, THAWED).",
  nameFromPositional: true,
  requiresName: true,
  options: [
    { long: "state", short: "s", arg: "required", help: "states to wait for, separated by |", metavar: "STATE" },
    { long: "timeout", short: "t", arg: "required", help: "give up after SEC seconds (default: wait forever)", metavar: "SEC" },
  ],
  async run(ctx) {
    const s = value(ctx.args, "state");
    if (!s) throw new LxcError("USAGE", "missing state: give one with -s", { hint: "e.g. lxc-wait -n c1 -s 'RUNNING|STOPPED'" });
    const states = s.split("|").map((x) => x.trim().toUpperCase());
    for (const st of states) {
      if (!STATES.includes(st as StateName)) throw new LxcError("USAGE", `invalid state "${st}"`, { hint: `use one of ${STATES.join(", ")}` });
    }
    const t = value(ctx.args, "timeout");
    const timeout = t === undefined ? -1 : Number(t);
    if (!Number.isFinite(timeout)) throw new LxcError("USAGE", `invalid timeout "${t}"`, { hint: "give -t a number of seconds" });
    const r = await waitForState(ctx.ref(), states as StateName[], timeout);
    if (r === "timeout") return 1;
    return 0;
  },
};
