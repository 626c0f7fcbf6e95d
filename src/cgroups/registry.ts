// cgroup version → driver. A hybrid host uses both, one per hierarchy.
import type { CgroupDriver } from "./driver.ts";
import type { CgroupVersion } from "./types.ts";
import { v1Driver } from "./v1.ts";
import { v2Driver } from "./v2.ts";

const DRIVERS: Record<CgroupVersion, CgroupDriver> = {
  v1: v1Driver,
  v2: v2Driver,
};

export function driverFor(version: CgroupVersion): CgroupDriver {
  return DRIVERS[version];
}
