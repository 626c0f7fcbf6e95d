// get-item output (`lxc-info -c KEY`) against what real LXC 5.0.2 printed, key by key.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { exactKeys, netSubkeys, topLevelKeys, parseContainerConfig } from "../../src/config/index.ts";
import { BUSYBOX, DOWNLOAD_MAIN, EVERYTHING, KEY_SAMPLES, LXC_GOLDEN, QUERIED_KEYS, SHARED } from "./config-fixtures.test.ts";

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "lxcts-getitem-"));
  for (const [p, t] of Object.entries(SHARED)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), t.replaceAll("@ROOT@", root));
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("key table", () => {
  test("86 top-level entries and 25 network subkeys, as in LXC 5.0.2", () => {
    expect(topLevelKeys().length).toBe(86);
    expect(new Set(topLevelKeys()).size).toBe(86);
    expect(netSubkeys().length).toBe(25);
  });
  test("every exact key has a sample in the recorded table", () => {
    const sampled = new Set(KEY_SAMPLES.map((r) => r[0]));
    for (const k of exactKeys().keys()) expect(sampled.has(k)).toBe(true);
    for (const s of netSubkeys()) expect(sampled.has(`lxc.net.0.${s.name}`)).toBe(true);
  });
});

describe("every key parses, reads back and clears like LXC", () => {
  for (const [key, value, pre, afterSet, afterClear] of KEY_SAMPLES) {
    test(key, () => {
      const set = parseContainerConfig(`${pre}${key} = ${value}\n`, "/x/config");
      expect(set.getItem(key)).toBe(afterSet);
      if (key === "lxc.arch") {
        expect(() => parseContainerConfig(`${key} = ${value}\n${key} =\n`, "/x/config")).toThrow("cannot be empty");
        return;
      }
      const cleared = parseContainerConfig(value === "" ? `${pre}${key} =\n` : `${pre}${key} = ${value}\n${key} =\n`, "/x/config");
      expect(cleared.getItem(key)).toBe(afterClear);
    });
  }
});

describe("defaults of an empty config (lxc-info -c on a one-line config)", () => {
  const c = parseContainerConfig("lxc.uts.name = c\n", "/x/config");
  const cases: [string, string | null][] = [
    ["lxc.tty.max", "0"], ["lxc.pty.max", "0"], ["lxc.autodev", "1"], ["lxc.hook.version", "0"],
    ["lxc.log.level", "NOTSET"], ["lxc.signal.halt", "0"], ["lxc.start.order", "0"], ["lxc.init.cmd", ""],
    ["lxc.rootfs.mount", "/usr/lib/x86_64-linux-gnu/lxc/rootfs"], ["lxc.monitor.signal.pdeath", "9"],
    ["lxc.rootfs.managed", "1"], ["lxc.cgroup.dir", "(null)"], ["lxc.namespace.share.net", "(null)"],
    ["lxc.time.offset.boot", "0 ns\n"], ["lxc.time.offset.monotonic", "0ns\n"], ["lxc.net", ""],
    ["lxc.include", null], ["lxc.hook", null], ["lxc.net.0", null], ["lxc.net.0.type", null],
    ["lxc.namespace.share", null], ["lxc.utsname", null], ["bogus.key", null], ["lxc.cgroup.memory", ""],
  ];
  for (const [k, v] of cases) test(k, () => expect(c.getItem(k)).toBe(v));
});

describe("realistic configs read back exactly as lxc-info printed them", () => {
  const fixtures: [string, () => string][] = [
    ["BUSYBOX", () => BUSYBOX],
    ["DOWNLOAD", () => DOWNLOAD_MAIN.replaceAll("@ROOT@", root)],
    ["EVERYTHING", () => EVERYTHING],
  ];
  for (const [name, text] of fixtures) {
    test(name, () => {
      const c = parseContainerConfig(text(), join(root, `${name}.conf`));
      const golden = LXC_GOLDEN[name]!;
      for (const k of QUERIED_KEYS) expect([k, c.getItem(k)]).toEqual([k, golden[k] ?? null]);
    });
  }
});

describe("quirks kept on purpose", () => {
  const item = (text: string, key: string) => parseContainerConfig(text, "/x/config").getItem(key);
  test("cap.keep and cap.drop read back the same list", () => {
    expect(item("lxc.cap.keep = sys_admin\n", "lxc.cap.drop")).toBe("sys_admin\n");
    expect(item("lxc.cap.drop = mknod\n", "lxc.cap.keep")).toBe("mknod\n");
  });
  test("an IPv4 address without prefix gets the prefix LXC 5.0.2 derives from its last byte", () => {
    const t = "lxc.net.0.type = veth\nlxc.net.0.ipv4.address = ";
    expect(item(`${t}192.168.1.1\n`, "lxc.net.0.ipv4.address")).toBe("192.168.1.1/8");
    expect(item(`${t}10.0.0.150\n`, "lxc.net.0.ipv4.address")).toBe("10.0.0.150/16");
    expect(item(`${t}10.0.0.200\n`, "lxc.net.0.ipv4.address")).toBe("10.0.0.200/24");
    expect(item(`${t}10.0.0.230\n`, "lxc.net.0.ipv4.address")).toBe("10.0.0.230/0");
  });
  test("IPv6 addresses are shown in canonical form", () => {
    const t = "lxc.net.0.type = veth\nlxc.net.0.ipv6.address = ";
    expect(item(`${t}2001:db8:0:0:1:0:0:1\n`, "lxc.net.0.ipv6.address")).toBe("2001:db8::1:0:0:1/64");
    expect(item(`${t}::ffff:0102:0304\n`, "lxc.net.0.ipv6.address")).toBe("::ffff:1.2.3.4/64");
    expect(item(`${t}1:0:0:2:0:0:0:3\n`, "lxc.net.0.ipv6.address")).toBe("1:0:0:2::3/64");
  });
  test("mount.auto lists only proc/sys/cgroup states without :force", () => {
    expect(item("lxc.mount.auto = sys:ro proc cgroup:rw:force shmounts:/a\n", "lxc.mount.auto")).toBe("proc:mixed sys:ro");
    expect(item("lxc.mount.auto = cgroup2 cgroup:mixed\n", "lxc.mount.auto")).toBe("cgroup:mixed");
  });
  test("type empty names the NIC lo; a cleared type reads (null)", () => {
    expect(item("lxc.net.0.type = empty\n", "lxc.net.0.name")).toBe("lo");
    expect(item("lxc.net.0.type = veth\nlxc.net.0.type =\n", "lxc.net")).toBe("(invalid)\n");
    expect(item("lxc.net.0.type = veth\nlxc.net.0.type =\n", "lxc.net.0.type")).toBe("(null)");
  });
  test("subkeys of another NIC type are invalid", () => {
    expect(item("lxc.net.0.type = veth\n", "lxc.net.0.macvlan.mode")).toBeNull();
    expect(item("lxc.net.0.type = macvlan\n", "lxc.net.0.macvlan.mode")).toBe("private");
  });
  test("lxc.proc.X concatenates its values", () => {
    expect(item("lxc.proc.a = 1\nlxc.proc.b = 2\nlxc.proc.a = 3\n", "lxc.proc.a")).toBe("13");
  });
  test("a bare lxc.environment name takes its value from the caller", () => {
    const c = parseContainerConfig("lxc.environment = FOO\n", "/x/config", { env: { FOO: "bar" } });
    expect(c.getItem("lxc.environment")).toBe("FOO=bar\n");
  });
});
