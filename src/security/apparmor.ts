// AppArmor: whether the running kernel enforces it. LXC skips every AppArmor step on a
// kernel without it, and so do we.
import { existsSync, readFileSync } from "node:fs";

export function apparmorEnabled(): boolean {
  if (existsSync("/sys/kernel/security/apparmor")) return true;
  try {
    return readFileSync("/sys/module/apparmor/parameters/enabled", "utf8").trim() === "Y";
  } catch {
    return false;
  }
}
