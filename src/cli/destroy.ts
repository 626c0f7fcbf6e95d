import { destroyContainer } from "../container/destroy.ts";
import { flag } from "./args.ts";
import type { ToolDef } from "./common.ts";

export const lxcDestroy: ToolDef = {
  tool: "lxc-destroy",
  synopsis: "--name=NAME [-f] [-s]",
  description: "Destroy the container NAME: its configuration and its root filesystem.",
  nameFromPositional: true,
  requiresName: true,
  options: [
    { long: "force", short: "f", arg: "none", help: "stop the container first if it is running" },
    { long: "snapshots", short: "s", arg: "none", help: "also destroy its snapshots and clones" },
  ],
  async run(ctx) {
    await destroyContainer(ctx.ref(), { force: flag(ctx.args, "force"), snapshots: flag(ctx.args, "snapshots") });
    return 0;
  },
};
