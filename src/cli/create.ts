import { spawnSync } from "node:child_process";
import { LxcError } from "../errors.ts";
import { createContainer } from "../container/create.ts";
import { resolveTemplate } from "../templates/index.ts";
import { flag, value } from "./args.ts";
import type { ToolDef } from "./common.ts";
import { writeErr } from "../sys/stdio.ts";

export const lxcCreate: ToolDef = {
  tool: "lxc-create",
  synopsis: "--name=NAME --template=TEMPLATE [options] [-- template-options]",
  description: "Create the container NAME from TEMPLATE (busybox is built in; other names run /usr/share/lxc/templates/lxc-NAME;\n'none' creates only the configuration). Options after -- go to the template.",
  nameFromPositional: false,
  requiresName: true,
  options: [
    { long: "template", short: "t", arg: "required", help: "TEMPLATE to use (busybox, download, none, or a path)", metavar: "T" },
    { long: "config", short: "f", arg: "required", help: "initial configuration FILE instead of lxc.default_config", metavar: "FILE" },
    { long: "bdev", short: "B", arg: "required", help: "backing store type (dir)", metavar: "TYPE" },
    { long: "dir", arg: "required", help: "place the rootfs directory at DIR (dir backend)", metavar: "DIR" },
    { long: "lvname", arg: "required", help: "LVM logical volume name", metavar: "LV" },
    { long: "vgname", arg: "required", help: "LVM volume group", metavar: "VG" },
    { long: "thinpool", arg: "required", help: "LVM thin pool", metavar: "TP" },
    { long: "fstype", arg: "required", help: "filesystem type for block backends", metavar: "TYPE" },
    { long: "fssize", arg: "required", help: "filesystem size for block backends", metavar: "SIZE" },
    { long: "zfsroot", arg: "required", help: "ZFS parent dataset", metavar: "PATH" },
    { long: "rbdname", arg: "required", help: "RBD image name", metavar: "NAME" },
    { long: "rbdpool", arg: "required", help: "RBD pool", metavar: "POOL" },
  ],
  async onHelp(p) {
    const template = value(p, "template");
    if (!template || template === "none") return;
    const t = resolveTemplate(template);
    if (t.kind === "builtin") writeErr("\n" + t.template.usage());
    else spawnSync(t.path, ["-h"], { stdio: "inherit" });
  },
  async run(ctx) {
    const template = value(ctx.args, "template");
    if (!template) {
      throw new LxcError("USAGE", "a template must be given with -t", { hint: "use -t busybox for a small test container, or -t none for a container without a rootfs" });
    }
    const bdev = value(ctx.args, "bdev");
    for (const o of ["lvname", "vgname", "thinpool"]) {
      if (flag(ctx.args, o) && bdev !== "lvm") throw new LxcError("USAGE", `--${o} is only valid with -B lvm`);
    }
    for (const o of ["fstype", "fssize"]) {
      if (flag(ctx.args, o) && !["lvm", "loop", "rbd"].includes(bdev ?? "")) throw new LxcError("USAGE", `--${o} is only valid with block backends (-B lvm, loop or rbd)`);
    }
    if (flag(ctx.args, "zfsroot") && bdev !== "zfs") throw new LxcError("USAGE", "--zfsroot is only valid with -B zfs");
    for (const o of ["rbdname", "rbdpool"]) if (flag(ctx.args, o) && bdev !== "rbd") throw new LxcError("USAGE", `--${o} is only valid with -B rbd`);
    await createContainer(ctx.ref(), {
      template,
      templateArgs: [...ctx.positionals, ...ctx.args.rest],
      configFile: value(ctx.args, "config"),
      bdev,
      dir: value(ctx.args, "dir"),
      quiet: flag(ctx.args, "quiet"),
    });
    return 0;
  },
};
