// `empty` (a network namespace with only lo) and `none` (the host's network namespace).
import type { HostNic, NicConfig, NicType } from "./types.ts";

export const emptyNic: NicType = {
  type: "empty",
  needsNetns: true,
  validate() {},
  async createHost(nic: NicConfig): Promise<HostNic> {
    return { index: nic.index, type: "empty" };
  },
  containerCommands() {
    return [];
  },
  async removeHost() {},
};

export const noneNic: NicType = {
  type: "none",
  needsNetns: false,
  validate() {},
  async createHost(nic: NicConfig): Promise<HostNic> {
    return { index: nic.index, type: "none" };
  },
  containerCommands() {
    return [];
  },
  async removeHost() {},
};
