import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type HostView, checkconfigReport } from "../../src/checkconfig/index.ts";
import { parseKernelConfig, readKernelConfigText, realFiles } from "../../src/sys/kernel-config.ts";

const tmp = mkdtempSync(join(tmpdir(), "checkconfig-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HYBRID_MOUNTS = [
  "sysfs /sys sysfs rw 0 0",
  "cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0",
  "cgroup /sys/fs/cgroup/freezer cgroup rw,freezer 0 0",
  "cgroup /sys/fs/cgroup/systemd cgroup rw,name=systemd 0 0",
  "cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0",
].join("\n");

/**
 * A described host: files by path (directories are implied), every command on PATH and
 * setuid. Files under the test's temporary directory are the real ones (CONFIG points there).
 */
function fakeHost(files: Record<string, string | Buffer>, extra: Partial<HostView> = {}): HostView {
  const has = (p: string) => p in files || Object.keys(files).some((f) => f.startsWith(`${p}/`));
  const real = (p: string) => p.startsWith(`${tmp}/`);
  return {
    release: "6.1.0-test",
    isFile: (p) => (real(p) ? realFiles.isFile(p) : p in files),
    readBytes: (p) => (real(p) ? realFiles.readBytes(p) : p in files ? Buffer.from(files[p] ?? "") : null),
    read: (p) => (p in files ? String(files[p]) : null),
    exists: has,
    list: (p) =>
      has(p) ? [...new Set(Object.keys(files).filter((f) => f.startsWith(`${p}/`)).map((f) => f.slice(p.length + 1).split("/")[0] ?? ""))] : null,
    readlink: () => null,
    which: (cmd) => `/usr/bin/${cmd}`,
    isSetuid: () => true,
    ...extra,
  };
}

const CONFIG = `#
# Automatically generated file; DO NOT EDIT.
# Linux/x86 6.1.0 Kernel Configuration
#
CONFIG_NAMESPACES=y
CONFIG_UTS_NS=y
CONFIG_IPC_NS=y
# CONFIG_PID_NS is not set
CONFIG_USER_NS=y
CONFIG_NET_NS=y
CONFIG_CGROUPS=y
CONFIG_CGROUP_DEVICE=y
CONFIG_CGROUP_SCHED=y
CONFIG_MEMCG=y
CONFIG_SMP=y
CONFIG_CPUSETS=y
CONFIG_VETH=m
CONFIG_MACVLAN=m
CONFIG_BRIDGE=y
CONFIG_NETFILTER_ADVANCED=y
CONFIG_IP_NF_TARGET_MASQUERADE=m
CONFIG_FUSE_FS=m
CONFIG_CHECKPOINT_RESTORE=y
CONFIG_EPOLL=y
CONFIG_DEFAULT_HOSTNAME="(none)"
`;

const host = fakeHost({ "/proc/self/mounts": HYBRID_MOUNTS, "/sys/fs/cgroup/memory/cgroup.clone_children": "0", "/proc/self/ns/cgroup": "" });

async function report(config: string | Buffer, h: HostView = host, tty = false) {
  const path = join(tmp, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, config);
  return checkconfigReport({ tty, env: { CONFIG: path }, host: h });
}

describe("with a configuration file (CONFIG=)", () => {
  test("verdict per feature, in LXC's sections and labels", async () => {
    const r = await report(CONFIG);
    expect(r.exitCode).toBe(0);
    expect(r.text).toBe(
      [
        "LXC version 5.0.2",
        "",
        "--- Namespaces ---",
        "Namespaces: enabled",
        "Utsname namespace: enabled",
        "Ipc namespace: enabled",
        "Pid namespace: required",
        "User namespace: enabled",
        "Network namespace: enabled",
        "",
        "--- Control groups ---",
        "Cgroups: enabled",
        "Cgroup namespace: enabled",
        "Cgroup v1 mount points:",
        " - /sys/fs/cgroup/memory",
        " - /sys/fs/cgroup/freezer",
        " - /sys/fs/cgroup/systemd",
        "Cgroup v2 mount points:",
        " - /sys/fs/cgroup/unified",
        "Cgroup v1 clone_children flag: enabled",
        "Cgroup device: enabled",
        "Cgroup sched: enabled",
        "Cgroup cpu account: missing",
        "Cgroup memory controller: enabled",
        "Cgroup cpuset: enabled",
        "",
        "--- Misc ---",
        "Veth pair device: enabled (as module)",
        "Macvlan: enabled (as module)",
        "Vlan: missing",
        "Bridges: enabled",
        "Advanced netfilter: enabled",
        "CONFIG_IP_NF_TARGET_MASQUERADE: enabled (as module)",
        "CONFIG_IP6_NF_TARGET_MASQUERADE: missing",
        "CONFIG_NETFILTER_XT_TARGET_CHECKSUM: missing",
        "CONFIG_NETFILTER_XT_MATCH_COMMENT: missing",
        "FUSE (for use with lxcfs): enabled (as module)",
        "",
        "--- Checkpoint/Restore ---",
        "checkpoint restore: enabled",
        "CONFIG_FHANDLE: missing",
        "CONFIG_EVENTFD: missing",
        "CONFIG_EPOLL: enabled",
        "CONFIG_UNIX_DIAG: missing",
        "CONFIG_INET_DIAG: missing",
        "CONFIG_PACKET_DIAG: missing",
        "CONFIG_NETLINK_DIAG: missing",
        "File capabilities: enabled",
        "",
        "Note: to check a kernel before booting it, point CONFIG at its configuration file:",
        "  CONFIG=/path/to/config lxc-checkconfig",
        "",
      ].join("\n"),
    );
  });

  test("gzip-compressed files are read whatever their name", async () => {
    const plain = await report(CONFIG);
    const gz = await report(gzipSync(CONFIG));
    expect(gz.text).toBe(plain.text);
  });

  test("colours only on a terminal", async () => {
    const r = await report(CONFIG, host, true);
    expect(r.text).toContain("Namespaces: \x1b[1;32menabled\x1b[0;39m\n");
    expect(r.text).toContain("Pid namespace: \x1b[1;31mrequired\x1b[0;39m\n");
    expect(r.text).toContain("Vlan: \x1b[1;33mmissing\x1b[0;39m\n");
    expect((await report(CONFIG)).text).not.toContain("\x1b[");
  });

  test("cpuset is only reported with CONFIG_SMP", async () => {
    const r = await report(CONFIG.replace("CONFIG_SMP=y\n", ""));
    expect(r.text).not.toContain("Cgroup cpuset");
  });

  test("version-dependent checks follow the configuration's kernel version", async () => {
    const v49 = await report(CONFIG.replace("6.1.0", "4.9.0"));
    expect(v49.text).toContain("CONFIG_NF_NAT_IPV4: missing\nCONFIG_NF_NAT_IPV6: missing\n");
    expect(v49.text).not.toContain("Multiple /dev/pts");
    const v44 = await report(CONFIG.replace("6.1.0", "4.4.0"));
    expect(v44.text).toContain("Network namespace: enabled\nMultiple /dev/pts instances: missing\n");
    expect(v44.text).toContain("Cgroup namespace: missing\n");
    expect(v44.text).not.toContain("CONFIG_NF_NAT_IPV4");
    const v32 = await report(CONFIG.replace("6.1.0", "3.2.0").replace("CONFIG_MEMCG=y", "CONFIG_CGROUP_MEM_RES_CTLR=y"));
    expect(v32.text).toContain("Cgroup memory controller: enabled\n");
  });

  test("a configuration without its version header gets a warning", async () => {
    const r = await report(CONFIG.replace("# Linux/x86 6.1.0 Kernel Configuration\n", ""));
    expect(r.text.split("\n").slice(0, 3)).toEqual([
      "LXC version 5.0.2",
      "Warning: the configuration does not say which kernel it is for; assuming a recent one",
      "",
    ]);
  });

  test("a CONFIG that does not exist is an error, not a silent fallback", async () => {
    const r = await checkconfigReport({ tty: false, env: { CONFIG: join(tmp, "nope") }, host });
    expect(r).toEqual({ text: "", stderr: `lxc-checkconfig: cannot read the kernel configuration ${join(tmp, "nope")} (from CONFIG)\n`, exitCode: 1 });
  });

  test("newuidmap / newgidmap problems are reported under User namespace", async () => {
    const h = { ...host, which: (cmd: string) => (cmd === "newuidmap" ? null : `/usr/bin/${cmd}`), isSetuid: () => false };
    const r = await report(CONFIG, h);
    expect(r.text).toContain(
      "User namespace: enabled\n" +
        "newuidmap: not installed (unprivileged containers need it)\n" +
        "newgidmap: not setuid root (/usr/bin/newgidmap; unprivileged containers need that)\n" +
        "Network namespace: enabled\n",
    );
  });

  test("cgroup v1 controllers LXC needs are checked unless the host is cgroup2-only", async () => {
    const noFreezer = fakeHost({ "/proc/self/mounts": HYBRID_MOUNTS.replace(/.*freezer.*\n/, "") });
    expect((await report(CONFIG, noFreezer)).text).toContain("Cgroup v1 freezer controller: missing\n");
    const unified = fakeHost({ "/proc/self/mounts": "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0" });
    const text = (await report(CONFIG, unified)).text;
    expect(text).toContain("Cgroup v1 mount points:\nCgroup v2 mount points:\n - /sys/fs/cgroup\nCgroup device");
    expect(text).not.toContain("Cgroup v1 systemd");
  });
});

describe("the running kernel's configuration", () => {
  test("found in /boot: said so; modules show whether they are loaded", async () => {
    const h = fakeHost({
      "/boot/config-6.1.0-test": CONFIG,
      "/proc/modules": "veth 40960 0 - Live 0x0\nfuse 180224 3 - Live 0x0\n",
      "/proc/self/mounts": HYBRID_MOUNTS,
    });
    const r = await checkconfigReport({ tty: false, env: {}, host: h });
    expect(r.text.split("\n").slice(0, 2)).toEqual([
      "LXC version 5.0.2",
      "Kernel configuration not found at /proc/config.gz; using /boot/config-6.1.0-test",
    ]);
    expect(r.text).toContain("Veth pair device: enabled (as module), loaded\nMacvlan: enabled (as module), not loaded\n");
    expect(r.text).toContain("FUSE (for use with lxcfs): enabled (as module), loaded\n");
  });
});

describe("no configuration anywhere: probing the running kernel", () => {
  const probed = fakeHost({
    "/proc/self/ns/uts": "",
    "/proc/self/ns/ipc": "",
    "/proc/self/ns/pid": "",
    "/proc/self/ns/net": "",
    "/proc/self/ns/mnt": "",
    "/proc/self/cgroup": "0::/\n",
    "/proc/self/mounts": HYBRID_MOUNTS,
    "/proc/cgroups": "#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t1\t1\t1\nmemory\t2\t1\t1\ndevices\t3\t1\t0\n",
    "/proc/filesystems": "nodev\tsysfs\nnodev\tfuse\n",
    "/proc/net/ip_tables_targets": "SNAT\nMASQUERADE\n",
    "/proc/modules": "macvlan 40960 0 - Live 0x0\n",
    "/lib/modules/6.1.0-test/modules.builtin": "kernel/drivers/net/veth.ko\nkernel/net/bridge/bridge.ko\n",
    "/lib/modules/6.1.0-test/modules.dep": "kernel/net/8021q/8021q.ko.xz:\nkernel/drivers/net/macvlan.ko.xz:\n",
  });

  test("says so on the first line, and tells what it could not judge", async () => {
    const r = await checkconfigReport({ tty: false, env: {}, host: probed });
    const lines = r.text.split("\n");
    expect(lines[0]).toStartWith("Kernel configuration not found (looked for /proc/config.gz, /boot/config-6.1.0-test");
    expect(lines[0]).toContain("checking the running kernel through /proc and /sys instead");
    expect(lines[1]).toBe("LXC version 5.0.2");
    expect(r.exitCode).toBe(0);
    const has = (l: string) => expect(lines).toContain(l);
    has("Namespaces: enabled");
    has("User namespace: missing");
    has("Cgroup namespace: missing");
    has("Cgroup sched: enabled");
    has("Cgroup device: missing"); // listed but disabled
    has("Cgroup cpu account: missing");
    has("Veth pair device: enabled");
    has("Macvlan: enabled (as module), loaded");
    has("Vlan: enabled (as module), not loaded");
    has("Bridges: enabled");
    has("CONFIG_IP_NF_TARGET_MASQUERADE: enabled");
    has("CONFIG_IP6_NF_TARGET_MASQUERADE: missing"); // modules.builtin is authoritative
    has("FUSE (for use with lxcfs): enabled");
    has("Advanced netfilter: unknown");
    has("CONFIG_FHANDLE: unknown");
    has("checkpoint restore: unknown");
  });
});

describe("kernel-config helpers", () => {
  test("parse options and version", () => {
    const cfg = parseKernelConfig(CONFIG);
    expect(cfg.version).toEqual({ major: 6, minor: 1 });
    expect(cfg.options.get("CONFIG_VETH")).toBe("m");
    expect(cfg.options.get("CONFIG_DEFAULT_HOSTNAME")).toBe('"(none)"');
    expect(cfg.options.has("CONFIG_PID_NS")).toBe(false);
  });
  test("a corrupt gzip file reads as nothing", () => {
    const p = join(tmp, "bad.gz");
    writeFileSync(p, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(readKernelConfigText(p, realFiles)).toBeNull();
  });
});
