// Effective values from an ordered list of entries, by LXC's rules: a later scalar wins, list
// values accumulate, an empty value clears the key, and `lxc.net =` / `lxc.hook =` /
// `lxc.cgroup =` ... clear a whole family. get-item output is computed from the same fold.
import { type ItemContext, standardItem } from "./key-spec.ts";
import { resolveKey } from "./keys.ts";
import { clearsKey } from "./parser.ts";

export interface FoldEntry {
  key: string;
  norm: string;
}

/** Entries whose key matches `pred`, after clears. An empty value removes earlier values of its
 *  key and stays as a marker (norm ""), so scalars can tell "cleared" from "unset". */
export function members<E extends FoldEntry>(entries: readonly E[], pred: (key: string) => boolean): E[] {
  let out: E[] = [];
  for (const e of entries) {
    if (e.norm === "") out = out.filter((o) => !clearsKey(e.key, o.key));
    if (!pred(e.key)) continue;
    if (e.norm === "") out = out.filter((o) => o.key !== e.key);
    out.push(e);
  }
  return out;
}

export interface ItemOptions {
  env: Readonly<Record<string, string | undefined>>;
  expandHwaddr?: (index: number, template: string) => string;
}

const LENIENT_FAMILIES = ["lxc.cgroup.", "lxc.cgroup2.", "lxc.sysctl.", "lxc.proc.", "lxc.prlimit."];

/** LXC's get_config_item: the text `lxc-info -c KEY` prints, null when the key is invalid. */
export function getItem(entries: readonly FoldEntry[], key: string, opts: ItemOptions): string | null {
  const r = resolveKey(key);
  if (!r.ok) return LENIENT_FAMILIES.some((p) => key.startsWith(p) && key.length > p.length) ? "" : null;
  const k = r.key;
  const ctx: ItemContext = {
    key: k,
    scalar() {
      const last = members(entries, (x) => x === k).at(-1);
      if (!last) return { state: "unset" };
      return last.norm === "" ? { state: "cleared" } : { state: "set", norm: last.norm };
    },
    list: () => members(entries, (x) => x === k).filter((e) => e.norm !== "").map((e) => e.norm),
    members: (pred) => members(entries, pred).map((e) => ({ key: e.key, norm: e.norm })),
    env: opts.env,
  };
  if (r.net) {
    const idx = r.net.index;
    const nic = members(entries, (x) => x.startsWith(`lxc.net.${idx}.`));
    if (!nic.length) return null;
    const t = nic.filter((e) => e.key === `lxc.net.${idx}.type`).at(-1);
    ctx.nicType = t === undefined ? "empty" : t.norm === "" ? null : t.norm;
    if (r.spec.netTypes && (!ctx.nicType || !r.spec.netTypes.includes(ctx.nicType))) return null;
    const exp = opts.expandHwaddr;
    if (exp) ctx.expandHwaddr = (v) => exp(idx, v);
  }
  return standardItem(r.spec, ctx);
}
