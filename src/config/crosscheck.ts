// Checks that span several lines, made on the expanded config in order as LXC makes them while
// loading: cap.keep vs cap.drop, namespace.clone vs namespace.keep, and NIC subkeys that only
// apply to one NIC type.
import { LxcError } from "../errors.ts";
import { resolveKey } from "./keys.ts";

export interface CheckedEntry {
  key: string;
  value: string;
  norm: string;
  file: string;
  line: number;
}

function conflict(e: CheckedEntry, why: string, hint: string): LxcError {
  return new LxcError("CONFIG_BAD_VALUE", `${e.file}:${e.line}: ${e.key} = ${e.value}: ${why}`, {
    hint,
    details: { file: e.file, line: e.line, key: e.key, value: e.value },
  });
}

export function crossCheck(entries: readonly CheckedEntry[]): void {
  let keep: CheckedEntry | undefined;
  let drop: CheckedEntry | undefined;
  let nsClone: CheckedEntry | undefined;
  let nsKeep: CheckedEntry | undefined;
  entries.forEach((e, i) => {
    const set = e.norm !== "";
    switch (e.key) {
      case "lxc.cap.keep":
        if (set && drop) throw conflict(e, `capabilities are already dropped at ${drop.file}:${drop.line}; keeping and dropping are mutually exclusive`, "use either lxc.cap.keep or lxc.cap.drop (or clear the other first with an empty value)");
        keep = set ? e : undefined;
        return;
      case "lxc.cap.drop":
        if (set && keep) throw conflict(e, `capabilities are already kept at ${keep.file}:${keep.line}; keeping and dropping are mutually exclusive`, "use either lxc.cap.keep or lxc.cap.drop (or clear the other first with an empty value)");
        drop = set ? e : undefined;
        return;
      case "lxc.namespace.clone":
        if (set && nsKeep) throw conflict(e, `lxc.namespace.keep is already set at ${nsKeep.file}:${nsKeep.line}; the two are mutually exclusive`, "use either lxc.namespace.clone or lxc.namespace.keep");
        nsClone = set ? e : undefined;
        return;
      case "lxc.namespace.keep":
        if (set && nsClone) throw conflict(e, `lxc.namespace.clone is already set at ${nsClone.file}:${nsClone.line}; the two are mutually exclusive`, "use either lxc.namespace.clone or lxc.namespace.keep");
        nsKeep = set ? e : undefined;
        return;
    }
    if (!set) return;
    const r = resolveKey(e.key);
    if (!r.ok || !r.net || !r.spec.netTypes) return;
    const typeKey = `lxc.net.${r.net.index}.type`;
    const nicType = typeAt(entries, i, typeKey);
    if (nicType !== undefined && !r.spec.netTypes.includes(nicType)) {
      throw conflict(
        e,
        `${e.key} only applies to ${r.spec.netTypes.join("/")} interfaces, but ${typeKey} is ${nicType || "cleared"}`,
        `set ${typeKey} = ${r.spec.netTypes[0]} before it, or remove the line`,
      );
    }
  });
}

/** The NIC's type when entry `i` is read: the last type line before it (since the last
 *  `lxc.net =`), else the first one after it; undefined when the NIC never gets a type. */
function typeAt(entries: readonly CheckedEntry[], i: number, typeKey: string): string | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const e = entries[j]!;
    if (e.key === "lxc.net" && e.norm === "") break;
    if (e.key === typeKey) return e.norm;
  }
  for (let j = i + 1; j < entries.length; j++) {
    const e = entries[j]!;
    if (e.key === "lxc.net" && e.norm === "") break;
    if (e.key === typeKey) return e.norm;
  }
  return undefined;
}
