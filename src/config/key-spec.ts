// The shape of a key table entry, and the context get-item formatting works from.
import type { Validator } from "./validators.ts";

/** What get-item sees for one key after LXC's override/clear rules are applied. */
export type ScalarState = { state: "unset" } | { state: "cleared" } | { state: "set"; norm: string };

export interface ItemContext {
  key: string;
  /** last assignment of this key */
  scalar(): ScalarState;
  /** normalized values of this key after clears */
  list(): string[];
  /** entries of every key matching `pred` after clears, in order; a clear of a key leaves one
   *  marker with norm "" (so a scalar can tell "cleared" from "never set") */
  members(pred: (key: string) => boolean): { key: string; norm: string }[];
  env: Readonly<Record<string, string | undefined>>;
  /** for lxc.net.N.* keys: the NIC's current type ("empty" when never set, null when cleared) */
  nicType?: string | null;
  /** for lxc.net.N.hwaddr: the value with x placeholders filled in */
  expandHwaddr?: (v: string) => string;
}

export interface KeySpec {
  /** the key as written (for family members: the full key) */
  name: string;
  kind: "scalar" | "list";
  /** whether lxc-ts's start implements this key now */
  supported: boolean;
  /** checks a non-empty value; returns it normalized or throws BadValue */
  validate: Validator;
  /** get-item output when the key was never set (null: get-item calls the key invalid) */
  default: string | null;
  /** get-item output after an explicit clear (`key =`), when it differs from the default */
  cleared?: string;
  /** get-item text of a set scalar, from its normalized value */
  show?: (norm: string) => string;
  /** full get-item override */
  get?: (c: ItemContext) => string | null;
  /** only an empty value (clear) is accepted */
  clearOnly?: boolean;
  /** an empty value is refused (LXC refuses to clear it) */
  noClear?: boolean;
  /** for lxc.net.N.* subkeys: the NIC types the key applies to */
  netTypes?: readonly string[];
  /** short description, shown in hints */
  about: string;
}

/** get-item text of a key from its spec's defaults and state. */
export function standardItem(spec: KeySpec, c: ItemContext): string | null {
  if (spec.get) return spec.get(c);
  if (spec.kind === "list") return c.list().map((v) => `${v}\n`).join("");
  const s = c.scalar();
  if (s.state === "unset") return spec.default;
  if (s.state === "cleared") return spec.cleared ?? spec.default;
  return spec.show ? spec.show(s.norm) : s.norm;
}
