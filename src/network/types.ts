// One interface for every NIC type (lxc.net.N.type); a new type is one new file plus one
// line in registry.ts.
import type { Sourced } from "../container/plan/config-view.ts";

export interface NicConfig {
  index: number;
  /** subkey -> values, e.g. "link" -> [{value: "lxcbr0", origin}] */
  sub: Map<string, Sourced[]>;
}

export interface HostNic {
  index: number;
  type: string;
  /** host-side interface (veth end), if any */
  hostName?: string;
  /** the name it gets inside the container */
  containerName?: string;
  link?: string;
  /** this start is making hostName (never set for an interface that was there before) */
  made?: boolean;
}

export interface NicType {
  readonly type: string;
  /** false for `none`: the container shares the host's network namespace */
  readonly needsNetns: boolean;
  /** validates the subkeys; throws with the offending key's origin */
  validate(nic: NicConfig): void;
  /** host-side setup before the container exists (e.g. create a veth pair), or just the names */
  createHost(nic: NicConfig, containerName: string): Promise<HostNic>;
  /**
   * `ip` batch commands run on the host once init's pid is known, before the move: a veth
   * pair is made here with its peer born in the container's netns (a move would cost the
   * kernel 20-30 ms)
   */
  hostCommands?(nic: NicConfig, host: HostNic, pid: number): string[];
  /** true when the NIC needs nothing inside but IFF_UP, which the core sets (plan `netup`) */
  upByCore?(nic: NicConfig): boolean;
  /** `ip` batch commands run inside the container's netns after the move */
  containerCommands(nic: NicConfig, host: HostNic): string[];
  /** undoes createHost when a start fails before the container owns the NIC */
  removeHost(host: HostNic): Promise<void>;
}

export function first(nic: NicConfig, key: string): string | undefined {
  return nic.sub.get(key)?.at(-1)?.value;
}

export function all(nic: NicConfig, key: string): string[] {
  return (nic.sub.get(key) ?? []).map((s) => s.value);
}
