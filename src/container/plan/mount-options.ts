// fstab-style mount options -> mount(2) flags, fs data, and LXC's own extras.
import { MS } from "./schema.ts";

export interface ParsedMountOptions {
  flags: number;
  /** flags to apply by a later remount of a bind mount (ro, nosuid, ...) */
  data: string;
  optional: boolean;
  create: "dir" | "file" | null;
  relative: boolean;
  propagation: number;
  bind: boolean;
  unknownLxc: string[];
}

const SET: Record<string, number> = {
  ro: MS.RDONLY, nosuid: MS.NOSUID, nodev: MS.NODEV, noexec: MS.NOEXEC, sync: MS.SYNCHRONOUS,
  remount: MS.REMOUNT, mand: MS.MANDLOCK, dirsync: MS.DIRSYNC, nosymfollow: MS.NOSYMFOLLOW,
  noatime: MS.NOATIME, nodiratime: MS.NODIRATIME, bind: MS.BIND, rbind: MS.BIND | MS.REC,
  silent: MS.SILENT, relatime: MS.RELATIME, strictatime: MS.STRICTATIME, lazytime: MS.LAZYTIME,
};
const CLEAR: Record<string, number> = {
  rw: MS.RDONLY, suid: MS.NOSUID, dev: MS.NODEV, exec: MS.NOEXEC, async: MS.SYNCHRONOUS,
  nomand: MS.MANDLOCK, atime: MS.NOATIME, diratime: MS.NODIRATIME, loud: MS.SILENT,
  norelatime: MS.RELATIME, nostrictatime: MS.STRICTATIME, nolazytime: MS.LAZYTIME,
};
const PROPAGATION: Record<string, number> = {
  shared: MS.SHARED, rshared: MS.SHARED | MS.REC, slave: MS.SLAVE, rslave: MS.SLAVE | MS.REC,
  private: MS.PRIVATE, rprivate: MS.PRIVATE | MS.REC, unbindable: MS.UNBINDABLE, runbindable: MS.UNBINDABLE | MS.REC,
};
// accepted by fstab but meaningless to mount(2)
const IGNORED = new Set(["defaults", "auto", "noauto", "user", "nouser", "users", "nofail", "_netdev"]);

export function parseMountOptions(s: string): ParsedMountOptions {
  const r: ParsedMountOptions = { flags: 0, data: "", optional: false, create: null, relative: false, propagation: 0, bind: false, unknownLxc: [] };
  const data: string[] = [];
  for (const raw of s.split(",")) {
    const o = raw.trim();
    if (!o) continue;
    if (o in SET) r.flags |= SET[o]!;
    else if (o in CLEAR) r.flags &= ~CLEAR[o]!;
    else if (o in PROPAGATION) r.propagation |= PROPAGATION[o]!;
    else if (o === "optional") r.optional = true;
    else if (o === "create=dir") r.create = "dir";
    else if (o === "create=file") r.create = "file";
    else if (o === "relative") r.relative = true;
    else if (o.startsWith("idmap=")) r.unknownLxc.push(o);
    else if (IGNORED.has(o) || o.startsWith("x-")) continue;
    else data.push(o);
  }
  r.bind = (r.flags & MS.BIND) !== 0;
  r.data = data.join(",");
  return r;
}
