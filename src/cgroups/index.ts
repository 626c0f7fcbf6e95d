// Control groups: one manager for the host, whatever it mounts (v1, v2, or both).
import { HostCgroupManager, type ManagerOptions } from "./manager.ts";
import type { CgroupManager } from "./types.ts";

export type {
  CgroupHandle,
  CgroupLayout,
  CgroupManager,
  CgroupSetting,
  CgroupStats,
  CgroupVersion,
  CreateOptions,
  Hierarchy,
  LayoutKind,
} from "./types.ts";
export type { ManagerOptions } from "./manager.ts";
export { detectLayout, dirOf } from "./layout.ts";
export { payloadPath } from "./naming.ts";

/** The cgroup manager for this host (or, with options, for a fixture tree in tests). */
export function cgroupManager(opts: ManagerOptions = {}): CgroupManager {
  return new HostCgroupManager(opts);
}
