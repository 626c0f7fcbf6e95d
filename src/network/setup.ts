// Networking for one start: host-side names (and anything a NIC type must make early) before
// the container exists; once init's pid is known, one `ip -batch` on the host makes the
// interfaces with their container ends born in its network namespace, and one more inside
// configures addresses and routes (when there are any). Rolls back what it made on failure.
import { LxcError } from "../errors.ts";
import type { ConfigView } from "../container/plan/config-view.ts";
import { exec } from "../sys/exec.ts";
import { nicType } from "./registry.ts";
import type { HostNic, NicConfig, NicType } from "./types.ts";

export interface NetworkSetup {
  /** false when a NIC of type none shares the host's network namespace */
  needsNetns: boolean;
  nics: { type: NicType; cfg: NicConfig; host?: HostNic }[];
}

export function planNetwork(view: ConfigView): NetworkSetup {
  const nets = [...view.networks().entries()].sort((a, b) => a[0] - b[0]);
  const nics: NetworkSetup["nics"] = [];
  let needsNetns = true;
  for (const [index, sub] of nets) {
    const t = sub.get("type")?.at(-1);
    if (!t) {
      const any = [...sub.values()].flat()[0];
      throw new LxcError("CONFIG_BAD_VALUE", `${any?.origin.replace("@", " at ") ?? `lxc.net.${index}`}: network ${index} has no lxc.net.${index}.type`, { hint: `add lxc.net.${index}.type = veth (or empty)` });
    }
    const type = nicType(t.value, t.origin.replace("@", " at "));
    const cfg = { index, sub };
    type.validate(cfg);
    if (!type.needsNetns) needsNetns = false;
    nics.push({ type, cfg });
  }
  return { needsNetns, nics };
}

export async function createHostNics(setup: NetworkSetup, containerName: string): Promise<void> {
  try {
    const used = new Set(setup.nics.map((n) => n.cfg.sub.get("name")?.at(-1)?.value).filter(Boolean));
    let next = 0;
    for (const n of setup.nics) {
      n.host = await n.type.createHost(n.cfg, containerName);
      if (n.type.hostCommands) {
        let name = n.cfg.sub.get("name")?.at(-1)?.value;
        if (!name) {
          while (used.has(`eth${next}`)) next++;
          name = `eth${next++}`;
        }
        n.host.containerName = name;
      }
    }
  } catch (e) {
    await removeHostNics(setup);
    throw e;
  }
}

export async function removeHostNics(setup: NetworkSetup): Promise<void> {
  for (const n of setup.nics) if (n.host) await n.type.removeHost(n.host).catch(() => {});
}

/** Makes the NICs in init's network namespace and configures them there (the core brings lo, and NICs that need only that, up). */
export function moveIntoContainer(setup: NetworkSetup, pid: number): void {
  if (!setup.needsNetns) return;
  const onHost = setup.nics.flatMap((n) => (n.host && n.type.hostCommands ? n.type.hostCommands(n.cfg, n.host, pid) : []));
  if (onHost.length) {
    exec(["ip", "-batch", "-"], {
      input: onHost.join("\n") + "\n",
      code: "NET_FAILED",
      what: "creating the container's network interfaces",
    });
  }
  const cmds = setup.nics.flatMap((n) => (n.host ? n.type.containerCommands(n.cfg, n.host) : []));
  if (!cmds.length) return;
  exec(["nsenter", `--net=/proc/${pid}/ns/net`, "ip", "-batch", "-"], {
    input: cmds.join("\n") + "\n",
    code: "NET_FAILED",
    what: "configuring the container's network",
  });
}

/** The container-side names the core sets up itself after lo (plan `netup`). */
export function coreNetup(setup: NetworkSetup): string[] {
  return setup.nics.filter((n) => n.host?.containerName && n.type.upByCore?.(n.cfg)).map((n) => n.host!.containerName!);
}

export function hostLinks(setup: NetworkSetup): { index: number; hostName?: string; link?: string }[] {
  return setup.nics.map((n) => ({ index: n.cfg.index, hostName: n.host?.hostName, link: n.host?.link ?? n.cfg.sub.get("link")?.at(-1)?.value }));
}
