// The 25 `lxc.net.N.<subkey>` keys. All are parsed and validated; the start code decides which
// NIC types it can build (it currently refuses anything but empty and none).
import type { ItemContext, KeySpec } from "./key-spec.ts";
import * as v from "./validators.ts";

type Opts = Partial<Omit<KeySpec, "name" | "kind" | "validate" | "supported">> & { about: string };

function sub(name: string, kind: "scalar" | "list", validate: v.Validator, o: Opts): KeySpec {
  return { name, kind, validate, supported: true, ...o, default: o.default === undefined ? "" : o.default };
}

const joined = (c: ItemContext) => c.list().join("\n");

const flags: v.Validator = (x) => {
  if (x !== "up") throw new v.BadValue('the only flag is "up"', "remove the line to leave the interface down");
  return x;
};

/** The name LXC reads back: setting type empty names the NIC "lo" (until a later name line). */
function nameItem(c: ItemContext): string {
  const typeKey = c.key.replace(/\.name$/, ".type");
  let name = "";
  for (const e of c.members((k) => k === c.key || k === typeKey)) {
    if (e.key === c.key) name = e.norm;
    else if (e.norm === "empty") name = "lo";
  }
  return name;
}

const buildNetSubkeys = (): KeySpec[] => [
  sub("type", "scalar", v.netType, { default: "empty", cleared: "(null)", about: "interface type: empty, none, veth, vlan, macvlan, ipvlan or phys" }),
  sub("flags", "scalar", flags, { about: "up to bring the interface up" }),
  sub("link", "scalar", v.ifname, { about: "host interface: bridge for veth, parent for vlan/macvlan/ipvlan, device for phys" }),
  sub("l2proxy", "scalar", v.bool01, { default: "0", about: "add proxy ARP/NDP entries on the link" }),
  sub("name", "scalar", v.ifname, { about: "interface name inside the container", get: nameItem }),
  sub("script.up", "scalar", v.anyText, { about: "host-side script run after the NIC is created" }),
  sub("script.down", "scalar", v.anyText, { about: "host-side script run before the NIC is destroyed" }),
  sub("hwaddr", "scalar", v.hwaddr, {
    about: "MAC address (x = random hex digit)",
    get: (c) => {
      const s = c.scalar();
      return s.state === "set" ? (c.expandHwaddr ? c.expandHwaddr(s.norm) : s.norm) : "";
    },
  }),
  sub("mtu", "scalar", v.mtu, { about: "MTU" }),
  sub("vlan.id", "scalar", v.vlanId, { default: "0", netTypes: ["vlan"], about: "VLAN id" }),
  sub("macvlan.mode", "scalar", v.macvlanMode, { default: "private", cleared: "(invalid)", netTypes: ["macvlan"], about: "macvlan mode" }),
  sub("ipvlan.mode", "scalar", v.ipvlanMode, { default: "l2", cleared: "(invalid)", netTypes: ["ipvlan"], about: "ipvlan mode" }),
  sub("ipvlan.isolation", "scalar", v.ipvlanIsolation, { default: "bridge", cleared: "(invalid)", netTypes: ["ipvlan"], about: "ipvlan isolation" }),
  sub("veth.pair", "scalar", v.ifname, { netTypes: ["veth"], about: "name of the host side of the veth pair" }),
  sub("veth.ipv4.route", "list", v.route(4), { netTypes: ["veth"], get: joined, about: "IPv4 route to the container added on the host" }),
  sub("veth.ipv6.route", "list", v.route(6), { netTypes: ["veth"], get: joined, about: "IPv6 route to the container added on the host" }),
  sub("veth.vlan.id", "scalar", v.vethVlanId, { default: "0", netTypes: ["veth"], about: "untagged VLAN id on the bridge port (or none)" }),
  sub("veth.vlan.tagged.id", "list", v.taggedVlanId, { netTypes: ["veth"], get: joined, about: "tagged VLAN id on the bridge port" }),
  sub("veth.mode", "scalar", v.vethMode, { default: "bridge", cleared: "(invalid)", netTypes: ["veth"], about: "bridge or router" }),
  sub("veth.n_rxqueues", "scalar", v.queueCount, { netTypes: ["veth"], about: "number of RX queues" }),
  sub("veth.n_txqueues", "scalar", v.queueCount, { netTypes: ["veth"], about: "number of TX queues" }),
  sub("ipv4.address", "list", v.ipv4Address, { get: (c) => c.list().map((a) => a.split(" ")[0]).join("\n"), about: "IPv4 address ADDR[/PREFIX] [BROADCAST]" }),
  sub("ipv4.gateway", "scalar", v.gateway(4), { about: "IPv4 gateway address, auto or dev" }),
  sub("ipv6.address", "list", v.ipv6Address, { get: joined, about: "IPv6 address ADDR[/PREFIX]" }),
  sub("ipv6.gateway", "scalar", v.gateway(6), { about: "IPv6 gateway address, auto or dev" }),
];

// built on first use, like the top-level table
let table: { list: readonly KeySpec[]; byName: ReadonlyMap<string, KeySpec> } | null = null;

function netTable() {
  if (table) return table;
  const list = buildNetSubkeys();
  table = { list, byName: new Map(list.map((s) => [s.name, s])) };
  return table;
}

/** The 25 subkeys, in LXC's order. */
export function netSubkeys(): readonly KeySpec[] {
  return netTable().list;
}

/** The spec of one subkey ("type", "ipv4.address", ...). */
export function netSubkey(name: string): KeySpec | undefined {
  return netTable().byName.get(name);
}
