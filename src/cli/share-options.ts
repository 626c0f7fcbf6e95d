// --share-net/ipc/uts/pid, which lxc-start and lxc-execute both take: each is
// lxc.namespace.share.NS for this run.
import { value, type OptionSpec, type ParsedArgs } from "./args.ts";

const KINDS = [["net", "network"], ["ipc", "IPC"], ["uts", "UTS"], ["pid", "PID"]] as const;

export const SHARE_OPTIONS: OptionSpec[] = KINDS.map(([k, what]) => ({
  long: `share-${k}`,
  arg: "required",
  help: `share the ${what} namespace of container NAME (or of process PID)`,
  metavar: "NAME",
}));

/** The -s KEY=VALUE definitions the --share-* options stand for. */
export function shareDefines(args: ParsedArgs): string[] {
  return KINDS.flatMap(([k]) => {
    const v = value(args, `share-${k}`);
    return v === undefined ? [] : [`lxc.namespace.share.${k}=${v}`];
  });
}
