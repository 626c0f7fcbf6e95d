// Shared data for the config tests: realistic configs (a busybox-template config, a
// download-template config with an include tree, comments and non-lxc lines, and one that sets
// nearly every key) and what real LXC 5.0.2 `lxc-info -c KEY` printed for them. The expected
// values were recorded from lxc-info on a Debian 12 host (lxc 1:5.0.2-1+deb12u4).
export const BUSYBOX = `# Made by the busybox template for container c1
# Template options: (none)
# Every key is described in lxc.container.conf(5)

# To allow nested containers, remove the # below:
#lxc.include = /usr/share/lxc/config/nesting.conf
# (nesting weakens isolation)

lxc.net.0.type = veth
lxc.net.0.link = lxcbr0
lxc.net.0.flags = up
lxc.net.0.hwaddr = 00:16:3e:4f:a1:07
lxc.apparmor.profile = generated
lxc.apparmor.allow_nesting = 1
lxc.rootfs.path = dir:/var/lib/lxc/c1/rootfs
lxc.signal.halt = SIGUSR1
lxc.signal.reboot = SIGTERM
lxc.uts.name = "c1"
lxc.autodev = 1
lxc.tty.max = 5
lxc.pty.max = 1
lxc.cap.drop = sys_module mac_admin mac_override sys_time

# with AppArmor, drop the # below to run unconfined:
#lxc.apparmor.profile = unconfined

lxc.mount.auto = cgroup:mixed proc:mixed sys:ro
lxc.mount.entry = shm dev/shm tmpfs defaults,create=dir 0 0
lxc.mount.entry = mqueue dev/mqueue mqueue defaults,optional,create=dir 0 0
lxc.mount.entry = /lib lib none ro,bind 0 0
lxc.mount.entry = /usr/lib usr/lib none ro,bind 0 0
lxc.mount.entry = /lib64 lib64 none ro,bind 0 0
lxc.mount.entry = /usr/lib64 usr/lib64 none ro,bind 0 0
lxc.mount.entry = /sys/kernel/security sys/kernel/security none ro,bind,optional 0 0
`;

/** files of the include tree, relative to its root; DOWNLOAD_MAIN names them with @ROOT@ */
export const SHARED: Record<string, string> = {
  "common.conf": `# Settings every distribution image starts from

# consoles and ttys live in /dev/lxc/
lxc.tty.dir = lxc
lxc.pty.max = 1024
lxc.tty.max = 4

# capabilities a container should not have
lxc.cap.drop = mac_admin mac_override sys_time sys_module sys_rawio

lxc.hook.clone = /usr/share/lxc/hooks/clonehostname

## device access, cgroup v1
lxc.cgroup.devices.deny = a
lxc.cgroup.devices.allow = c *:* m
lxc.cgroup.devices.allow = b *:* m
lxc.cgroup.devices.allow = c 1:3 rwm
lxc.cgroup.devices.allow = c 1:5 rwm
lxc.cgroup.devices.allow = c 136:* rwm
## device access, cgroup v2
lxc.cgroup2.devices.deny = a
lxc.cgroup2.devices.allow = c *:* m
lxc.cgroup2.devices.allow = c 1:3 rwm
lxc.cgroup2.devices.allow = c 136:* rwm

lxc.mount.auto = cgroup:mixed proc:mixed sys:mixed
lxc.mount.entry = /sys/fs/fuse/connections sys/fs/fuse/connections none bind,optional 0 0
lxc.seccomp.profile = /usr/share/lxc/config/common.seccomp

# and everything in common.conf.d
lxc.include = @ROOT@/common.conf.d/
`,
  "common.conf.d/00-lxcfs.conf": `lxc.hook.mount = /usr/share/lxcfs/lxc.mount.hook
lxc.hook.post-stop = /usr/share/lxcfs/lxc.reboot.hook`,
  "common.conf.d/10-extra.conf": `  # indented comment
lxc.environment = LANG=C.UTF-8
`,
  "common.conf.d/README": `lxc.uts.name = not-read-because-not-a-conf-file
`,
  "debian.common.conf": `# Debian images
lxc.include = @ROOT@/common.conf

# no /dev/lxc/ for this one
lxc.tty.dir =

#lxc.apparmor.profile = unconfined

## rtc and tun
lxc.cgroup.devices.allow = c 254:0 rm
lxc.cgroup.devices.allow = c 10:200 rwm
`,
};

export const DOWNLOAD_MAIN = `# Made by the download template
# Template options: -d debian -r bookworm -a amd64
# Every key is described in lxc.container.conf(5)

# To allow nested containers, remove the # below:
#lxc.include = /usr/share/lxc/config/nesting.conf
# (nesting weakens isolation)


# Distribution configuration
lxc.include = @ROOT@/debian.common.conf
lxc.arch = linux64

# Container specific configuration
lxc.apparmor.profile = generated
lxc.apparmor.allow_nesting = 1
lxc.rootfs.path = dir:/var/lib/lxc/deb1/rootfs
lxc.uts.name = deb1
this line is not for lxc and is ignored
local.setting = kept as written

# Network configuration
lxc.net.0.type = veth
lxc.net.0.link = lxcbr0
lxc.net.0.flags = up
lxc.net.0.hwaddr = 00:16:3e:5a:1b:2c   
\tlxc.start.auto\t=\t1
lxc.group = onboot web
lxc.net.1.type = veth
lxc.net.1.link = br-lan
lxc.net.1.ipv4.address = 192.168.10.20/24
lxc.net.1.ipv4.gateway = 192.168.10.1
lxc.net.1.ipv6.address = 2001:DB8:0:0::20/64
lxc.net.1.veth.pair = vethdeb1`;

export const EVERYTHING = `lxc.uts.name = all1
lxc.arch = i386
lxc.apparmor.profile = unconfined
lxc.apparmor.allow_incomplete = 1
lxc.apparmor.raw = mount,
lxc.autodev.tmpfs.size = 1000000
lxc.cap.keep = sys_admin net_admin
lxc.cgroup.dir = lxc-ts/all1
lxc.cgroup.relative = 1
lxc.cgroup.memory.limit_in_bytes = 512M
lxc.cgroup2.memory.max = 512M
lxc.cgroup2.memory.max = 1G
lxc.cgroup2.pids.max = 100
lxc.console.buffer.size = 64KB
lxc.console.logfile = /var/log/all1.console
lxc.console.path = none
lxc.console.rotate = 1
lxc.console.size = auto
lxc.sched.core = 1
lxc.environment = A=1
lxc.environment = PATH=/bin:/usr/bin
lxc.ephemeral = 0
lxc.execute.cmd = /bin/sh -c "echo hi"
lxc.group = g1 g2
lxc.hook.pre-start = /bin/true pre
lxc.hook.start-host = /bin/true host
lxc.hook.version = 1
lxc.idmap = u 0 100000 65536
lxc.idmap = g 0 100000 65536
lxc.init.cmd = /sbin/init splash
lxc.init.uid = 1000
lxc.init.gid = 4294967295
lxc.init.groups = 4,27
lxc.init.groups = 100
lxc.init.cwd = /root
lxc.keyring.session = 1
lxc.log.file = /var/log/all1.log
lxc.log.level = 2
lxc.log.syslog = local3
lxc.monitor.unshare = 1
lxc.monitor.signal.pdeath = SIGRTMIN+2
lxc.mount.auto = proc:rw sys cgroup-full:ro
lxc.mount.entry = tmpfs tmp tmpfs defaults 0 0
lxc.mount.fstab = /var/lib/lxc/all1/fstab
lxc.namespace.keep = ipc user
lxc.namespace.share.uts = other
lxc.time.offset.boot = 2h
lxc.time.offset.monotonic = 250ms
lxc.no_new_privs = 1
lxc.prlimit.nofile = 1024:4096
lxc.prlimit.core = unlimited
lxc.prlimit.nofile = 2048
lxc.pty.max = 0x20
lxc.rootfs.managed = 0
lxc.rootfs.mount = /mnt/all1
lxc.rootfs.options = idmap=container
lxc.rootfs.path = overlay:/var/lib/lxc/base/rootfs:/var/lib/lxc/all1/delta0
lxc.seccomp.allow_nesting = 1
lxc.seccomp.notify.cookie = abc
lxc.seccomp.notify.proxy = unix:/run/proxy.sock
lxc.seccomp.profile = /etc/all1.seccomp
lxc.selinux.context = system_u:system_r:lxc_t:s0
lxc.selinux.context.keyring = system_u:object_r:lxc_key_t:s0
lxc.signal.halt = sigpwr
lxc.signal.reboot = SIGRTMAX-3
lxc.signal.stop = 9
lxc.start.auto = 1
lxc.start.delay = 010
lxc.start.order = -5
lxc.tty.dir = lxc
lxc.tty.max = 3
lxc.sysctl.net.ipv4.ip_forward = 1
lxc.sysctl.kernel.msgmax = 65536
lxc.proc.oom_score_adj = 10
lxc.net.0.type = macvlan
lxc.net.0.link = eth0
lxc.net.0.macvlan.mode = bridge
lxc.net.0.mtu = 9000
lxc.net.0.name = mv0
lxc.net.0.l2proxy = 1
lxc.net.0.script.up = /usr/local/bin/up
lxc.net.0.script.down = /usr/local/bin/down
lxc.net.1.type = vlan
lxc.net.1.link = eth1
lxc.net.1.vlan.id = 42
lxc.net.2.type = ipvlan
lxc.net.2.link = eth2
lxc.net.2.ipvlan.mode = l3s
lxc.net.2.ipvlan.isolation = private
lxc.net.2.ipv4.address = 10.9.0.2/16 10.9.255.255
lxc.net.2.ipv4.address = 10.9.0.3
lxc.net.2.ipv4.gateway = auto
lxc.net.2.ipv6.address = fd00:0:0::9
lxc.net.2.ipv6.gateway = dev
lxc.net.3.type = veth
lxc.net.3.veth.mode = router
lxc.net.3.veth.pair = vall1
lxc.net.3.veth.ipv4.route = 10.10.0.0/24
lxc.net.3.veth.ipv6.route = fd10::/64
lxc.net.3.veth.vlan.id = none
lxc.net.3.veth.vlan.tagged.id = 5
lxc.net.3.veth.vlan.tagged.id = 6
lxc.net.3.veth.n_rxqueues = 2
lxc.net.3.veth.n_txqueues = 4
lxc.net.4.type = phys
lxc.net.4.link = enp9s0
lxc.net.5.type = none
`;

/** Keys queried on every fixture; a key missing from a fixture's table read back as invalid. */
export const QUERIED_KEYS: readonly string[] = ["lxc.arch", "lxc.apparmor.profile", "lxc.apparmor.allow_incomplete", "lxc.apparmor.allow_nesting", "lxc.apparmor.raw", "lxc.autodev.tmpfs.size", "lxc.autodev", "lxc.cap.drop", "lxc.cap.keep", "lxc.cgroup2", "lxc.cgroup.dir.monitor.pivot", "lxc.cgroup.dir.monitor", "lxc.cgroup.dir.container.inner", "lxc.cgroup.dir.container", "lxc.cgroup.dir", "lxc.cgroup.relative", "lxc.cgroup", "lxc.console.buffer.size", "lxc.console.logfile", "lxc.console.path", "lxc.console.rotate", "lxc.console.size", "lxc.sched.core", "lxc.environment", "lxc.ephemeral", "lxc.execute.cmd", "lxc.group", "lxc.hook.autodev", "lxc.hook.clone", "lxc.hook.destroy", "lxc.hook.mount", "lxc.hook.post-stop", "lxc.hook.pre-mount", "lxc.hook.pre-start", "lxc.hook.start", "lxc.hook.start-host", "lxc.hook.stop", "lxc.hook.version", "lxc.hook", "lxc.idmap", "lxc.include", "lxc.init.cmd", "lxc.init.gid", "lxc.init.groups", "lxc.init.uid", "lxc.init.cwd", "lxc.keyring.session", "lxc.log.file", "lxc.log.level", "lxc.log.syslog", "lxc.monitor.unshare", "lxc.monitor.signal.pdeath", "lxc.mount.auto", "lxc.mount.entry", "lxc.mount.fstab", "lxc.namespace.clone", "lxc.namespace.keep", "lxc.time.offset.boot", "lxc.time.offset.monotonic", "lxc.net", "lxc.no_new_privs", "lxc.prlimit", "lxc.pty.max", "lxc.rootfs.managed", "lxc.rootfs.mount", "lxc.rootfs.options", "lxc.rootfs.path", "lxc.seccomp.allow_nesting", "lxc.seccomp.notify.cookie", "lxc.seccomp.notify.proxy", "lxc.seccomp.profile", "lxc.selinux.context.keyring", "lxc.selinux.context", "lxc.signal.halt", "lxc.signal.reboot", "lxc.signal.stop", "lxc.start.auto", "lxc.start.delay", "lxc.start.order", "lxc.tty.dir", "lxc.tty.max", "lxc.uts.name", "lxc.sysctl", "lxc.proc", "lxc.net.0.type", "lxc.net.0.flags", "lxc.net.0.link", "lxc.net.0.l2proxy", "lxc.net.0.name", "lxc.net.0.script.up", "lxc.net.0.script.down", "lxc.net.0.hwaddr", "lxc.net.0.mtu", "lxc.net.0.vlan.id", "lxc.net.0.macvlan.mode", "lxc.net.0.ipvlan.mode", "lxc.net.0.ipvlan.isolation", "lxc.net.0.veth.pair", "lxc.net.0.veth.ipv4.route", "lxc.net.0.veth.ipv6.route", "lxc.net.0.veth.vlan.id", "lxc.net.0.veth.vlan.tagged.id", "lxc.net.0.veth.mode", "lxc.net.0.veth.n_rxqueues", "lxc.net.0.veth.n_txqueues", "lxc.net.0.ipv4.address", "lxc.net.0.ipv4.gateway", "lxc.net.0.ipv6.address", "lxc.net.0.ipv6.gateway", "lxc.net.1.type", "lxc.net.1.flags", "lxc.net.1.link", "lxc.net.1.l2proxy", "lxc.net.1.name", "lxc.net.1.script.up", "lxc.net.1.script.down", "lxc.net.1.hwaddr", "lxc.net.1.mtu", "lxc.net.1.vlan.id", "lxc.net.1.macvlan.mode", "lxc.net.1.ipvlan.mode", "lxc.net.1.ipvlan.isolation", "lxc.net.1.veth.pair", "lxc.net.1.veth.ipv4.route", "lxc.net.1.veth.ipv6.route", "lxc.net.1.veth.vlan.id", "lxc.net.1.veth.vlan.tagged.id", "lxc.net.1.veth.mode", "lxc.net.1.veth.n_rxqueues", "lxc.net.1.veth.n_txqueues", "lxc.net.1.ipv4.address", "lxc.net.1.ipv4.gateway", "lxc.net.1.ipv6.address", "lxc.net.1.ipv6.gateway", "lxc.net.2.type", "lxc.net.2.flags", "lxc.net.2.link", "lxc.net.2.l2proxy", "lxc.net.2.name", "lxc.net.2.script.up", "lxc.net.2.script.down", "lxc.net.2.hwaddr", "lxc.net.2.mtu", "lxc.net.2.vlan.id", "lxc.net.2.macvlan.mode", "lxc.net.2.ipvlan.mode", "lxc.net.2.ipvlan.isolation", "lxc.net.2.veth.pair", "lxc.net.2.veth.ipv4.route", "lxc.net.2.veth.ipv6.route", "lxc.net.2.veth.vlan.id", "lxc.net.2.veth.vlan.tagged.id", "lxc.net.2.veth.mode", "lxc.net.2.veth.n_rxqueues", "lxc.net.2.veth.n_txqueues", "lxc.net.2.ipv4.address", "lxc.net.2.ipv4.gateway", "lxc.net.2.ipv6.address", "lxc.net.2.ipv6.gateway", "lxc.net.3.type", "lxc.net.3.flags", "lxc.net.3.link", "lxc.net.3.l2proxy", "lxc.net.3.name", "lxc.net.3.script.up", "lxc.net.3.script.down", "lxc.net.3.hwaddr", "lxc.net.3.mtu", "lxc.net.3.vlan.id", "lxc.net.3.macvlan.mode", "lxc.net.3.ipvlan.mode", "lxc.net.3.ipvlan.isolation", "lxc.net.3.veth.pair", "lxc.net.3.veth.ipv4.route", "lxc.net.3.veth.ipv6.route", "lxc.net.3.veth.vlan.id", "lxc.net.3.veth.vlan.tagged.id", "lxc.net.3.veth.mode", "lxc.net.3.veth.n_rxqueues", "lxc.net.3.veth.n_txqueues", "lxc.net.3.ipv4.address", "lxc.net.3.ipv4.gateway", "lxc.net.3.ipv6.address", "lxc.net.3.ipv6.gateway", "lxc.net.4.type", "lxc.net.4.flags", "lxc.net.4.link", "lxc.net.4.l2proxy", "lxc.net.4.name", "lxc.net.4.script.up", "lxc.net.4.script.down", "lxc.net.4.hwaddr", "lxc.net.4.mtu", "lxc.net.4.vlan.id", "lxc.net.4.macvlan.mode", "lxc.net.4.ipvlan.mode", "lxc.net.4.ipvlan.isolation", "lxc.net.4.veth.pair", "lxc.net.4.veth.ipv4.route", "lxc.net.4.veth.ipv6.route", "lxc.net.4.veth.vlan.id", "lxc.net.4.veth.vlan.tagged.id", "lxc.net.4.veth.mode", "lxc.net.4.veth.n_rxqueues", "lxc.net.4.veth.n_txqueues", "lxc.net.4.ipv4.address", "lxc.net.4.ipv4.gateway", "lxc.net.4.ipv6.address", "lxc.net.4.ipv6.gateway", "lxc.net.5.type", "lxc.net.5.flags", "lxc.net.5.link", "lxc.net.5.l2proxy", "lxc.net.5.name", "lxc.net.5.script.up", "lxc.net.5.script.down", "lxc.net.5.hwaddr", "lxc.net.5.mtu", "lxc.net.5.vlan.id", "lxc.net.5.macvlan.mode", "lxc.net.5.ipvlan.mode", "lxc.net.5.ipvlan.isolation", "lxc.net.5.veth.pair", "lxc.net.5.veth.ipv4.route", "lxc.net.5.veth.ipv6.route", "lxc.net.5.veth.vlan.id", "lxc.net.5.veth.vlan.tagged.id", "lxc.net.5.veth.mode", "lxc.net.5.veth.n_rxqueues", "lxc.net.5.veth.n_txqueues", "lxc.net.5.ipv4.address", "lxc.net.5.ipv4.gateway", "lxc.net.5.ipv6.address", "lxc.net.5.ipv6.gateway", "lxc.net.6.type", "lxc.net.6.flags", "lxc.net.6.link", "lxc.net.6.l2proxy", "lxc.net.6.name", "lxc.net.6.script.up", "lxc.net.6.script.down", "lxc.net.6.hwaddr", "lxc.net.6.mtu", "lxc.net.6.vlan.id", "lxc.net.6.macvlan.mode", "lxc.net.6.ipvlan.mode", "lxc.net.6.ipvlan.isolation", "lxc.net.6.veth.pair", "lxc.net.6.veth.ipv4.route", "lxc.net.6.veth.ipv6.route", "lxc.net.6.veth.vlan.id", "lxc.net.6.veth.vlan.tagged.id", "lxc.net.6.veth.mode", "lxc.net.6.veth.n_rxqueues", "lxc.net.6.veth.n_txqueues", "lxc.net.6.ipv4.address", "lxc.net.6.ipv4.gateway", "lxc.net.6.ipv6.address", "lxc.net.6.ipv6.gateway", "lxc.cgroup.devices.allow", "lxc.cgroup.devices.deny", "lxc.cgroup2.devices.allow", "lxc.cgroup2.memory.max", "lxc.cgroup.memory.limit_in_bytes", "lxc.prlimit.nofile", "lxc.prlimit.core", "lxc.prlimit.as", "lxc.sysctl.net.ipv4.ip_forward", "lxc.sysctl.kernel.msgmax", "lxc.proc.oom_score_adj", "lxc.namespace.share.uts", "lxc.namespace.share.net", "lxc.namespace.share", "lxc.net.0", "lxc.utsname", "bogus.key"];

/** get-item output recorded from lxc-info (null = "KEY invalid"), keys with null left out. */
export const LXC_GOLDEN: Record<string, Record<string, string>> = {
  BUSYBOX: {
    "lxc.arch": "",
    "lxc.apparmor.profile": "generated",
    "lxc.apparmor.allow_incomplete": "0",
    "lxc.apparmor.allow_nesting": "1",
    "lxc.apparmor.raw": "",
    "lxc.autodev.tmpfs.size": "0",
    "lxc.autodev": "1",
    "lxc.cap.drop": "sys_module\nmac_admin\nmac_override\nsys_time\n",
    "lxc.cap.keep": "sys_module\nmac_admin\nmac_override\nsys_time\n",
    "lxc.cgroup2": "",
    "lxc.cgroup.dir.monitor.pivot": "(null)",
    "lxc.cgroup.dir.monitor": "(null)",
    "lxc.cgroup.dir.container.inner": "(null)",
    "lxc.cgroup.dir.container": "(null)",
    "lxc.cgroup.dir": "(null)",
    "lxc.cgroup.relative": "0",
    "lxc.cgroup": "",
    "lxc.console.buffer.size": "0",
    "lxc.console.logfile": "",
    "lxc.console.path": "",
    "lxc.console.rotate": "0",
    "lxc.console.size": "0",
    "lxc.sched.core": "0",
    "lxc.environment": "",
    "lxc.ephemeral": "0",
    "lxc.execute.cmd": "",
    "lxc.group": "",
    "lxc.hook.autodev": "",
    "lxc.hook.clone": "",
    "lxc.hook.destroy": "",
    "lxc.hook.mount": "",
    "lxc.hook.post-stop": "",
    "lxc.hook.pre-mount": "",
    "lxc.hook.pre-start": "",
    "lxc.hook.start": "",
    "lxc.hook.start-host": "",
    "lxc.hook.stop": "",
    "lxc.hook.version": "0",
    "lxc.idmap": "",
    "lxc.init.cmd": "",
    "lxc.init.gid": "0",
    "lxc.init.groups": "",
    "lxc.init.uid": "0",
    "lxc.init.cwd": "",
    "lxc.keyring.session": "0",
    "lxc.log.file": "",
    "lxc.log.level": "NOTSET",
    "lxc.log.syslog": "",
    "lxc.monitor.unshare": "0",
    "lxc.monitor.signal.pdeath": "9",
    "lxc.mount.auto": "proc:mixed sys:ro cgroup:mixed",
    "lxc.mount.entry": "shm dev/shm tmpfs defaults,create=dir 0 0\nmqueue dev/mqueue mqueue defaults,optional,create=dir 0 0\n/lib lib none ro,bind 0 0\n/usr/lib usr/lib none ro,bind 0 0\n/lib64 lib64 none ro,bind 0 0\n/usr/lib64 usr/lib64 none ro,bind 0 0\n/sys/kernel/security sys/kernel/security none ro,bind,optional 0 0\n",
    "lxc.mount.fstab": "",
    "lxc.namespace.clone": "",
    "lxc.namespace.keep": "",
    "lxc.time.offset.boot": "0 ns\n",
    "lxc.time.offset.monotonic": "0ns\n",
    "lxc.net": "veth\n",
    "lxc.no_new_privs": "0",
    "lxc.prlimit": "",
    "lxc.pty.max": "1",
    "lxc.rootfs.managed": "1",
    "lxc.rootfs.mount": "/usr/lib/x86_64-linux-gnu/lxc/rootfs",
    "lxc.rootfs.options": "",
    "lxc.rootfs.path": "/var/lib/lxc/c1/rootfs",
    "lxc.seccomp.allow_nesting": "0",
    "lxc.seccomp.notify.cookie": "",
    "lxc.seccomp.notify.proxy": "",
    "lxc.seccomp.profile": "",
    "lxc.selinux.context.keyring": "",
    "lxc.selinux.context": "",
    "lxc.signal.halt": "10",
    "lxc.signal.reboot": "15",
    "lxc.signal.stop": "0",
    "lxc.start.auto": "0",
    "lxc.start.delay": "0",
    "lxc.start.order": "0",
    "lxc.tty.dir": "",
    "lxc.tty.max": "5",
    "lxc.uts.name": "c1",
    "lxc.sysctl": "",
    "lxc.proc": "",
    "lxc.net.0.type": "veth",
    "lxc.net.0.flags": "up",
    "lxc.net.0.link": "lxcbr0",
    "lxc.net.0.l2proxy": "0",
    "lxc.net.0.name": "",
    "lxc.net.0.script.up": "",
    "lxc.net.0.script.down": "",
    "lxc.net.0.hwaddr": "00:16:3e:4f:a1:07",
    "lxc.net.0.mtu": "",
    "lxc.net.0.veth.pair": "",
    "lxc.net.0.veth.ipv4.route": "",
    "lxc.net.0.veth.ipv6.route": "",
    "lxc.net.0.veth.vlan.id": "0",
    "lxc.net.0.veth.vlan.tagged.id": "",
    "lxc.net.0.veth.mode": "bridge",
    "lxc.net.0.veth.n_rxqueues": "",
    "lxc.net.0.veth.n_txqueues": "",
    "lxc.net.0.ipv4.address": "",
    "lxc.net.0.ipv4.gateway": "",
    "lxc.net.0.ipv6.address": "",
    "lxc.net.0.ipv6.gateway": "",
    "lxc.cgroup.devices.allow": "",
    "lxc.cgroup.devices.deny": "",
    "lxc.cgroup2.devices.allow": "",
    "lxc.cgroup2.memory.max": "",
    "lxc.cgroup.memory.limit_in_bytes": "",
    "lxc.prlimit.nofile": "",
    "lxc.prlimit.core": "",
    "lxc.prlimit.as": "",
    "lxc.sysctl.net.ipv4.ip_forward": "",
    "lxc.sysctl.kernel.msgmax": "",
    "lxc.proc.oom_score_adj": "",
    "lxc.namespace.share.uts": "(null)",
    "lxc.namespace.share.net": "(null)",
  },
  DOWNLOAD: {
    "lxc.arch": "x86_64",
    "lxc.apparmor.profile": "generated",
    "lxc.apparmor.allow_incomplete": "0",
    "lxc.apparmor.allow_nesting": "1",
    "lxc.apparmor.raw": "",
    "lxc.autodev.tmpfs.size": "0",
    "lxc.autodev": "1",
    "lxc.cap.drop": "mac_admin\nmac_override\nsys_time\nsys_module\nsys_rawio\n",
    "lxc.cap.keep": "mac_admin\nmac_override\nsys_time\nsys_module\nsys_rawio\n",
    "lxc.cgroup2": "lxc.cgroup2.devices.deny = a\nlxc.cgroup2.devices.allow = c *:* m\nlxc.cgroup2.devices.allow = c 1:3 rwm\nlxc.cgroup2.devices.allow = c 136:* rwm\n",
    "lxc.cgroup.dir.monitor.pivot": "(null)",
    "lxc.cgroup.dir.monitor": "(null)",
    "lxc.cgroup.dir.container.inner": "(null)",
    "lxc.cgroup.dir.container": "(null)",
    "lxc.cgroup.dir": "(null)",
    "lxc.cgroup.relative": "0",
    "lxc.cgroup": "lxc.cgroup.devices.deny = a\nlxc.cgroup.devices.allow = c *:* m\nlxc.cgroup.devices.allow = b *:* m\nlxc.cgroup.devices.allow = c 1:3 rwm\nlxc.cgroup.devices.allow = c 1:5 rwm\nlxc.cgroup.devices.allow = c 136:* rwm\nlxc.cgroup.devices.allow = c 254:0 rm\nlxc.cgroup.devices.allow = c 10:200 rwm\n",
    "lxc.console.buffer.size": "0",
    "lxc.console.logfile": "",
    "lxc.console.path": "",
    "lxc.console.rotate": "0",
    "lxc.console.size": "0",
    "lxc.sched.core": "0",
    "lxc.environment": "LANG=C.UTF-8\n",
    "lxc.ephemeral": "0",
    "lxc.execute.cmd": "",
    "lxc.group": "onboot\nweb\n",
    "lxc.hook.autodev": "",
    "lxc.hook.clone": "/usr/share/lxc/hooks/clonehostname\n",
    "lxc.hook.destroy": "",
    "lxc.hook.mount": "/usr/share/lxcfs/lxc.mount.hook\n",
    "lxc.hook.post-stop": "/usr/share/lxcfs/lxc.reboot.hook\n",
    "lxc.hook.pre-mount": "",
    "lxc.hook.pre-start": "",
    "lxc.hook.start": "",
    "lxc.hook.start-host": "",
    "lxc.hook.stop": "",
    "lxc.hook.version": "0",
    "lxc.idmap": "",
    "lxc.init.cmd": "",
    "lxc.init.gid": "0",
    "lxc.init.groups": "",
    "lxc.init.uid": "0",
    "lxc.init.cwd": "",
    "lxc.keyring.session": "0",
    "lxc.log.file": "",
    "lxc.log.level": "NOTSET",
    "lxc.log.syslog": "",
    "lxc.monitor.unshare": "0",
    "lxc.monitor.signal.pdeath": "9",
    "lxc.mount.auto": "proc:mixed sys:mixed cgroup:mixed",
    "lxc.mount.entry": "/sys/fs/fuse/connections sys/fs/fuse/connections none bind,optional 0 0\n",
    "lxc.mount.fstab": "",
    "lxc.namespace.clone": "",
    "lxc.namespace.keep": "",
    "lxc.time.offset.boot": "0 ns\n",
    "lxc.time.offset.monotonic": "0ns\n",
    "lxc.net": "veth\nveth\n",
    "lxc.no_new_privs": "0",
    "lxc.prlimit": "",
    "lxc.pty.max": "1024",
    "lxc.rootfs.managed": "1",
    "lxc.rootfs.mount": "/usr/lib/x86_64-linux-gnu/lxc/rootfs",
    "lxc.rootfs.options": "",
    "lxc.rootfs.path": "/var/lib/lxc/deb1/rootfs",
    "lxc.seccomp.allow_nesting": "0",
    "lxc.seccomp.notify.cookie": "",
    "lxc.seccomp.notify.proxy": "",
    "lxc.seccomp.profile": "/usr/share/lxc/config/common.seccomp",
    "lxc.selinux.context.keyring": "",
    "lxc.selinux.context": "",
    "lxc.signal.halt": "0",
    "lxc.signal.reboot": "0",
    "lxc.signal.stop": "0",
    "lxc.start.auto": "1",
    "lxc.start.delay": "0",
    "lxc.start.order": "0",
    "lxc.tty.dir": "",
    "lxc.tty.max": "4",
    "lxc.uts.name": "deb1",
    "lxc.sysctl": "",
    "lxc.proc": "",
    "lxc.net.0.type": "veth",
    "lxc.net.0.flags": "up",
    "lxc.net.0.link": "lxcbr0",
    "lxc.net.0.l2proxy": "0",
    "lxc.net.0.name": "",
    "lxc.net.0.script.up": "",
    "lxc.net.0.script.down": "",
    "lxc.net.0.hwaddr": "00:16:3e:5a:1b:2c",
    "lxc.net.0.mtu": "",
    "lxc.net.0.veth.pair": "",
    "lxc.net.0.veth.ipv4.route": "",
    "lxc.net.0.veth.ipv6.route": "",
    "lxc.net.0.veth.vlan.id": "0",
    "lxc.net.0.veth.vlan.tagged.id": "",
    "lxc.net.0.veth.mode": "bridge",
    "lxc.net.0.veth.n_rxqueues": "",
    "lxc.net.0.veth.n_txqueues": "",
    "lxc.net.0.ipv4.address": "",
    "lxc.net.0.ipv4.gateway": "",
    "lxc.net.0.ipv6.address": "",
    "lxc.net.0.ipv6.gateway": "",
    "lxc.net.1.type": "veth",
    "lxc.net.1.flags": "",
    "lxc.net.1.link": "br-lan",
    "lxc.net.1.l2proxy": "0",
    "lxc.net.1.name": "",
    "lxc.net.1.script.up": "",
    "lxc.net.1.script.down": "",
    "lxc.net.1.hwaddr": "",
    "lxc.net.1.mtu": "",
    "lxc.net.1.veth.pair": "vethdeb1",
    "lxc.net.1.veth.ipv4.route": "",
    "lxc.net.1.veth.ipv6.route": "",
    "lxc.net.1.veth.vlan.id": "0",
    "lxc.net.1.veth.vlan.tagged.id": "",
    "lxc.net.1.veth.mode": "bridge",
    "lxc.net.1.veth.n_rxqueues": "",
    "lxc.net.1.veth.n_txqueues": "",
    "lxc.net.1.ipv4.address": "192.168.10.20/24",
    "lxc.net.1.ipv4.gateway": "192.168.10.1",
    "lxc.net.1.ipv6.address": "2001:db8::20/64",
    "lxc.net.1.ipv6.gateway": "",
    "lxc.cgroup.devices.allow": "c *:* m\nb *:* m\nc 1:3 rwm\nc 1:5 rwm\nc 136:* rwm\nc 254:0 rm\nc 10:200 rwm\n",
    "lxc.cgroup.devices.deny": "a\n",
    "lxc.cgroup2.devices.allow": "c *:* m\nc 1:3 rwm\nc 136:* rwm\n",
    "lxc.cgroup2.memory.max": "",
    "lxc.cgroup.memory.limit_in_bytes": "",
    "lxc.prlimit.nofile": "",
    "lxc.prlimit.core": "",
    "lxc.prlimit.as": "",
    "lxc.sysctl.net.ipv4.ip_forward": "",
    "lxc.sysctl.kernel.msgmax": "",
    "lxc.proc.oom_score_adj": "",
    "lxc.namespace.share.uts": "(null)",
    "lxc.namespace.share.net": "(null)",
  },
  EVERYTHING: {
    "lxc.arch": "i686",
    "lxc.apparmor.profile": "unconfined",
    "lxc.apparmor.allow_incomplete": "1",
    "lxc.apparmor.allow_nesting": "0",
    "lxc.apparmor.raw": "mount,\n",
    "lxc.autodev.tmpfs.size": "1000000",
    "lxc.autodev": "1",
    "lxc.cap.drop": "sys_admin\nnet_admin\n",
    "lxc.cap.keep": "sys_admin\nnet_admin\n",
    "lxc.cgroup2": "lxc.cgroup2.memory.max = 512M\nlxc.cgroup2.memory.max = 1G\nlxc.cgroup2.pids.max = 100\n",
    "lxc.cgroup.dir.monitor.pivot": "(null)",
    "lxc.cgroup.dir.monitor": "(null)",
    "lxc.cgroup.dir.container.inner": "(null)",
    "lxc.cgroup.dir.container": "(null)",
    "lxc.cgroup.dir": "lxc-ts/all1",
    "lxc.cgroup.relative": "1",
    "lxc.cgroup": "lxc.cgroup.memory.limit_in_bytes = 512M\n",
    "lxc.console.buffer.size": "65536",
    "lxc.console.logfile": "/var/log/all1.console",
    "lxc.console.path": "none",
    "lxc.console.rotate": "1",
    "lxc.console.size": "131072",
    "lxc.sched.core": "1",
    "lxc.environment": "A=1\nPATH=/bin:/usr/bin\n",
    "lxc.ephemeral": "0",
    "lxc.execute.cmd": "/bin/sh -c \"echo hi\"",
    "lxc.group": "g1\ng2\n",
    "lxc.hook.autodev": "",
    "lxc.hook.clone": "",
    "lxc.hook.destroy": "",
    "lxc.hook.mount": "",
    "lxc.hook.post-stop": "",
    "lxc.hook.pre-mount": "",
    "lxc.hook.pre-start": "/bin/true pre\n",
    "lxc.hook.start": "",
    "lxc.hook.start-host": "/bin/true host\n",
    "lxc.hook.stop": "",
    "lxc.hook.version": "1",
    "lxc.idmap": "u 0 100000 65536\ng 0 100000 65536",
    "lxc.init.cmd": "/sbin/init splash",
    "lxc.init.gid": "-1",
    "lxc.init.groups": "4,27,100",
    "lxc.init.uid": "1000",
    "lxc.init.cwd": "/root",
    "lxc.keyring.session": "1",
    "lxc.log.file": "/var/log/all1.log",
    "lxc.log.level": "INFO",
    "lxc.log.syslog": "local3",
    "lxc.monitor.unshare": "1",
    "lxc.monitor.signal.pdeath": "36",
    "lxc.mount.auto": "proc:rw sys:mixed cgroup-full:ro",
    "lxc.mount.entry": "tmpfs tmp tmpfs defaults 0 0\n",
    "lxc.mount.fstab": "/var/lib/lxc/all1/fstab",
    "lxc.namespace.clone": "",
    "lxc.namespace.keep": "user\nipc\n",
    "lxc.time.offset.boot": "7200 s\n",
    "lxc.time.offset.monotonic": "250000000ns\n",
    "lxc.net": "macvlan\nvlan\nipvlan\nveth\nphys\nnone\n",
    "lxc.no_new_privs": "1",
    "lxc.prlimit": "lxc.prlimit.nofile = 2048\nlxc.prlimit.core = unlimited\n",
    "lxc.pty.max": "32",
    "lxc.rootfs.managed": "0",
    "lxc.rootfs.mount": "/mnt/all1",
    "lxc.rootfs.options": "idmap=container",
    "lxc.rootfs.path": "/var/lib/lxc/base/rootfs:/var/lib/lxc/all1/delta0",
    "lxc.seccomp.allow_nesting": "1",
    "lxc.seccomp.notify.cookie": "abc",
    "lxc.seccomp.notify.proxy": "/run/proxy.sock",
    "lxc.seccomp.profile": "/etc/all1.seccomp",
    "lxc.selinux.context.keyring": "system_u:object_r:lxc_key_t:s0",
    "lxc.selinux.context": "system_u:system_r:lxc_t:s0",
    "lxc.signal.halt": "30",
    "lxc.signal.reboot": "61",
    "lxc.signal.stop": "9",
    "lxc.start.auto": "1",
    "lxc.start.delay": "8",
    "lxc.start.order": "-5",
    "lxc.tty.dir": "lxc",
    "lxc.tty.max": "3",
    "lxc.uts.name": "all1",
    "lxc.sysctl": "lxc.sysctl.net.ipv4.ip_forward = 1\nlxc.sysctl.kernel.msgmax = 65536\n",
    "lxc.proc": "lxc.proc.oom_score_adj = 10\n",
    "lxc.net.0.type": "macvlan",
    "lxc.net.0.flags": "",
    "lxc.net.0.link": "eth0",
    "lxc.net.0.l2proxy": "1",
    "lxc.net.0.name": "mv0",
    "lxc.net.0.script.up": "/usr/local/bin/up",
    "lxc.net.0.script.down": "/usr/local/bin/down",
    "lxc.net.0.hwaddr": "",
    "lxc.net.0.mtu": "9000",
    "lxc.net.0.macvlan.mode": "bridge",
    "lxc.net.0.ipv4.address": "",
    "lxc.net.0.ipv4.gateway": "",
    "lxc.net.0.ipv6.address": "",
    "lxc.net.0.ipv6.gateway": "",
    "lxc.net.1.type": "vlan",
    "lxc.net.1.flags": "",
    "lxc.net.1.link": "eth1",
    "lxc.net.1.l2proxy": "0",
    "lxc.net.1.name": "",
    "lxc.net.1.script.up": "",
    "lxc.net.1.script.down": "",
    "lxc.net.1.hwaddr": "",
    "lxc.net.1.mtu": "",
    "lxc.net.1.vlan.id": "42",
    "lxc.net.1.ipv4.address": "",
    "lxc.net.1.ipv4.gateway": "",
    "lxc.net.1.ipv6.address": "",
    "lxc.net.1.ipv6.gateway": "",
    "lxc.net.2.type": "ipvlan",
    "lxc.net.2.flags": "",
    "lxc.net.2.link": "eth2",
    "lxc.net.2.l2proxy": "0",
    "lxc.net.2.name": "",
    "lxc.net.2.script.up": "",
    "lxc.net.2.script.down": "",
    "lxc.net.2.hwaddr": "",
    "lxc.net.2.mtu": "",
    "lxc.net.2.ipvlan.mode": "l3s",
    "lxc.net.2.ipvlan.isolation": "private",
    "lxc.net.2.ipv4.address": "10.9.0.2/16\n10.9.0.3/8",
    "lxc.net.2.ipv4.gateway": "auto",
    "lxc.net.2.ipv6.address": "fd00::9/64",
    "lxc.net.2.ipv6.gateway": "dev",
    "lxc.net.3.type": "veth",
    "lxc.net.3.flags": "",
    "lxc.net.3.link": "",
    "lxc.net.3.l2proxy": "0",
    "lxc.net.3.name": "",
    "lxc.net.3.script.up": "",
    "lxc.net.3.script.down": "",
    "lxc.net.3.hwaddr": "",
    "lxc.net.3.mtu": "",
    "lxc.net.3.veth.pair": "vall1",
    "lxc.net.3.veth.ipv4.route": "10.10.0.0/24",
    "lxc.net.3.veth.ipv6.route": "fd10::/64",
    "lxc.net.3.veth.vlan.id": "-1",
    "lxc.net.3.veth.vlan.tagged.id": "5\n6",
    "lxc.net.3.veth.mode": "router",
    "lxc.net.3.veth.n_rxqueues": "2",
    "lxc.net.3.veth.n_txqueues": "4",
    "lxc.net.3.ipv4.address": "",
    "lxc.net.3.ipv4.gateway": "",
    "lxc.net.3.ipv6.address": "",
    "lxc.net.3.ipv6.gateway": "",
    "lxc.net.4.type": "phys",
    "lxc.net.4.flags": "",
    "lxc.net.4.link": "enp9s0",
    "lxc.net.4.l2proxy": "0",
    "lxc.net.4.name": "",
    "lxc.net.4.script.up": "",
    "lxc.net.4.script.down": "",
    "lxc.net.4.hwaddr": "",
    "lxc.net.4.mtu": "",
    "lxc.net.4.ipv4.address": "",
    "lxc.net.4.ipv4.gateway": "",
    "lxc.net.4.ipv6.address": "",
    "lxc.net.4.ipv6.gateway": "",
    "lxc.net.5.type": "none",
    "lxc.net.5.flags": "",
    "lxc.net.5.link": "",
    "lxc.net.5.l2proxy": "0",
    "lxc.net.5.name": "",
    "lxc.net.5.script.up": "",
    "lxc.net.5.script.down": "",
    "lxc.net.5.hwaddr": "",
    "lxc.net.5.mtu": "",
    "lxc.net.5.ipv4.address": "",
    "lxc.net.5.ipv4.gateway": "",
    "lxc.net.5.ipv6.address": "",
    "lxc.net.5.ipv6.gateway": "",
    "lxc.cgroup.devices.allow": "",
    "lxc.cgroup.devices.deny": "",
    "lxc.cgroup2.devices.allow": "",
    "lxc.cgroup2.memory.max": "512M\n1G\n",
    "lxc.cgroup.memory.limit_in_bytes": "512M\n",
    "lxc.prlimit.nofile": "2048",
    "lxc.prlimit.core": "unlimited",
    "lxc.prlimit.as": "",
    "lxc.sysctl.net.ipv4.ip_forward": "1",
    "lxc.sysctl.kernel.msgmax": "65536",
    "lxc.proc.oom_score_adj": "10",
    "lxc.namespace.share.uts": "other",
    "lxc.namespace.share.net": "(null)",
  },
};

/** [key, sample value, lines written before it, get-item after setting it, after clearing it]
 *  as recorded from lxc-info. lxc.arch cannot be cleared; for lxc.mount.fstab LXC 5.0.2 fails
 *  to load a clear (lxc-ts reads it back as empty instead). */
export const KEY_SAMPLES: [string, string, string, string | null, string | null][] = [
  ["lxc.arch", "x86_64", "", "x86_64", null],
  ["lxc.apparmor.profile", "unconfined", "", "unconfined", ""],
  ["lxc.apparmor.allow_incomplete", "1", "", "1", "0"],
  ["lxc.apparmor.allow_nesting", "1", "", "1", "0"],
  ["lxc.apparmor.raw", "mount fstype=proc,", "", "mount fstype=proc,\n", ""],
  ["lxc.autodev.tmpfs.size", "1000000", "", "1000000", "500000"],
  ["lxc.autodev", "0", "", "0", "0"],
  ["lxc.cap.drop", "sys_module sys_time", "", "sys_module\nsys_time\n", ""],
  ["lxc.cap.keep", "sys_admin", "", "sys_admin\n", ""],
  ["lxc.cgroup2", "", "", "", ""],
  ["lxc.cgroup.dir.monitor.pivot", "lxc.pivot", "", "lxc.pivot", "(null)"],
  ["lxc.cgroup.dir.monitor", "mon/c1", "", "mon/c1", "(null)"],
  ["lxc.cgroup.dir.container.inner", "inner", "", "inner", "(null)"],
  ["lxc.cgroup.dir.container", "payload/c1", "", "payload/c1", "(null)"],
  ["lxc.cgroup.dir", "lxc-ts", "", "lxc-ts", "(null)"],
  ["lxc.cgroup.relative", "1", "", "1", "0"],
  ["lxc.cgroup", "", "", "", ""],
  ["lxc.console.buffer.size", "auto", "", "131072", "0"],
  ["lxc.console.logfile", "/var/log/c1.console", "", "/var/log/c1.console", ""],
  ["lxc.console.path", "/dev/console", "", "/dev/console", ""],
  ["lxc.console.rotate", "1", "", "1", "0"],
  ["lxc.console.size", "1MB", "", "1048576", "0"],
  ["lxc.sched.core", "1", "", "1", "0"],
  ["lxc.environment", "LANG=C", "", "LANG=C\n", ""],
  ["lxc.ephemeral", "1", "", "1", "0"],
  ["lxc.execute.cmd", "/bin/sh", "", "/bin/sh", ""],
  ["lxc.group", "onboot", "", "onboot\n", ""],
  ["lxc.hook.autodev", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.clone", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.destroy", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.mount", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.post-stop", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.pre-mount", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.pre-start", "/bin/true a b", "", "/bin/true a b\n", ""],
  ["lxc.hook.start", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.start-host", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.stop", "/bin/true", "", "/bin/true\n", ""],
  ["lxc.hook.version", "1", "", "1", "0"],
  ["lxc.hook", "", "", null, null],
  ["lxc.idmap", "u 0 100000 65536", "", "u 0 100000 65536", ""],
  ["lxc.include", "", "", null, null],
  ["lxc.init.cmd", "/sbin/init", "", "/sbin/init", ""],
  ["lxc.init.gid", "100", "", "100", "0"],
  ["lxc.init.groups", "4,27", "", "4,27", ""],
  ["lxc.init.uid", "1000", "", "1000", "0"],
  ["lxc.init.cwd", "/srv", "", "/srv", ""],
  ["lxc.keyring.session", "1", "", "1", "0"],
  ["lxc.log.file", "/var/log/c1.log", "", "/var/log/c1.log", ""],
  ["lxc.log.level", "debug", "", "DEBUG", "NOTSET"],
  ["lxc.log.syslog", "daemon", "", "daemon", ""],
  ["lxc.monitor.unshare", "1", "", "1", "0"],
  ["lxc.monitor.signal.pdeath", "SIGTERM", "", "15", "0"],
  ["lxc.mount.auto", "proc sys:ro cgroup:mixed", "", "proc:mixed sys:ro cgroup:mixed", ""],
  ["lxc.mount.entry", "/srv srv none bind,create=dir 0 0", "", "/srv srv none bind,create=dir 0 0\n", ""],
  ["lxc.mount.fstab", "/var/lib/lxc/c1/fstab", "", "/var/lib/lxc/c1/fstab", ""],
  ["lxc.namespace.clone", "uts ipc mnt pid net", "", "mnt\npid\nuts\nipc\nnet\n", ""],
  ["lxc.namespace.keep", "net", "", "net\n", ""],
  ["lxc.time.offset.boot", "3h", "", "10800 s\n", "0 ns\n"],
  ["lxc.time.offset.monotonic", "15us", "", "15000ns\n", "0ns\n"],
  ["lxc.net", "", "", "", ""],
  ["lxc.no_new_privs", "1", "", "1", "0"],
  ["lxc.prlimit", "", "", "", ""],
  ["lxc.pty.max", "1024", "", "1024", "0"],
  ["lxc.rootfs.managed", "0", "", "0", "1"],
  ["lxc.rootfs.mount", "/mnt/rootfs", "", "/mnt/rootfs", ""],
  ["lxc.rootfs.options", "ro", "", "ro", ""],
  ["lxc.rootfs.path", "btrfs:/var/lib/lxc/c1/rootfs", "", "/var/lib/lxc/c1/rootfs", ""],
  ["lxc.seccomp.allow_nesting", "1", "", "1", "0"],
  ["lxc.seccomp.notify.cookie", "cookie", "", "cookie", ""],
  ["lxc.seccomp.notify.proxy", "unix:@proxy", "", "proxy", ""],
  ["lxc.seccomp.profile", "/etc/lxc/c1.seccomp", "", "/etc/lxc/c1.seccomp", ""],
  ["lxc.selinux.context.keyring", "u:r:t:s0", "", "u:r:t:s0", ""],
  ["lxc.selinux.context", "u:r:t:s0", "", "u:r:t:s0", ""],
  ["lxc.signal.halt", "SIGUSR1", "", "10", "0"],
  ["lxc.signal.reboot", "SIGRTMIN+4", "", "38", "0"],
  ["lxc.signal.stop", "SIGKILL", "", "9", "0"],
  ["lxc.start.auto", "1", "", "1", "0"],
  ["lxc.start.delay", "5", "", "5", "0"],
  ["lxc.start.order", "-1", "", "-1", "0"],
  ["lxc.tty.dir", "lxc", "", "lxc", ""],
  ["lxc.tty.max", "4", "", "4", "0"],
  ["lxc.uts.name", "web-1", "", "web-1", ""],
  ["lxc.sysctl", "", "", "", ""],
  ["lxc.proc", "", "", "", ""],
  ["lxc.cgroup.memory.limit_in_bytes", "256M", "", "256M\n", ""],
  ["lxc.cgroup2.memory.high", "200M", "", "200M\n", ""],
  ["lxc.cgroup2.devices.allow", "c 1:3 rwm", "", "c 1:3 rwm\n", ""],
  ["lxc.prlimit.nofile", "1024:2048", "", "1024:2048", ""],
  ["lxc.sysctl.net.ipv4.ip_forward", "1", "", "1", ""],
  ["lxc.proc.oom_score_adj", "-500", "", "-500", ""],
  ["lxc.namespace.share.net", "web2", "", "web2", "(null)"],
  ["lxc.net.0.type", "veth", "", "veth", "(null)"],
  ["lxc.net.0.flags", "up", "lxc.net.0.type = veth\n", "up", ""],
  ["lxc.net.0.link", "lxcbr0", "lxc.net.0.type = veth\n", "lxcbr0", ""],
  ["lxc.net.0.l2proxy", "1", "lxc.net.0.type = veth\n", "1", "0"],
  ["lxc.net.0.name", "eth0", "lxc.net.0.type = veth\n", "eth0", ""],
  ["lxc.net.0.script.up", "/usr/local/bin/up", "lxc.net.0.type = veth\n", "/usr/local/bin/up", ""],
  ["lxc.net.0.script.down", "/usr/local/bin/down", "lxc.net.0.type = veth\n", "/usr/local/bin/down", ""],
  ["lxc.net.0.hwaddr", "00:16:3e:aa:bb:cc", "lxc.net.0.type = veth\n", "00:16:3e:aa:bb:cc", ""],
  ["lxc.net.0.mtu", "1400", "lxc.net.0.type = veth\n", "1400", ""],
  ["lxc.net.0.vlan.id", "100", "lxc.net.0.type = vlan\n", "100", "0"],
  ["lxc.net.0.macvlan.mode", "vepa", "lxc.net.0.type = macvlan\n", "vepa", "(invalid)"],
  ["lxc.net.0.ipvlan.mode", "l3", "lxc.net.0.type = ipvlan\n", "l3", "(invalid)"],
  ["lxc.net.0.ipvlan.isolation", "vepa", "lxc.net.0.type = ipvlan\n", "vepa", "(invalid)"],
  ["lxc.net.0.veth.pair", "vethc1", "lxc.net.0.type = veth\n", "vethc1", ""],
  ["lxc.net.0.veth.ipv4.route", "192.0.2.0/24", "lxc.net.0.type = veth\n", "192.0.2.0/24", ""],
  ["lxc.net.0.veth.ipv6.route", "2001:db8::/64", "lxc.net.0.type = veth\n", "2001:db8::/64", ""],
  ["lxc.net.0.veth.vlan.id", "7", "lxc.net.0.type = veth\n", "7", "0"],
  ["lxc.net.0.veth.vlan.tagged.id", "8", "lxc.net.0.type = veth\n", "8", ""],
  ["lxc.net.0.veth.mode", "router", "lxc.net.0.type = veth\n", "router", "(invalid)"],
  ["lxc.net.0.veth.n_rxqueues", "2", "lxc.net.0.type = veth\n", "2", ""],
  ["lxc.net.0.veth.n_txqueues", "2", "lxc.net.0.type = veth\n", "2", ""],
  ["lxc.net.0.ipv4.address", "10.0.3.15/24", "lxc.net.0.type = veth\n", "10.0.3.15/24", ""],
  ["lxc.net.0.ipv4.gateway", "10.0.3.1", "lxc.net.0.type = veth\n", "10.0.3.1", ""],
  ["lxc.net.0.ipv6.address", "fd42::15/64", "lxc.net.0.type = veth\n", "fd42::15/64", ""],
  ["lxc.net.0.ipv6.gateway", "fd42::1", "lxc.net.0.type = veth\n", "fd42::1", ""],
];
