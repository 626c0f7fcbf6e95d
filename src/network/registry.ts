// NIC type registry. Types LXC knows but we do not run yet fail clearly.
import { LxcError, notSupportedYet } from "../errors.ts";
import { emptyNic, noneNic } from "./simple.ts";
import type { NicType } from "./types.ts";
import { vethNic } from "./veth.ts";

const TYPES: NicType[] = [emptyNic, noneNic, vethNic];
const LATER = ["macvlan", "ipvlan", "vlan", "phys"];

export function nicType(type: string, origin: string): NicType {
  const t = TYPES.find((x) => x.type === type);
  if (t) return t;
  if (LATER.includes(type)) throw notSupportedYet(`network type ${type} (${origin})`, "use veth or empty for now");
  throw new LxcError("CONFIG_BAD_VALUE", `${origin}: unknown network type "${type}"`, { hint: `use one of: ${[...TYPES.map((x) => x.type), ...LATER].join(", ")}` });
}
