import { copyFileSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { updateConfigText } from "../config/index.ts";
import { LxcError } from "../errors.ts";
import { value } from "./args.ts";
import type { ToolDef } from "./common.ts";
import { writeOut } from "../sys/stdio.ts";

export const lxcUpdateConfig: ToolDef = {
  tool: "lxc-update-config",
  synopsis: "-c CONFIG",
  description: "Rewrite a container configuration file from the old key names (lxc.utsname, lxc.network.*, lxc.id_map, ...)\nto the current ones. The original is kept as CONFIG.backup.",
  withoutCommon: ["name", "lxcpath", "rcfile"],
  options: [{ long: "config", short: "c", arg: "required", help: "the configuration FILE to update", metavar: "FILE" }],
  async run(ctx) {
    const file = value(ctx.args, "config") ?? ctx.positionals[0];
    if (!file) throw new LxcError("USAGE", "no config file given", { hint: "lxc-update-config -c /var/lib/lxc/NAME/config" });
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new LxcError("IO_FAILED", `cannot read ${file}: ${(e as Error).message}`, { details: { path: file } });
    }
    const r = updateConfigText(text);
    copyFileSync(file, `${file}.backup`);
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, r.text, { mode: statSync(file).mode & 0o7777 });
    renameSync(tmp, file);
    if (!ctx.log.quiet) for (const c of r.changes) writeOut(`${c}\n`);
    return 0;
  },
};
