// The NICs of a config (`lxc.net.N.*`), one object per index with every subkey's effective value.
import { members } from "./effective.ts";

export interface NetEntry {
  key: string;
  value: string;
  norm: string;
  file: string;
  line: number;
}

export interface IPv4Config {
  address: string;
  prefix: number;
  /** the prefix was written; otherwise it is what LXC 5.0.2 derives (see inet.ts) */
  prefixGiven: boolean;
  broadcast?: string;
}

export interface IPv6Config {
  address: string;
  prefix: number;
}

export interface NetworkConfig {
  index: number;
  /** effective type; "empty" when no type line was written */
  type: string;
  typeSet: boolean;
  /** "up" or "" */
  flags: string;
  up: boolean;
  link?: string;
  name?: string;
  /** with x placeholders filled in */
  hwaddr?: string;
  hwaddrTemplate?: string;
  mtu?: number;
  /** ADDRESS/PREFIX */
  ipv4: string[];
  ipv6: string[];
  ipv4Addresses: IPv4Config[];
  ipv6Addresses: IPv6Config[];
  ipv4Gateway?: string;
  ipv6Gateway?: string;
  l2proxy: boolean;
  scriptUp?: string;
  scriptDown?: string;
  vethPair?: string;
  vethMode?: string;
  vethIpv4Routes: string[];
  vethIpv6Routes: string[];
  /** -1 = none */
  vethVlanId?: number;
  vethVlanTaggedIds: number[];
  vethRxQueues?: number;
  vethTxQueues?: number;
  vlanId?: number;
  macvlanMode?: string;
  ipvlanMode?: string;
  ipvlanIsolation?: string;
  /** where the NIC is first configured */
  origin: { file: string; line: number };
  /** its effective entries, in order */
  entries: NetEntry[];
}

export function buildNetworks(entries: readonly NetEntry[], expandHwaddr: (index: number, template: string) => string): NetworkConfig[] {
  const all = members(entries, (k) => /^lxc\.net\.\d+\./.test(k));
  const byIndex = new Map<number, NetEntry[]>();
  for (const e of all) {
    const idx = Number(/^lxc\.net\.(\d+)\./.exec(e.key)![1]);
    const list = byIndex.get(idx) ?? [];
    list.push(e);
    byIndex.set(idx, list);
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((index) => {
    const es = byIndex.get(index)!;
    const p = `lxc.net.${index}.`;
    const vals = (sub: string) => es.filter((e) => e.key === p + sub && e.norm !== "").map((e) => e.norm);
    const one = (sub: string): string | undefined => {
      const last = es.filter((e) => e.key === p + sub).at(-1);
      return last && last.norm !== "" ? last.norm : undefined;
    };
    const num = (sub: string) => (one(sub) === undefined ? undefined : Number(one(sub)));
    const type = one("type");
    const hw = one("hwaddr");
    const v4 = vals("ipv4.address").map((norm, i) => {
      const [cidr, broadcast] = norm.split(" ");
      const [address, prefix] = cidr!.split("/");
      const written = es.filter((e) => e.key === `${p}ipv4.address` && e.norm !== "")[i]?.value ?? "";
      return { address: address!, prefix: Number(prefix), prefixGiven: written.split(/\s+/)[0]!.includes("/"), broadcast };
    });
    const v6 = vals("ipv6.address").map((norm) => {
      const [address, prefix] = norm.split("/");
      return { address: address!, prefix: Number(prefix) };
    });
    return {
      index,
      type: type ?? "empty",
      typeSet: type !== undefined,
      flags: one("flags") ?? "",
      up: one("flags") === "up",
      link: one("link"),
      name: one("name"),
      hwaddr: hw === undefined ? undefined : expandHwaddr(index, hw),
      hwaddrTemplate: hw,
      mtu: num("mtu"),
      ipv4: v4.map((a) => `${a.address}/${a.prefix}`),
      ipv6: v6.map((a) => `${a.address}/${a.prefix}`),
      ipv4Addresses: v4,
      ipv6Addresses: v6,
      ipv4Gateway: one("ipv4.gateway"),
      ipv6Gateway: one("ipv6.gateway"),
      l2proxy: one("l2proxy") === "1",
      scriptUp: one("script.up"),
      scriptDown: one("script.down"),
      vethPair: one("veth.pair"),
      vethMode: one("veth.mode"),
      vethIpv4Routes: vals("veth.ipv4.route"),
      vethIpv6Routes: vals("veth.ipv6.route"),
      vethVlanId: num("veth.vlan.id"),
      vethVlanTaggedIds: vals("veth.vlan.tagged.id").map(Number),
      vethRxQueues: num("veth.n_rxqueues"),
      vethTxQueues: num("veth.n_txqueues"),
      vlanId: num("vlan.id"),
      macvlanMode: one("macvlan.mode"),
      ipvlanMode: one("ipvlan.mode"),
      ipvlanIsolation: one("ipvlan.isolation"),
      origin: { file: es[0]!.file, line: es[0]!.line },
      entries: es,
    };
  });
}
