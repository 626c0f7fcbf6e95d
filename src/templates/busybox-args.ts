// Options of the busybox template: LXC's (getopt-style, long names may be shortened while
// unique, the last one given wins), and its help text.
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import type { TemplateContext } from "./types.ts";

export interface BusyboxOptions {
  help: boolean;
  name: string;
  /** the container directory (--path) */
  path: string;
  rootfs: string;
  /** -1 or absent = not mapped */
  mappedUid?: number;
  mappedGid?: number;
  busyboxPath?: string;
  /** arguments that are not options (ignored, as LXC's template does) */
  extra: string[];
}

interface Spec {
  long: string;
  short?: string;
  value: boolean;
}

const SPECS: Spec[] = [
  { long: "help", short: "h", value: false },
  { long: "name", short: "n", value: true },
  { long: "path", short: "p", value: true },
  { long: "rootfs", value: true },
  { long: "mapped-uid", value: true },
  { long: "mapped-gid", value: true },
  { long: "busybox-path", value: true },
];

export function busyboxUsage(defaultBusybox: string | null): string {
  return `busybox template: a minimal container made of one busybox binary

Usage: lxc-create -t busybox -n NAME [-- OPTIONS]

Options:
  -h, --help              show this help
  --busybox-path FILE     the busybox binary to copy into the container
                          (default: ${defaultBusybox ?? "the first busybox on PATH"});
                          a statically linked one works best

Set by lxc-create:
  -n, --name NAME         container name
  -p, --path DIR          container directory
  --rootfs DIR            root filesystem to fill (default: DIR/rootfs)
  --mapped-uid UID        container uid of the caller (user namespaces)
  --mapped-gid GID        container gid of the caller (user namespaces)
`;
}

function usageError(msg: string): LxcError {
  return new LxcError("TEMPLATE_FAILED", `busybox template: ${msg}`, { hint: "see lxc-create -t busybox -h for the template's options" });
}

function findLong(name: string): Spec {
  const exact = SPECS.find((s) => s.long === name);
  if (exact) return exact;
  const pre = SPECS.filter((s) => s.long.startsWith(name));
  if (pre.length === 1) return pre[0]!;
  throw usageError(pre.length ? `option --${name} is ambiguous` : `unknown option --${name}`);
}

function mappedId(opt: string, v: string): number {
  if (!/^-?\d+$/.test(v)) throw usageError(`--${opt} needs a number, not "${v}"`);
  return Number(v);
}

/** Parses the template's arguments; the context supplies what lxc-create would pass. */
export function parseBusyboxArgs(args: string[], ctx?: Partial<TemplateContext>): BusyboxOptions {
  const vals = new Map<string, string>();
  let help = false;
  const extra: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      extra.push(...args.slice(i + 1));
      break;
    }
    let spec: Spec | undefined;
    let inline: string | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      spec = findLong(eq < 0 ? a.slice(2) : a.slice(2, eq));
      if (eq >= 0) inline = a.slice(eq + 1);
    } else if (a.startsWith("-") && a.length > 1) {
      spec = SPECS.find((s) => s.short === a[1]);
      if (!spec) throw usageError(`unknown option -${a[1]}`);
      if (a.length > 2) inline = a.slice(2);
    } else {
      extra.push(a);
      continue;
    }
    if (!spec.value) {
      if (inline !== undefined) throw usageError(`option --${spec.long} takes no value`);
      help = true;
      continue;
    }
    let v = inline;
    if (v === undefined) {
      if (i + 1 >= args.length) throw usageError(`option --${spec.long} needs a value`);
      v = args[++i]!;
    }
    vals.set(spec.long, v);
  }
  const name = vals.get("name") ?? ctx?.name ?? "";
  const path = vals.get("path") ?? ctx?.containerDir ?? "";
  const uid = vals.get("mapped-uid");
  const gid = vals.get("mapped-gid");
  return {
    help,
    name,
    path,
    rootfs: vals.get("rootfs") ?? (ctx?.rootfs || (path ? join(path, "rootfs") : "")),
    mappedUid: uid !== undefined ? mappedId("mapped-uid", uid) : ctx?.mappedUid,
    mappedGid: gid !== undefined ? mappedId("mapped-gid", gid) : ctx?.mappedGid,
    busyboxPath: vals.get("busybox-path"),
    extra,
  };
}
