// Value checking, key by key: what is accepted (and how it is normalized) and what is refused.
import { describe, expect, test } from "bun:test";
import { CAPABILITIES, SIGNALS, capabilityNumber, checkEntry, signalNumber } from "../../src/config/index.ts";

const at = { file: "/x/config", line: 1 };
const norm = (key: string, value: string) => checkEntry(key, value, at).norm;
const ok = (key: string, cases: [string, string][]) => {
  for (const [v, n] of cases) expect([v, norm(key, v)]).toEqual([v, n]);
};
const bad = (key: string, values: string[]) => {
  for (const v of values) expect(() => norm(key, v)).toThrow(`invalid value "${v}" for ${key}`);
};

describe("name tables", () => {
  test("capabilities CAP_CHOWN=0 ... CAP_CHECKPOINT_RESTORE=40", () => {
    expect(CAPABILITIES.CAP_CHOWN).toBe(0);
    expect(CAPABILITIES.CAP_SYS_ADMIN).toBe(21);
    expect(CAPABILITIES.CAP_CHECKPOINT_RESTORE).toBe(40);
    expect(Object.keys(CAPABILITIES).length).toBe(41);
    expect(capabilityNumber("mknod")).toBe(27);
    expect(capabilityNumber("40")).toBe(40);
    expect(capabilityNumber("41")).toBeUndefined();
  });
  test("signals (x86_64)", () => {
    expect(SIGNALS.SIGPWR).toBe(30);
    expect(SIGNALS.SIGUSR1).toBe(10);
    expect(SIGNALS.SIGCLD).toBe(17);
    expect(signalNumber("sigterm")).toBe(15);
    expect(signalNumber("SIGRTMIN+3")).toBe(37);
    expect(signalNumber("SIGRTMAX-1")).toBe(63);
    expect(signalNumber("SIGRTMIN")).toBeUndefined();
    expect(signalNumber("TERM")).toBeUndefined();
  });
});

describe("numbers and switches", () => {
  test("unsigned integers (C-style: decimal, 0x hex, leading-0 octal)", () => {
    ok("lxc.tty.max", [["4", "4"], ["+3", "3"], ["0x10", "16"], ["010", "8"], ["4294967295", "4294967295"]]);
    bad("lxc.tty.max", ["-1", "1.5", "abc", "4294967296", "4 5"]);
  });
  test("signed order", () => {
    ok("lxc.start.order", [["-5", "-5"], ["2147483647", "2147483647"]]);
    bad("lxc.start.order", ["2147483648", "x"]);
  });
  test("0/1 switches", () => {
    ok("lxc.autodev", [["0", "0"], ["1", "1"]]);
    bad("lxc.autodev", ["2", "yes", "true", "-1"]);
    bad("lxc.hook.version", ["2"]);
  });
});

describe("signals", () => {
  test("names with SIG prefix in any case, numbers, real-time offsets", () => {
    ok("lxc.signal.halt", [["SIGPWR", "30"], ["sigusr1", "10"], ["SIGRTMIN+0", "34"], ["SIGRTMAX-30", "34"], ["64", "64"], ["0", "0"]]);
    bad("lxc.signal.stop", ["USR1", "SIGRTMIN", "SIGRTMIN+31", "SIGRTMAX-31", "65", "-1", "SIGFOO", "SIGRTMIN + 1"]);
  });
});

describe("capabilities", () => {
  test("lowercase names without cap_, or numbers", () => {
    ok("lxc.cap.drop", [["sys_module   mac_admin", "sys_module mac_admin"], ["21", "21"], ["checkpoint_restore bpf perfmon", "checkpoint_restore bpf perfmon"]]);
    ok("lxc.cap.keep", [["none", "none"]]);
    bad("lxc.cap.drop", ["SYS_ADMIN", "cap_sys_admin", "sys_admin,mknod", "41", "none", "bogus"]);
  });
});

describe("id maps", () => {
  test("u|g NSID HOSTID RANGE", () => {
    ok("lxc.idmap", [["u 0 100000 65536", "u 0 100000 65536"], ["g   0   100000   65536", "g 0 100000 65536"]]);
    bad("lxc.idmap", ["b 0 100000 65536", "U 0 1 1", "u 0 100000", "u -1 1 1", "u 0 1 1 extra", "u:0:100000:65536", "u 0 1 0"]);
  });
});

describe("architectures, mounts, log levels, sizes, namespaces", () => {
  test("lxc.arch", () => {
    ok("lxc.arch", [["amd64", "amd64"], ["i686", "i686"], ["arm64", "arm64"], ["ppc64le", "ppc64le"]]);
    bad("lxc.arch", ["AMD64", "sparc", "bogus"]);
  });
  test("lxc.mount.auto tokens", () => {
    ok("lxc.mount.auto", [["proc sys cgroup", "proc sys cgroup"], ["cgroup-full:ro:force cgroup2:ro", "cgroup-full:ro:force cgroup2:ro"], ["shmounts:/a:/b", "shmounts:/a:/b"]]);
    bad("lxc.mount.auto", ["proc,sys", "proc:ro", "cgroup:bogus", "cgroup2:rw", "shmounts:", "bogus"]);
  });
  test("lxc.mount.entry is an fstab line", () => {
    ok("lxc.mount.entry", [["proc proc proc nodev,noexec,nosuid 0 0", "proc proc proc nodev,noexec,nosuid 0 0"], ["/a b none bind", "/a b none bind"]]);
    bad("lxc.mount.entry", ["a", "/a b", "/a b none bind,create=socket 0 0", "/a b none bind x 0"]);
  });
  test("lxc.log.level", () => {
    ok("lxc.log.level", [["0", "TRACE"], ["8", "FATAL"], ["debug", "DEBUG"], ["Warn", "WARN"]]);
    bad("lxc.log.level", ["9", "-1", "warning", "verbose"]);
  });
  test("console sizes", () => {
    ok("lxc.console.buffer.size", [["auto", "131072"], ["1000", "4096"], ["5000", "8192"], ["64KB", "65536"], ["1 MB", "1048576"], ["1gb", "1073741824"], ["0", "4096"]]);
    bad("lxc.console.size", ["64K", "1TB", "abc", "-1"]);
  });
  test("namespaces", () => {
    ok("lxc.namespace.clone", [["net  mnt", "net mnt"]]);
    bad("lxc.namespace.keep", ["mount", "net,mnt"]);
    ok("lxc.namespace.share.net", [["web2", "web2"], ["/var/lib/lxc/web2", "/var/lib/lxc/web2"], ["1234", "1234"]]);
    expect(() => norm("lxc.namespace.share.bogus", "1")).toThrow("unknown config key");
  });
  test("time offsets", () => {
    ok("lxc.time.offset.boot", [["10s", "10s"], ["-3h", "-3h"], ["250ms", "250ms"]]);
    bad("lxc.time.offset.monotonic", ["10", "5x", "1.5s"]);
  });
  test("resource limits", () => {
    ok("lxc.prlimit.nofile", [["1024", "1024"], ["1024:4096", "1024:4096"], ["unlimited", "unlimited"], ["-1", "unlimited"], ["4096:unlimited", "4096:unlimited"], ["8:8", "8"], ["1024:", "1024"]]);
    bad("lxc.prlimit.nofile", ["abc", "1:2:3", "0x10"]);
    expect(() => norm("lxc.prlimit.bogus", "1")).toThrow("unknown resource");
  });
  test("syslog facility", () => {
    ok("lxc.log.syslog", [["daemon", "daemon"], ["LOCAL3", "LOCAL3"]]);
    bad("lxc.log.syslog", ["user", "bogus"]);
  });
});

describe("paths and names", () => {
  test("lxc.rootfs.path: [TYPE:]LOCATION with known backends", () => {
    for (const v of ["/var/lib/lxc/c1/rootfs", "dir:/r", "overlay:/lower:/upper", "overlayfs:/l1:/l2:/u", "btrfs:/r", "lvm:/dev/vg/lv", "zfs:tank/lxc/c1", "loop:/img", "rbd:/dev/rbd/p/i", "nbd:/img.qcow2:1"]) {
      expect(norm("lxc.rootfs.path", v)).toBe(v);
    }
    bad("lxc.rootfs.path", ["relative/path", "bogus:/x", "dir:relative", "overlay:/a", "lvm:vg/lv", "nbd:f:x", "zfs:"]);
  });
  test("absolute paths where required", () => {
    ok("lxc.init.cwd", [["/srv", "/srv"]]);
    bad("lxc.init.cwd", ["srv"]);
    ok("lxc.console.path", [["none", "none"], ["/dev/console", "/dev/console"]]);
    bad("lxc.console.path", ["tty1"]);
  });
  test("cgroup directories and tty dir", () => {
    ok("lxc.cgroup.dir", [["lxc/c1", "lxc/c1"]]);
    bad("lxc.cgroup.dir", ["/abs", "a/../b"]);
    bad("lxc.tty.dir", ["/dev/lxc", "../x"]);
  });
  test("hostname", () => {
    ok("lxc.uts.name", [["web-1.example", "web-1.example"], ["x".repeat(64), "x".repeat(64)]]);
    bad("lxc.uts.name", ["x".repeat(65), "a b", "c1 # comment"]);
  });
  test("environment and init groups", () => {
    ok("lxc.environment", [["A=1", "A=1"], ["PATH", "PATH"], ["B=", "B="]]);
    bad("lxc.environment", ["=x", "A B=1"]);
    ok("lxc.init.groups", [["4,27", "4,27"], [",1", "1"], ["1, 2", "1,2"]]);
    bad("lxc.init.groups", ["1,abc", "1 2"]);
  });
  test("cgroup device rules", () => {
    ok("lxc.cgroup2.devices.allow", [["c 1:3 rwm", "c 1:3 rwm"], ["b *:* m", "b *:* m"], ["a", "a"]]);
    bad("lxc.cgroup.devices.deny", ["x 1:3 rwm", "c 1:3", "c 1 rwm", "c 1:3 rwx"]);
    expect(() => norm("lxc.cgroup.nodot", "1")).toThrow("unknown config key");
  });
  test("seccomp notify proxy", () => {
    ok("lxc.seccomp.notify.proxy", [["unix:/run/p.sock", "unix:/run/p.sock"], ["unix:@abs", "unix:@abs"]]);
    bad("lxc.seccomp.notify.proxy", ["/run/p.sock"]);
  });
  test("clear-only keys refuse a value; lxc.arch refuses a clear", () => {
    for (const k of ["lxc.net", "lxc.hook", "lxc.cgroup", "lxc.cgroup2", "lxc.prlimit", "lxc.sysctl", "lxc.proc"]) {
      expect(norm(k, "")).toBe("");
      expect(() => norm(k, "x")).toThrow("only clears");
    }
    expect(() => norm("lxc.arch", "")).toThrow("cannot be empty");
  });
});

describe("network values", () => {
  test("types", () => {
    for (const t of ["empty", "none", "veth", "vlan", "macvlan", "ipvlan", "phys"]) expect(norm("lxc.net.0.type", t)).toBe(t);
    bad("lxc.net.0.type", ["VETH", "bridge"]);
  });
  test("hwaddr with x placeholders", () => {
    ok("lxc.net.0.hwaddr", [["00:16:3e:xx:xx:xx", "00:16:3e:xx:xx:xx"], ["00:16:3E:AB:cd:01", "00:16:3E:AB:cd:01"], ["xx:xx:xx:xx:xx:xx", "xx:xx:xx:xx:xx:xx"]]);
    bad("lxc.net.0.hwaddr", ["01:16:3e:00:00:01", "zz:16:3e:00:00:01", "00:16:3e:ab:cd", "0:16:3e:ab:cd:1", "00-16-3e-ab-cd-01"]);
  });
  test("IPv4 addresses, gateways and routes", () => {
    ok("lxc.net.0.ipv4.address", [["10.0.3.5/24", "10.0.3.5/24"], ["10.0.3.5", "10.0.3.5/8"], ["10.0.3.5/24 10.0.3.255", "10.0.3.5/24 10.0.3.255"], ["10.0.0.2/0", "10.0.0.2/0"]]);
    bad("lxc.net.0.ipv4.address", ["10.0.0.256/24", "10.0.0.2/33", "010.0.0.2/24", "10.0.0.2/", "10.0.0.2/024", "10.0.0.2/24 bogus", "fd00::1"]);
    ok("lxc.net.0.ipv4.gateway", [["10.0.3.1", "10.0.3.1"], ["auto", "auto"], ["dev", "dev"]]);
    bad("lxc.net.0.ipv4.gateway", ["10.0.3.1/24", "10.0.0.1 10.0.0.2"]);
    ok("lxc.net.0.veth.ipv4.route", [["10.0.0.0/24", "10.0.0.0/24"]]);
    bad("lxc.net.0.veth.ipv4.route", ["10.0.0.1"]);
  });
  test("IPv6 addresses, gateways and routes", () => {
    ok("lxc.net.0.ipv6.address", [["fd00::2", "fd00::2/64"], ["FD00:0:0::2/48", "fd00::2/48"], ["::ffff:1.2.3.4/96", "::ffff:1.2.3.4/96"]]);
    bad("lxc.net.0.ipv6.address", ["fd00::2/129", "1::2::3", "1:2:3:4:5:6:7:8:9", "fd00::2/", "10.0.0.1"]);
    ok("lxc.net.0.ipv6.gateway", [["FD00::1", "fd00::1"], ["auto", "auto"]]);
    bad("lxc.net.0.ipv6.gateway", ["10.0.0.1"]);
    bad("lxc.net.0.veth.ipv6.route", ["fd00::1"]);
  });
  test("interface names, MTU, VLANs, modes, queues, flags", () => {
    ok("lxc.net.0.name", [["eth0", "eth0"], ["eth%d", "eth%d"], ["0123456789abcde", "0123456789abcde"]]);
    bad("lxc.net.0.name", ["0123456789abcdef", "a b", "a/b"]);
    bad("lxc.net.0.link", ["0123456789abcdefgh"]);
    ok("lxc.net.0.mtu", [["1500", "1500"], ["9000", "9000"]]);
    bad("lxc.net.0.mtu", ["abc", "-1", "70000", "10"]);
    ok("lxc.net.0.veth.vlan.id", [["none", "-1"], ["4094", "4094"]]);
    bad("lxc.net.0.veth.vlan.id", ["4095"]);
    bad("lxc.net.0.vlan.id", ["5000"]);
    bad("lxc.net.0.veth.vlan.tagged.id", ["4095"]);
    bad("lxc.net.0.macvlan.mode", ["bogus"]);
    bad("lxc.net.0.ipvlan.mode", ["L3"]);
    bad("lxc.net.0.ipvlan.isolation", ["x"]);
    bad("lxc.net.0.veth.mode", ["bogus"]);
    bad("lxc.net.0.veth.n_rxqueues", ["0", "abc"]);
    ok("lxc.net.0.flags", [["up", "up"]]);
    bad("lxc.net.0.flags", ["down"]);
    bad("lxc.net.0.l2proxy", ["2"]);
  });
  test("NIC keys: index spelling and unknown subkeys", () => {
    expect(checkEntry("lxc.net.00.type", "veth", at).key).toBe("lxc.net.0.type");
    expect(() => norm("lxc.net.x.type", "veth")).toThrow("unknown config key");
    expect(() => norm("lxc.net.0.TYPE", "veth")).toThrow("unknown config key");
    expect(() => norm("lxc.net.0", "veth")).toThrow("unknown config key");
  });
});
