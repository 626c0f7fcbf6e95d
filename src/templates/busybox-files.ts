// What the busybox template writes: the directory tree, the small files of /etc, and the
// config lines. Pure data, so it is tested without touching a disk.

/** Directories made (mode 0755; tmp gets 1777), in creation order. */
export const BUSYBOX_TREE = [
  "selinux", "dev", "home", "root", "etc", "etc/init.d", "bin", "usr/bin", "sbin", "usr/sbin",
  "proc", "sys", "mnt", "tmp", "var/log", "var/run", "dev/pts", "lib", "usr/lib", "lib64", "usr/lib64",
];

/** Host library directories bound read-only into the container, when both sides have them. */
export const LIB_DIRS = ["lib", "usr/lib", "lib64", "usr/lib64"];

export const PASSWD = "root:x:0:0:root:/root:/bin/sh\n";
export const GROUP = "root:x:0:root\n";

export const RCS = `#!/bin/sh
# First thing busybox init runs (sysinit in /etc/inittab).
/bin/mount -a
/bin/syslogd
# an address for eth0 when the container has one; -b: keep trying in the background
if [ -e /sys/class/net/eth0 ]; then
	/bin/udhcpc -b -i eth0
fi
`;

/** busybox init syntax: <tty>::<action>:<command>. */
export const INITTAB = `::sysinit:/etc/init.d/rcS
tty1::respawn:/bin/getty -L tty1 115200 vt100
console::askfirst:/bin/sh
`;

/** The script udhcpc runs on lease events: $1 is the event, the lease is in the environment. */
export const UDHCPC_SCRIPT = `#!/bin/sh
# Called by udhcpc as: default.script deconfig|bound|renew|nak|leasefail
case "$1" in
deconfig)
	ip -4 addr flush dev "$interface"
	ip link set dev "$interface" up
	;;
bound|renew)
	[ "$1" = bound ] && ip -4 addr flush dev "$interface"
	if [ -n "$broadcast" ]; then
		ip -4 addr add "$ip/$mask" broadcast "$broadcast" dev "$interface" 2>/dev/null
	else
		ip -4 addr add "$ip/$mask" dev "$interface" 2>/dev/null
	fi
	if [ -n "$router" ]; then
		while ip -4 route del default dev "$interface" 2>/dev/null; do :; done
		for gw in $router; do
			ip -4 route add default via "$gw" dev "$interface" && break
		done
	fi
	if [ -n "$domain$dns" ]; then
		{
			[ -n "$domain" ] && echo "search $domain"
			for ns in $dns; do echo "nameserver $ns"; done
		} > /etc/resolv.conf
	fi
	;;
esac
exit 0
`;

/** Where udhcpc looks for its script when busybox does not say. */
export const UDHCPC_DEFAULT_SCRIPT = "/etc/udhcpc/default.script";

/**
 * The config lines the template adds, in LXC's order. `hostHasDir` tells whether a host
 * directory exists (the rootfs always has the library directories: the template made them).
 */
export function busyboxConfigLines(name: string, hostHasDir: (dir: string) => boolean): string[] {
  const lines = [
    "lxc.signal.halt = SIGUSR1",
    "lxc.signal.reboot = SIGTERM",
    `lxc.uts.name = "${name}"`,
    "lxc.autodev = 1",
    "lxc.tty.max = 5",
    "lxc.pty.max = 1",
    "lxc.cap.drop = sys_module mac_admin mac_override sys_time",
    "",
    "# On an AppArmor host, this line runs the container without confinement:",
    "#lxc.apparmor.profile = unconfined",
    "",
    "lxc.mount.auto = cgroup:mixed proc:mixed sys:ro",
    "lxc.mount.entry = shm dev/shm tmpfs defaults,create=dir 0 0",
    "lxc.mount.entry = mqueue dev/mqueue mqueue defaults,optional,create=dir 0 0",
  ];
  for (const d of LIB_DIRS) if (hostHasDir(`/${d}`)) lines.push(`lxc.mount.entry = /${d} ${d} none ro,bind 0 0`);
  lines.push("lxc.mount.entry = /sys/kernel/security sys/kernel/security none ro,bind,optional 0 0");
  return lines;
}
