import { notSupportedYet } from "../errors.ts";
import { attachContainer } from "../container/attach.ts";
import { parseElevated, parseId, parseNamespaces } from "../container/attach-plan.ts";
import { flag, value, values } from "./args.ts";
import type { ToolDef } from "./common.ts";

export const lxcAttach: ToolDef = {
  tool: "lxc-attach",
  synopsis: "--name=NAME [options] [-- COMMAND]",
  description:
    "Run COMMAND in the running container NAME; without one, the user's login shell there.\n" +
    "The exit status is COMMAND's (128+N when signal N killed it, 127 when it cannot be run).",
  nameFromPositional: true,
  requiresName: true,
  withoutCommon: ["rcfile"],
  options: [
    { long: "elevated-privileges", short: "e", arg: "optional", help: "keep privileges: CGROUP, CAP and/or LSM separated by | (all when alone)", metavar: "PRIVILEGES" },
    { long: "arch", short: "a", arg: "required", help: "use ARCH for the program's personality", metavar: "ARCH" },
    { long: "namespaces", short: "s", arg: "required", help: "join only these namespaces, separated by | (MOUNT, PID, UTSNAME, IPC, USER, NETWORK, CGROUP); implies -e", metavar: "FLAGS" },
    { long: "remount-sys-proc", short: "R", arg: "none", help: "remount /sys and /proc (with -s without MOUNT)" },
    { long: "clear-env", arg: "none", help: "start from an empty environment (container=lxc and a default PATH)" },
    { long: "keep-env", arg: "none", help: "keep the caller's environment (the default)" },
    { long: "set-var", short: "v", arg: "required", repeat: true, help: "set VAR=VALUE in the command's environment", metavar: "VAR=VALUE" },
    { long: "keep-var", arg: "required", repeat: true, help: "keep VAR from the caller's environment with --clear-env", metavar: "VAR" },
    { long: "pty-log", short: "L", arg: "required", help: "log the pty's output to FILE", metavar: "FILE" },
    { long: "rcfile", short: "f", arg: "required", help: "use FILE as the container's configuration", metavar: "FILE" },
    { long: "uid", short: "u", arg: "required", help: "run the command as UID", metavar: "UID" },
    { long: "gid", short: "g", arg: "required", help: "run the command as GID", metavar: "GID" },
    { long: "context", short: "c", arg: "required", help: "SELinux context to run the command in", metavar: "CONTEXT" },
  ],
  async run(ctx) {
    const a = ctx.args;
    if (flag(a, "arch")) throw notSupportedYet("-a/--arch", "leave it out: the command runs with the host's personality");
    if (flag(a, "remount-sys-proc")) throw notSupportedYet("-R/--remount-sys-proc");
    if (flag(a, "pty-log")) throw notSupportedYet("-L/--pty-log", "pipe the output through tee instead");
    if (flag(a, "context")) throw notSupportedYet("-c/--context (SELinux)");
    const ns = value(a, "namespaces");
    // --clear-env and --keep-env: the later one counts, as in LXC
    const order = [...a.opts.keys()];
    const clearEnv = flag(a, "clear-env") && (!flag(a, "keep-env") || order.indexOf("clear-env") > order.indexOf("keep-env"));
    const uid = value(a, "uid");
    const gid = value(a, "gid");
    const command = [...ctx.positionals, ...a.rest];
    return attachContainer(ctx.ref(), {
      rcfile: value(a, "rcfile"),
      namespaces: ns === undefined ? undefined : parseNamespaces(ns),
      elevated: parseElevated(flag(a, "elevated-privileges") ? value(a, "elevated-privileges") ?? "" : undefined),
      clearEnv,
      keepVars: values(a, "keep-var"),
      setVars: values(a, "set-var"),
      uid: uid === undefined ? undefined : parseId(uid, "-u/--uid"),
      gid: gid === undefined ? undefined : parseId(gid, "-g/--gid"),
      command: command.length ? command : undefined,
      quiet: flag(a, "quiet"),
    });
  },
};
