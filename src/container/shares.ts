// lxc.namespace.share.*: the namespaces a container joins instead of creating its own,
// named by a pid, a container of the same lxcpath, or LXCPATH/NAME of another lxcpath.
import { existsSync } from "node:fs";
import { basename, dirname } from "node:path";
import { SHAREABLE } from "../config/keys-family.ts";
import { LxcError } from "../errors.ts";
import { status } from "../monitor/client.ts";
import type { ConfigView } from "./plan/config-view.ts";
import { commandSocketName } from "./names.ts";

export interface SharedNamespace {
  ns: string;
  /** /proc/PID/ns/NS of the owner, opened by the core before it clones */
  path: string;
}

async function ownerPid(value: string, lxcpath: string, at: string, ns: string): Promise<number> {
  if (/^\d+$/.test(value)) return Number(value);
  const ref = value.startsWith("/") ? { lxcpath: dirname(value), name: basename(value) } : { lxcpath, name: value };
  const st = await status(commandSocketName(ref));
  if (!st || st.pid <= 0) {
    throw new LxcError("STATE_NOT_RUNNING", `${at}: cannot share the ${ns} namespace of container ${ref.name} (lxcpath ${ref.lxcpath}): it is not running`, {
      hint: `start ${ref.name} first, or give a pid`,
      details: { key: `lxc.namespace.share.${ns}` },
    });
  }
  return st.pid;
}

export async function resolveShares(view: ConfigView, lxcpath: string): Promise<SharedNamespace[]> {
  const out: SharedNamespace[] = [];
  for (const ns of SHAREABLE) {
    const s = view.scalar(`lxc.namespace.share.${ns}`);
    if (!s) continue;
    const at = s.origin.replace("@", " at ");
    const pid = await ownerPid(s.value, lxcpath, at, ns);
    const path = `/proc/${pid}/ns/${ns}`;
    if (!existsSync(path)) {
      throw new LxcError("CONFIG_BAD_VALUE", `${at}: cannot share the ${ns} namespace of pid ${pid}: no such process`, {
        hint: "give the pid of a running process, or a running container's name",
        details: { key: `lxc.namespace.share.${ns}` },
      });
    }
    out.push({ ns, path });
  }
  return out;
}
