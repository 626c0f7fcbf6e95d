import { globalConfigItem, globalConfigKeys } from "../config/index.ts";
import { LxcError } from "../errors.ts";
import { flag } from "./args.ts";
import type { ToolDef } from "./common.ts";
import { writeOut } from "../sys/stdio.ts";

export const lxcConfig: ToolDef = {
  tool: "lxc-config",
  synopsis: "[-l] [ITEM]",
  description: "Print the value of a global LXC setting (from lxc.conf, or its default), or list the settings with -l.",
  withoutCommon: ["name", "lxcpath", "quiet", "logfile", "logpriority", "rcfile"],
  options: [{ long: "list", short: "l", arg: "none", help: "list the settings that can be queried" }],
  async run(ctx) {
    if (flag(ctx.args, "list")) {
      writeOut(globalConfigKeys().map((k) => k + "\n").join(""));
      return 0;
    }
    const item = ctx.positionals[0];
    if (!item) throw new LxcError("USAGE", "no item given", { hint: "run lxc-config -l for the list of items" });
    const r = globalConfigItem(item);
    if (r === null) throw new LxcError("USAGE", `Unknown configuration item: ${item}`, { hint: "run lxc-config -l for the list of items" });
    writeOut(r.value === undefined ? `${item} is not set.\n` : `${r.value}\n`);
    return 0;
  },
};
