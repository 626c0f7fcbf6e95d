import { checkconfigReport } from "../checkconfig/index.ts";
import type { ToolDef } from "./common.ts";
import { isTerminal, writeErr, writeOut } from "../sys/stdio.ts";

export const lxcCheckconfig: ToolDef = {
  tool: "lxc-checkconfig",
  synopsis: "",
  description: "Report which kernel features that containers use are available (set CONFIG=/path/to/config to check another kernel).",
  withoutCommon: ["name", "lxcpath", "quiet", "logfile", "logpriority", "rcfile"],
  options: [],
  async run() {
    const r = await checkconfigReport({ tty: isTerminal(1), env: process.env });
    writeOut(r.text);
    writeErr(r.stderr);
    return r.exitCode;
  },
};
