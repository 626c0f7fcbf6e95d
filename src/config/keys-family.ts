// Prefix families: lxc.cgroup.*, lxc.cgroup2.*, lxc.prlimit.*, lxc.sysctl.*, lxc.proc.*,
// lxc.namespace.share.*. Each builds the spec of a member key from the part after the prefix.
import type { KeySpec } from "./key-spec.ts";
import { NAMESPACES, PRLIMIT_RESOURCES } from "./names.ts";

/** the namespaces lxc-ts can join at start (lxc.namespace.share.*) */
export const SHAREABLE = ["net", "ipc", "uts", "pid"];
import * as v from "./validators.ts";

export interface FamilySpec {
  prefix: string;
  /** what the part after the prefix looks like, for messages */
  shape: string;
  /** spec of `prefix + rest`, or a reason the member name is wrong */
  member(rest: string): KeySpec | string;
}

const CGROUP_FILE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+$/;

function cgroupFamily(prefix: string, version: string): FamilySpec {
  return {
    prefix,
    shape: "CONTROLLER.FILE (e.g. memory.max)",
    member(rest) {
      if (!CGROUP_FILE.test(rest)) return `"${rest}" is not a cgroup ${version} file name of the form CONTROLLER.FILE`;
      const devices = rest === "devices.allow" || rest === "devices.deny";
      return {
        name: prefix + rest, kind: "list", supported: true, default: "",
        validate: devices ? v.deviceRule : v.anyText,
        about: `value written to the cgroup ${version} file ${rest}`,
      };
    },
  };
}

export const FAMILIES: readonly FamilySpec[] = [
  cgroupFamily("lxc.cgroup2.", "v2"),
  cgroupFamily("lxc.cgroup.", "v1"),
  {
    prefix: "lxc.prlimit.",
    shape: `a resource name (${PRLIMIT_RESOURCES.join(" ")})`,
    member(rest) {
      if (!PRLIMIT_RESOURCES.includes(rest)) return `unknown resource "${rest}": expected one of ${PRLIMIT_RESOURCES.join(" ")}`;
      return { name: `lxc.prlimit.${rest}`, kind: "scalar", supported: true, default: "", validate: v.prlimitValue, about: `limit of ${rest}: SOFT[:HARD]` };
    },
  },
  {
    prefix: "lxc.sysctl.",
    shape: "a sysctl name (e.g. net.ipv4.ip_forward)",
    member(rest) {
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/.test(rest)) return `"${rest}" is not a sysctl name`;
      return { name: `lxc.sysctl.${rest}`, kind: "scalar", supported: true, default: "", validate: v.anyText, about: `value of /proc/sys/${rest.replace(/\./g, "/")}` };
    },
  },
  {
    prefix: "lxc.proc.",
    shape: "a /proc/PID file name (e.g. oom_score_adj)",
    member(rest) {
      if (!/^[A-Za-z0-9_][A-Za-z0-9_\-/]*$/.test(rest)) return `"${rest}" is not a /proc/PID file name`;
      return {
        name: `lxc.proc.${rest}`, kind: "list", supported: false, default: "", validate: v.anyText,
        about: `value written to /proc/PID/${rest}`,
        get: (c) => c.list().join(""),
      };
    },
  },
  {
    prefix: "lxc.namespace.share.",
    shape: `a namespace (${NAMESPACES.join(" ")})`,
    member(rest) {
      if (!NAMESPACES.includes(rest)) return `unknown namespace "${rest}": expected one of ${NAMESPACES.join(" ")}`;
      return {
        name: `lxc.namespace.share.${rest}`, kind: "scalar", supported: SHAREABLE.includes(rest), default: "(null)", cleared: "(null)",
        validate: v.shareTarget, about: `inherit the ${rest} namespace from a container or pid`,
      };
    },
  },
];
