// Name tables the config values are checked against: capabilities, signals (x86_64 Linux),
// personalities, log levels, namespaces, resource limits and the like.

/** Linux capabilities by number, as config files spell them (lowercase, no `cap_`). */
export const CAPABILITY_NAMES: readonly string[] = [
  "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap",
  "linux_immutable", "net_bind_service", "net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
  "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
  "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write", "audit_control", "setfcap",
  "mac_override", "mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
  "checkpoint_restore",
];

/** CAP_CHOWN = 0 … CAP_CHECKPOINT_RESTORE = 40. */
export const CAPABILITIES: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(CAPABILITY_NAMES.map((n, i) => [`CAP_${n.toUpperCase()}`, i])),
);

export const LAST_CAPABILITY = CAPABILITY_NAMES.length - 1;

/** A cap.drop / cap.keep token (`sys_admin` or a number) -> capability number. */
export function capabilityNumber(token: string): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n <= LAST_CAPABILITY ? n : undefined;
  }
  const i = CAPABILITY_NAMES.indexOf(token);
  return i >= 0 ? i : undefined;
}

/** Signal numbers on x86_64 Linux (aliases included). */
export const SIGNALS: Readonly<Record<string, number>> = Object.freeze({
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGSTKFLT: 16,
  SIGCHLD: 17, SIGCLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23,
  SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30,
  SIGSYS: 31,
});
export const SIGRTMIN = 34;
export const SIGRTMAX = 64;

/**
 * A signal as the config writes it -> number. Names need the `SIG` prefix (any case);
 * real-time signals are `SIGRTMIN+n` / `SIGRTMAX-n`; plain numbers 0-64 (0 = "use the default").
 */
export function signalNumber(value: string): number | undefined {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n <= SIGRTMAX ? n : undefined;
  }
  const u = value.toUpperCase();
  const named = SIGNALS[u];
  if (named !== undefined) return named;
  const rt = /^SIGRT(MIN\+|MAX-)(\d+)$/.exec(u);
  if (!rt) return undefined;
  const n = rt[1] === "MIN+" ? SIGRTMIN + Number(rt[2]) : SIGRTMAX - Number(rt[2]);
  return n >= SIGRTMIN && n <= SIGRTMAX ? n : undefined;
}

/** lxc.arch values -> personality width (32-bit names read back as i686, 64-bit as x86_64). */
export const ARCHES: Readonly<Record<string, 32 | 64>> = Object.freeze({
  arm: 32, armel: 32, armhf: 32, armv7l: 32, athlon: 32, i386: 32, i486: 32, i586: 32, i686: 32,
  linux32: 32, mips: 32, mipsel: 32, ppc: 32, powerpc: 32, x86: 32,
  aarch64: 64, amd64: 64, arm64: 64, linux64: 64, mips64: 64, mips64el: 64, ppc64: 64, ppc64el: 64,
  ppc64le: 64, powerpc64: 64, riscv64: 64, s390x: 64, x86_64: 64,
});

/** lxc.log.level names, index = numeric level. */
export const LOG_LEVELS: readonly string[] = ["TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "CRIT", "ALERT", "FATAL"];

/** Namespaces in LXC's internal order (the order get-item lists them in). */
export const NAMESPACES: readonly string[] = ["user", "mnt", "pid", "uts", "ipc", "net", "cgroup", "time"];

export const PRLIMIT_RESOURCES: readonly string[] = [
  "as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss",
  "rtprio", "rttime", "sigpending", "stack",
];

export const NET_TYPES: readonly string[] = ["empty", "none", "veth", "vlan", "macvlan", "ipvlan", "phys"];

export const SYSLOG_FACILITIES: readonly string[] = [
  "daemon", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
];

export const HOOK_TYPES: readonly string[] = [
  "pre-start", "pre-mount", "mount", "autodev", "start-host", "start", "stop", "post-stop", "clone", "destroy",
];

/** Storage backends a `lxc.rootfs.path` may name as `type:`. */
export const ROOTFS_BACKENDS: readonly string[] = ["dir", "overlay", "overlayfs", "btrfs", "lvm", "zfs", "loop", "rbd", "nbd"];

export const MACVLAN_MODES: readonly string[] = ["private", "vepa", "bridge", "passthru"];
export const IPVLAN_MODES: readonly string[] = ["l3", "l3s", "l2"];
export const IPVLAN_ISOLATIONS: readonly string[] = ["bridge", "private", "vepa"];
export const VETH_MODES: readonly string[] = ["bridge", "router"];
