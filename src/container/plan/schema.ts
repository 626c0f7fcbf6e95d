// The start plan handed to the C core (core/PLAN.md is the contract; this is its source
// of truth on the TypeScript side). Pure data: built by build.ts, written by serialize.ts.

export const PLAN_VERSION = 1;

export type Step =
  | { kind: "mount"; src: string; target: string; fstype: string; flags: number; data: string; opts: string[]; origin: string }
  | { kind: "mkdir"; path: string; mode: number; origin: string }
  | { kind: "mknod"; path: string; type: "c" | "b"; major: number; minor: number; mode: number; origin: string }
  | { kind: "symlink"; target: string; path: string; origin: string }
  | { kind: "console"; dir: string; origin: string }
  | { kind: "ttys"; dir: string; origin: string };

export interface Cleanup {
  kind: "rmtree" | "rmdir" | "unlink";
  path: string;
}

export interface Plan {
  name: string;
  lxcpath: string;
  socket: string;
  foreground: boolean;
  clone: string[];
  /** existing namespaces joined instead of cloned: /proc/PID/ns/NS of their owner */
  shares: { ns: string; path: string }[];
  cgroups: string[];
  pdeathsig: number;
  /** inherit: init keeps the monitor's stdio (lxc-execute) */
  console: "pty" | "none" | "inherit";
  consoleLog?: string;
  /** lxc.console.size: the log starts over beyond it (0 = no limit), keeping PATH.1 with lxc.console.rotate */
  consoleLogSize: number;
  consoleLogRotate: boolean;
  /** lxc.console.path: the file or terminal the monitor proxies the console to */
  consolePath?: string;
  consoleBuffer: number;
  ttys: number;
  /** removed by the monitor after init has exited, in order (PLAN.md `cleanup`) */
  cleanups: Cleanup[];
  /** the monitor's own log lines: LXC's layout, the tool's name, its level and file */
  log?: { level: number; prog: string; file: string };
  /** the monitor reports state changes to the listeners there (lxc-monitor, lxc-wait) */
  notifyDir?: string;
  /** the core stays the container's PID 1 and runs `exec` as its child (lxc-execute) */
  reaper: boolean;
  teardown: string[];
  /** run by the monitor, detached, when init asks for a reboot (daemon mode) */
  onReboot?: string[];
  rootfs?: { src: string; mountpoint: string; flags: number; data: string };
  steps: Step[];
  hostname?: string;
  /** interfaces the core sets up in the new network namespace (lo) */
  netup: string[];
  sysctls: [string, string][];
  rlimits: [number, number, number][];
  capdrop: number[];
  nonewprivs: boolean;
  env: string[];
  uid: number;
  gid: number;
  groups: number[];
  cwd: string;
  exec: string[];
}

// mount(2) flags
export const MS = {
  RDONLY: 1,
  NOSUID: 2,
  NODEV: 4,
  NOEXEC: 8,
  SYNCHRONOUS: 16,
  REMOUNT: 32,
  MANDLOCK: 64,
  DIRSYNC: 128,
  NOSYMFOLLOW: 256,
  NOATIME: 1024,
  NODIRATIME: 2048,
  BIND: 4096,
  MOVE: 8192,
  REC: 16384,
  SILENT: 32768,
  UNBINDABLE: 1 << 17,
  PRIVATE: 1 << 18,
  SLAVE: 1 << 19,
  SHARED: 1 << 20,
  RELATIME: 1 << 21,
  STRICTATIME: 1 << 24,
  LAZYTIME: 1 << 25,
} as const;
