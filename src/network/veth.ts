// veth: a pair of linked interfaces; the host end joins the bridge named by `link`, the
// other end moves into the container and is configured there (name, MAC, MTU, addresses,
// gateway, up).
import { existsSync } from "node:fs";
import { LxcError, notSupportedYet } from "../errors.ts";
import { exec } from "../sys/exec.ts";
import { all, first, type HostNic, type NicConfig, type NicType } from "./types.ts";

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// Web Crypto's generator, always there: node:crypto costs every lxc-start about 2 ms to load
const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export function randomIfName(prefix = "veth"): string {
  const b = randomBytes(6);
  return prefix + [...b].map((x) => ALNUM[x % ALNUM.length]).join("");
}

function origin(nic: NicConfig, key: string): string {
  const s = nic.sub.get(key)?.at(-1);
  return s ? s.origin.replace("@", " at ") : `lxc.net.${nic.index}.${key}`;
}

/** Nothing to do inside but (maybe) bring it up: the core can do that without an `ip` run. */
export function onlyUpInside(nic: NicConfig): boolean {
  return !["ipv4.address", "ipv6.address", "ipv4.gateway", "ipv6.gateway"].some((k) => nic.sub.get(k)?.length);
}

const UNSUPPORTED = ["l2proxy", "veth.mode", "veth.ipv4.route", "veth.ipv6.route", "veth.vlan.id", "veth.vlan.tagged.id", "veth.n_rxqueues", "veth.n_txqueues", "script.up", "script.down"];

/** "10.0.3.5/24 10.0.3.255" -> ip's "10.0.3.5/24 broadcast 10.0.3.255" (class prefix when absent). */
export function ipv4Arg(v: string): string {
  const [addr, bcast] = v.trim().split(/\s+/);
  let a = addr!;
  if (!a.includes("/")) {
    const first = Number(a.split(".")[0]);
    a += first < 128 ? "/8" : first < 192 ? "/16" : "/24";
  }
  return `${a} broadcast ${bcast ?? "+"}`;
}

export const vethNic: NicType = {
  type: "veth",
  needsNetns: true,
  validate(nic) {
    for (const k of UNSUPPORTED) if (nic.sub.get(k)?.length) throw notSupportedYet(`${origin(nic, k).split(" at ")[0]} (${origin(nic, k)})`);
    const link = first(nic, "link");
    if (link && !existsSync(`/sys/class/net/${link}`)) {
      throw new LxcError("NET_FAILED", `${origin(nic, "link")}: the bridge ${link} does not exist`, {
        hint: link === "lxcbr0"
          ? "start LXC's bridge service (systemctl start lxc-net), or create the bridge: ip link add lxcbr0 type bridge && ip link set lxcbr0 up"
          : `create the bridge (ip link add ${link} type bridge), or fix lxc.net.${nic.index}.link`,
        details: { key: `lxc.net.${nic.index}.link` },
      });
    }
    if (link && !existsSync(`/sys/class/net/${link}/bridge`)) {
      throw new LxcError("NET_FAILED", `${origin(nic, "link")}: ${link} is not a bridge`, {
        hint: "veth needs a Linux bridge as its link; use type phys or macvlan to use a plain interface",
        details: { key: `lxc.net.${nic.index}.link` },
      });
    }
  },
  // The pair is only named here; it is made once init's pid is known (hostCommands), so
  // nothing exists on the host before the container does.
  async createHost(nic, containerName) {
    void containerName;
    const hostName = first(nic, "veth.pair") ?? randomIfName();
    return { index: nic.index, type: "veth", hostName, link: first(nic, "link") };
  },
  hostCommands(nic, host, pid) {
    const name = host.containerName!;
    const hostName = host.hostName!;
    // someone else's interface: refuse, and never remove it when rolling back
    if (existsSync(`/sys/class/net/${hostName}`)) {
      throw new LxcError("NET_FAILED", `${origin(nic, "veth.pair")}: the host interface ${hostName} already exists`, {
        hint: first(nic, "veth.pair") ? `another container (or the host) uses ${hostName}: give lxc.net.${nic.index}.veth.pair a unique name, or leave it unset` : "retry the start",
        details: { key: `lxc.net.${nic.index}.veth.pair` },
      });
    }
    host.made = true;
    const mtu = first(nic, "mtu");
    const hw = first(nic, "hwaddr");
    const mac = "fe:" + [...randomBytes(5)].map((b) => b.toString(16).padStart(2, "0")).join(":");
    const peer = [`peer name ${name}`, ...(hw ? [`address ${hw}`] : []), ...(mtu ? [`mtu ${mtu}`] : []), `netns ${pid}`];
    const cmds = [`link add dev ${hostName} address ${mac}${mtu ? ` mtu ${mtu}` : ""} type veth ${peer.join(" ")}`];
    if (host.link) cmds.push(`link set dev ${hostName} master ${host.link}`);
    cmds.push(`link set dev ${hostName} up`);
    return cmds;
  },
  upByCore(nic) {
    return first(nic, "flags") === "up" && onlyUpInside(nic);
  },
  containerCommands(nic, host) {
    if (onlyUpInside(nic)) return [];   // the core brings it up (or it stays down)
    const name = host.containerName!;
    const cmds: string[] = [];
    for (const a of all(nic, "ipv4.address")) cmds.push(`addr add ${ipv4Arg(a)} dev ${name}`);
    for (const a of all(nic, "ipv6.address")) cmds.push(`-6 addr add ${a.includes("/") ? a : a + "/64"} dev ${name}`);
    if (first(nic, "flags") === "up") cmds.push(`link set dev ${name} up`);
    const gw4 = first(nic, "ipv4.gateway");
    if (gw4 === "dev") cmds.push(`route add default dev ${name}`);
    else if (gw4 === "auto") {
      const bridgeAddr = host.link ? bridgeAddress(host.link, 4) : undefined;
      if (!bridgeAddr) throw new LxcError("NET_FAILED", `${origin(nic, "ipv4.gateway")}: "auto" needs an IPv4 address on ${host.link ?? "the link"}`, { hint: "give the gateway address explicitly" });
      cmds.push(`route add default via ${bridgeAddr} dev ${name} onlink`);
    } else if (gw4) cmds.push(`route add default via ${gw4} dev ${name} onlink`);
    const gw6 = first(nic, "ipv6.gateway");
    if (gw6 === "dev") cmds.push(`-6 route add default dev ${name}`);
    else if (gw6 === "auto") {
      const a = host.link ? bridgeAddress(host.link, 6) : undefined;
      if (!a) throw new LxcError("NET_FAILED", `${origin(nic, "ipv6.gateway")}: "auto" needs an IPv6 address on ${host.link ?? "the link"}`);
      cmds.push(`-6 route add default via ${a} dev ${name}`);
    } else if (gw6) cmds.push(`-6 route add default via ${gw6} dev ${name}`);
    return cmds;
  },
  async removeHost(host) {
    if (host.made && host.hostName && existsSync(`/sys/class/net/${host.hostName}`)) exec(["ip", "link", "del", "dev", host.hostName], { allowFail: true });
  },
};

function bridgeAddress(link: string, family: 4 | 6): string | undefined {
  const r = exec(["ip", "-j", `-${family}`, "addr", "show", "dev", link], { allowFail: true });
  try {
    const j = JSON.parse(r.stdout) as { addr_info?: { local?: string; scope?: string }[] }[];
    return j[0]?.addr_info?.find((a) => a.scope === "global")?.local;
  } catch {
    return undefined;
  }
}
