// Networking for one start: host-side NICs before the container exists, then (once init's
// pid is known) moving them into its network namespace and configuring them there in one
// `ip -batch` run. Rolls back what it made if any step fails.
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
      if (n.host.movedName) {
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

/** Moves NICs into init's network namespace and configures them there (the core brings lo up). */
export function moveIntoContainer(setup: NetworkSetup, pid: number): void {
  if (!setup.needsNetns) return;
  const moves = setup.nics.filter((n) => n.host?.movedName);
  if (moves.length) {
    exec(["ip", "-batch", "-"], {
      input: moves.map((n) => `link set dev ${n.host!.movedName} netns ${pid}`).join("\n") + "\n",
      code: "NET_FAILED",
      what: "moving network interfaces into the container",
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

export function hostLinks(setup: NetworkSetup): { index: number; hostName?: string; link?: string }[] {
  return setup.nics.map((n) => ({ index: n.cfg.index, hostName: n.host?.hostName, link: n.host?.link ?? n.cfg.sub.get("link")?.at(-1)?.value }));
}
