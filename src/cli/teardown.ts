// Hidden tool run by a container's monitor after init exits.
import { teardownContainer } from "../container/start.ts";
import { value, values } from "./args.ts";
import type { ToolDef } from "./common.ts";

export const lxcTeardown: ToolDef = {
  tool: "__teardown",
  synopsis: "-n NAME -P LXCPATH [--cgroup DIR]... [--pidfile FILE]",
  description: "Internal: undo on the host what lxc-start made for a container whose init has exited.",
  options: [
    { long: "cgroup", arg: "required", repeat: true, help: "cgroup directory to remove", metavar: "DIR" },
    { long: "pidfile", arg: "required", help: "pid file to remove", metavar: "FILE" },
  ],
  async run(ctx) {
    await teardownContainer({ ref: ctx.ref(), cgroups: values(ctx.args, "cgroup"), pidfile: value(ctx.args, "pidfile") });
    return 0;
  },
};
