// Gathering what lxc-info and lxc-ls show about a container: state and pid from its
// monitor, addresses from its network namespace, usage from its cgroup, settings from
// its config. The cgroup code is imported only when usage is asked for, so that a plain
// state query stays near the runtime's start-up floor.
import { status, type StateName } from "../monitor/client.ts";
import { commandSocketName, type ContainerRef } from "./names.ts";
import { interfaces, ipv4Addresses, ipv6Addresses } from "./netinfo.ts";

export interface Runtime {
  state: StateName;
  pid?: number;
}

export async function runtime(ref: ContainerRef): Promise<Runtime> {
  const st = await status(commandSocketName(ref)).catch(() => null);
  if (!st || st.state === "STOPPED") return { state: "STOPPED" };
  return { state: st.state, pid: st.pid > 0 ? st.pid : undefined };
}

export function addresses(pid: number | undefined): { ipv4: string[]; ipv6: string[]; interfaces: string[] } {
  if (!pid) return { ipv4: [], ipv6: [], interfaces: [] };
  return { ipv4: ipv4Addresses(pid), ipv6: ipv6Addresses(pid), interfaces: interfaces(pid) };
}

export async function usage(pid: number | undefined) {
  if (!pid) return undefined;
  const { cgroupManager } = await import("../cgroups/index.ts");
  const mgr = cgroupManager();
  const h = mgr.findForPid(pid);
  if (!h) return undefined;
  return mgr.stats(h);
}
