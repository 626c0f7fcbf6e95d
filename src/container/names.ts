// Container names and the paths and socket names derived from them. LXC's own names are
// kept (lock files, command socket) so that our tools and LXC's can never both start one
// container: the second bind of the command socket fails.
import { join } from "node:path";
import { LxcError } from "../errors.ts";

export interface ContainerRef {
  name: string;
  lxcpath: string;
}

export function validateName(name: string | undefined, tool: string): string {
  if (name === undefined || name === "") {
    throw new LxcError("USAGE", "No container name specified", {
      hint: `give one with -n NAME (or as the first argument)`,
    });
  }
  if (name.includes("/") || name === "." || name === ".." || /[\0\n]/.test(name)) {
    throw new LxcError("NAME_INVALID", `invalid container name "${name}"`, {
      hint: "a container name may not contain '/', a newline or NUL, and may not be '.' or '..'",
      details: { name },
    });
  }
  if (Buffer.byteLength(name) > 200) {
    throw new LxcError("NAME_INVALID", `container name "${name.slice(0, 20)}..." is too long`, {
      hint: "use a name of at most 200 bytes",
    });
  }
  return name;
}

export function normalizeLxcpath(p: string): string {
  const t = p.replace(/\/+$/, "");
  return t === "" ? "/" : t;
}

export const containerDir = (r: ContainerRef) => join(r.lxcpath, r.name);
export const configPath = (r: ContainerRef) => join(r.lxcpath, r.name, "config");

/** 64-bit FNV-1a, used by LXC to shorten socket names that would not fit sun_path. */
export function fnv1a64(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(s)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

/** Abstract command socket name (without the leading NUL). */
export function commandSocketName(r: ContainerRef): string {
  const full = `${r.lxcpath}/${r.name}/command`;
  if (Buffer.byteLength(full) + 1 <= 107) return full;
  return `lxc/${fnv1a64(`${r.lxcpath}/${r.name}`)}/command`;
}

/** LXC's per-container lock file. */
export function lockPath(r: ContainerRef, uid = process.getuid?.() ?? 0): string {
  const base = uid === 0 ? "/run/lxc/lock" : join(process.env.XDG_RUNTIME_DIR ?? join(process.env.HOME ?? "/tmp", ".cache/lxc/run"), "lxc/lock");
  return join(base, r.lxcpath, `.${r.name}`);
}
