// --share-net/ipc/uts/pid, which lxc-start and lxc-execute both take.
import { notSupportedYet } from "../errors.ts";
import { flag, type OptionSpec, type ParsedArgs } from "./args.ts";

const KINDS = [["net", "network"], ["ipc", "IPC"], ["uts", "UTS"], ["pid", "PID"]] as const;

export const SHARE_OPTIONS: OptionSpec[] = KINDS.map(([k, what]) => ({
  long: `share-${k}`,
  arg: "required",
  help: `share the ${what} namespace of NAME or PID`,
  metavar: "NAME",
}));

/** Namespace sharing is not built yet: refused by name, never ignored. */
export function refuseShareOptions(args: ParsedArgs): void {
  for (const [k] of KINDS) if (flag(args, `share-${k}`)) throw notSupportedYet(`--share-${k}`, "leave it out, or set up the sharing with real LXC for now");
}
