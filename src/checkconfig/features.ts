// The kernel features lxc-checkconfig reports, section by section, with the CONFIG option
// that provides each, the module it may be built as, and how to recognise it on a running
// kernel when no configuration file is available. Labels are LXC's (people grep for them).

export type Section = "Namespaces" | "Control groups" | "Misc" | "Checkpoint/Restore";

export interface KernelVersion {
  major: number;
  minor: number;
}

export type Probe =
  | { kind: "ns"; name: string } // /proc/self/ns/<name> exists
  | { kind: "controller"; name: string } // a cgroup controller the kernel knows
  | { kind: "path"; path: string } // this /proc or /sys path exists
  | { kind: "xt"; tables: string[]; name: string } // a registered xtables target or match
  | { kind: "filesystem"; name: string } // listed in /proc/filesystems
  | { kind: "anon-fd"; name: string } // this process holds such an anon_inode fd
  | { kind: "none" };

export interface Feature {
  section: Section;
  label: string;
  /** CONFIG option, chosen by kernel version where it was renamed. */
  key: (v: KernelVersion) => string;
  /** Missing is shown as "required" rather than "missing". */
  mandatory?: boolean;
  /** Module names it can be built as (for "loaded" and the module-based probe). */
  modules?: string[];
  /** Evidence on a running kernel; tried before the module lookup. */
  probes?: Probe[];
  /** Only reported for these kernel versions. */
  when?: (v: KernelVersion) => boolean;
  /** With a configuration file: only reported when this option is set. */
  onlyIf?: string;
}

const k = (key: string) => () => key;
const before = (v: KernelVersion, major: number, minor: number) => v.major < major || (v.major === major && v.minor < minor);
const ns = (name: string): Probe[] => [{ kind: "ns", name }];
const ctl = (name: string): Probe[] => [{ kind: "controller", name }];

export const FEATURES: Feature[] = [
  { section: "Namespaces", label: "Namespaces", key: k("CONFIG_NAMESPACES"), mandatory: true, probes: [{ kind: "path", path: "/proc/self/ns/uts" }, { kind: "path", path: "/proc/self/ns/pid" }] },
  { section: "Namespaces", label: "Utsname namespace", key: k("CONFIG_UTS_NS"), probes: ns("uts") },
  { section: "Namespaces", label: "Ipc namespace", key: k("CONFIG_IPC_NS"), mandatory: true, probes: ns("ipc") },
  { section: "Namespaces", label: "Pid namespace", key: k("CONFIG_PID_NS"), mandatory: true, probes: ns("pid") },
  { section: "Namespaces", label: "User namespace", key: k("CONFIG_USER_NS"), probes: ns("user") },
  { section: "Namespaces", label: "Network namespace", key: k("CONFIG_NET_NS"), probes: ns("net") },
  {
    section: "Namespaces", label: "Multiple /dev/pts instances", key: k("CONFIG_DEVPTS_MULTIPLE_INSTANCES"),
    when: (v) => before(v, 4, 7), probes: [{ kind: "none" }],
  },

  { section: "Control groups", label: "Cgroups", key: k("CONFIG_CGROUPS"), probes: [{ kind: "path", path: "/proc/self/cgroup" }] },
  // "Cgroup namespace", the mount points and the v1 checks are host facts, see report.ts.
  { section: "Control groups", label: "Cgroup device", key: k("CONFIG_CGROUP_DEVICE"), probes: ctl("devices") },
  { section: "Control groups", label: "Cgroup sched", key: k("CONFIG_CGROUP_SCHED"), probes: ctl("cpu") },
  { section: "Control groups", label: "Cgroup cpu account", key: k("CONFIG_CGROUP_CPUACCT"), probes: ctl("cpuacct") },
  {
    section: "Control groups", label: "Cgroup memory controller",
    key: (v) => (before(v, 3, 6) ? "CONFIG_CGROUP_MEM_RES_CTLR" : "CONFIG_MEMCG"), probes: ctl("memory"),
  },
  { section: "Control groups", label: "Cgroup cpuset", key: k("CONFIG_CPUSETS"), onlyIf: "CONFIG_SMP", probes: ctl("cpuset") },

  { section: "Misc", label: "Veth pair device", key: k("CONFIG_VETH"), modules: ["veth"] },
  { section: "Misc", label: "Macvlan", key: k("CONFIG_MACVLAN"), modules: ["macvlan"] },
  { section: "Misc", label: "Vlan", key: k("CONFIG_VLAN_8021Q"), modules: ["8021q"], probes: [{ kind: "path", path: "/proc/net/vlan" }] },
  { section: "Misc", label: "Bridges", key: k("CONFIG_BRIDGE"), modules: ["bridge"] },
  {
    section: "Misc", label: "Advanced netfilter", key: k("CONFIG_NETFILTER_ADVANCED"),
    // the CHECKSUM target can only be built with advanced netfilter
    probes: [{ kind: "xt", tables: ["ip_tables_targets", "ip6_tables_targets"], name: "CHECKSUM" }],
  },
  {
    section: "Misc", label: "CONFIG_NF_NAT_IPV4", key: k("CONFIG_NF_NAT_IPV4"), modules: ["nf_nat_ipv4"],
    when: (v) => v.major === 4 && v.minor >= 7,
  },
  {
    section: "Misc", label: "CONFIG_NF_NAT_IPV6", key: k("CONFIG_NF_NAT_IPV6"), modules: ["nf_nat_ipv6"],
    when: (v) => v.major === 4 && v.minor >= 7,
  },
  {
    section: "Misc", label: "CONFIG_IP_NF_TARGET_MASQUERADE", key: k("CONFIG_IP_NF_TARGET_MASQUERADE"),
    modules: ["ipt_MASQUERADE", "nf_nat_masquerade_ipv4"],
    probes: [{ kind: "xt", tables: ["ip_tables_targets"], name: "MASQUERADE" }],
  },
  {
    section: "Misc", label: "CONFIG_IP6_NF_TARGET_MASQUERADE", key: k("CONFIG_IP6_NF_TARGET_MASQUERADE"),
    modules: ["ip6t_MASQUERADE", "nf_nat_masquerade_ipv6"],
    probes: [{ kind: "xt", tables: ["ip6_tables_targets"], name: "MASQUERADE" }],
  },
  {
    section: "Misc", label: "CONFIG_NETFILTER_XT_TARGET_CHECKSUM", key: k("CONFIG_NETFILTER_XT_TARGET_CHECKSUM"),
    modules: ["xt_CHECKSUM"], probes: [{ kind: "xt", tables: ["ip_tables_targets", "ip6_tables_targets"], name: "CHECKSUM" }],
  },
  {
    section: "Misc", label: "CONFIG_NETFILTER_XT_MATCH_COMMENT", key: k("CONFIG_NETFILTER_XT_MATCH_COMMENT"),
    modules: ["xt_comment"], probes: [{ kind: "xt", tables: ["ip_tables_matches", "ip6_tables_matches"], name: "comment" }],
  },
  {
    section: "Misc", label: "FUSE (for use with lxcfs)", key: k("CONFIG_FUSE_FS"), modules: ["fuse"],
    probes: [{ kind: "filesystem", name: "fuse" }, { kind: "path", path: "/dev/fuse" }],
  },

  {
    section: "Checkpoint/Restore", label: "checkpoint restore", key: k("CONFIG_CHECKPOINT_RESTORE"),
    // this sysctl only exists with checkpoint/restore support
    probes: [{ kind: "path", path: "/proc/sys/kernel/ns_last_pid" }],
  },
  { section: "Checkpoint/Restore", label: "CONFIG_FHANDLE", key: k("CONFIG_FHANDLE"), probes: [{ kind: "none" }] },
  { section: "Checkpoint/Restore", label: "CONFIG_EVENTFD", key: k("CONFIG_EVENTFD"), probes: [{ kind: "anon-fd", name: "[eventfd]" }] },
  { section: "Checkpoint/Restore", label: "CONFIG_EPOLL", key: k("CONFIG_EPOLL"), probes: [{ kind: "anon-fd", name: "[eventpoll]" }] },
  { section: "Checkpoint/Restore", label: "CONFIG_UNIX_DIAG", key: k("CONFIG_UNIX_DIAG"), modules: ["unix_diag"] },
  { section: "Checkpoint/Restore", label: "CONFIG_INET_DIAG", key: k("CONFIG_INET_DIAG"), modules: ["inet_diag"] },
  { section: "Checkpoint/Restore", label: "CONFIG_PACKET_DIAG", key: k("CONFIG_PACKET_DIAG"), modules: ["packet_diag"] },
  { section: "Checkpoint/Restore", label: "CONFIG_NETLINK_DIAG", key: k("CONFIG_NETLINK_DIAG"), modules: ["netlink_diag"] },
  // "File capabilities" closes the section, see report.ts.
];
