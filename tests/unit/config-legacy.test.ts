// Pre-2.1 key names: read at load time with a notice, and rewritten by updateConfigText
// (lxc-update-config), including the indexed lxc.network.N.ipv4 form LXC's script gets wrong.
import { describe, expect, test } from "bun:test";
import { parseContainerConfig, updateConfigText } from "../../src/config/index.ts";
import { BUSYBOX, DOWNLOAD_MAIN, EVERYTHING } from "./config-fixtures.test.ts";

const load = (text: string) => parseContainerConfig(text, "/var/lib/lxc/old/config");

describe("reading legacy keys", () => {
  test("lxc.utsname, with a one-line notice naming file, line and the fix", () => {
    const c = load("# old\nlxc.utsname = old1\n");
    expect(c.get("lxc.uts.name")).toBe("old1");
    expect(c.getItem("lxc.uts.name")).toBe("old1");
    expect(c.notices).toEqual([
      "/var/lib/lxc/old/config:2: legacy key lxc.utsname read as lxc.uts.name; run lxc-update-config -c /var/lib/lxc/old/config to rewrite it",
    ]);
    expect(c.entries[0]).toMatchObject({ key: "lxc.uts.name", writtenKey: "lxc.utsname", line: 2 });
  });
  test("unprivileged id maps (lxc.id_map)", () => {
    const c = load("lxc.id_map = u 0 100000 65536\nlxc.id_map = g 0 100000 65536\n");
    expect(c.getList("lxc.idmap")).toEqual(["u 0 100000 65536", "g 0 100000 65536"]);
    expect(c.getItem("lxc.idmap")).toBe("u 0 100000 65536\ng 0 100000 65536");
  });
  test("one bridged NIC (lxc.network.type / lxc.network.link)", () => {
    const c = load("lxc.network.type = veth\nlxc.network.link = lxcbr0\nlxc.network.flags = up\nlxc.network.hwaddr = 00:16:3e:xx:xx:xx\n");
    const [n] = c.networks();
    expect(n).toMatchObject({ index: 0, type: "veth", link: "lxcbr0", up: true, hwaddrTemplate: "00:16:3e:xx:xx:xx" });
    expect(n!.hwaddr).toMatch(/^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
  });
  test("two NIC blocks get indexes 0 and 1; ipv4/ipv6 become .address", () => {
    const c = load(
      [
        "lxc.network.type = veth",
        "lxc.network.link = lxcbr0",
        "lxc.network.ipv4 = 10.0.3.10/24",
        "lxc.network.ipv4.gateway = 10.0.3.1",
        "lxc.network.type = veth",
        "lxc.network.link = br1",
        "lxc.network.name = eth1",
        "lxc.network.ipv6 = fd00::10/64",
        "",
      ].join("\n"),
    );
    const nets = c.networks();
    expect(nets.map((n) => [n.index, n.link, n.name, n.ipv4, n.ipv6, n.ipv4Gateway])).toEqual([
      [0, "lxcbr0", undefined, ["10.0.3.10/24"], [], "10.0.3.1"],
      [1, "br1", "eth1", [], ["fd00::10/64"], undefined],
    ]);
    expect(c.getItem("lxc.net")).toBe("veth\nveth\n");
  });
  test("indexed legacy form, ipv4 included", () => {
    const c = load("lxc.network.1.type = veth\nlxc.network.1.ipv4 = 192.168.5.2/24\n");
    expect(c.getItem("lxc.net.1.ipv4.address")).toBe("192.168.5.2/24");
  });
  test("lxc.aa_profile, lxc.tty, lxc.pts, lxc.console, lxc.mount, lxc.limit.*, signals", () => {
    const c = load(
      "lxc.aa_profile = unconfined\nlxc.tty = 4\nlxc.pts = 1024\nlxc.console = none\nlxc.mount = /var/lib/lxc/old/fstab\nlxc.limit.nofile = 1024\nlxc.haltsignal = SIGPWR\nlxc.devttydir = lxc\nlxc.init_cmd = /sbin/init\nlxc.loglevel = 1\n",
    );
    expect(c.get("lxc.apparmor.profile")).toBe("unconfined");
    expect(c.getItem("lxc.tty.max")).toBe("4");
    expect(c.getItem("lxc.pty.max")).toBe("1024");
    expect(c.getItem("lxc.console.path")).toBe("none");
    expect(c.getItem("lxc.mount.fstab")).toBe("/var/lib/lxc/old/fstab");
    expect(c.getItem("lxc.prlimit.nofile")).toBe("1024");
    expect(c.getItem("lxc.signal.halt")).toBe("30");
    expect(c.getItem("lxc.tty.dir")).toBe("lxc");
    expect(c.getItem("lxc.init.cmd")).toBe("/sbin/init");
    expect(c.getItem("lxc.log.level")).toBe("DEBUG");
  });
  test("lxc.rootfs gets the lxc.rootfs.backend type (anywhere in the file) or dir:", () => {
    expect(load("lxc.rootfs = /var/lib/lxc/old/rootfs\n").get("lxc.rootfs.path")).toBe("dir:/var/lib/lxc/old/rootfs");
    const lvm = load("lxc.rootfs = /dev/vg0/old\nlxc.rootfs.backend = lvm\n");
    expect(lvm.get("lxc.rootfs.path")).toBe("lvm:/dev/vg0/old");
    expect(lvm.notices[1]).toContain("legacy key lxc.rootfs.backend ignored");
    expect(load("lxc.rootfs = /dev/vg0/old\n").get("lxc.rootfs.path")).toBe("/dev/vg0/old");
    expect(load("lxc.rootfs = overlayfs:/a:/b\n").get("lxc.rootfs.path")).toBe("overlayfs:/a:/b");
  });
  test("no-op keys are dropped with a notice", () => {
    const c = load("lxc.kmsg = 0\nlxc.pivotdir = lxc_putold\nlxc.uts.name = x\n");
    expect(c.entries.map((e) => e.key)).toEqual(["lxc.uts.name"]);
    expect(c.notices.length).toBe(2);
    expect(c.notices[0]).toContain(":1: legacy key lxc.kmsg ignored");
  });
  test("a legacy key with no current equivalent is an unknown key", () => {
    expect(() => load("lxc.network.bogus = 1\n")).toThrow("has no current equivalent");
  });
});

describe("updateConfigText", () => {
  const OLD = [
    "# Ubuntu 16.04 era config",
    "lxc.include = /usr/share/lxc/config/ubuntu.common.conf",
    "lxc.rootfs = /var/lib/lxc/u1/rootfs",
    "lxc.rootfs.backend = dir",
    "lxc.utsname = u1",
    "lxc.arch = amd64",
    "#lxc.aa_profile = unconfined",
    "lxc.id_map = u 0 100000 65536",
    "lxc.id_map = g 0 100000 65536",
    "lxc.kmsg = 0",
    "",
    "# Network configuration",
    "lxc.network.type = veth",
    "lxc.network.link = lxcbr0",
    "lxc.network.flags = up",
    "lxc.network.hwaddr = 00:16:3e:12:34:56",
    "lxc.network.ipv4 = 10.0.3.50/24",
    "lxc.network.ipv4.gateway = 10.0.3.1",
    "lxc.network.type = veth",
    "lxc.network.link=br1",
    "lxc.network.3.type = veth",
    "lxc.network.3.ipv4 = 192.168.1.3/24",
    "lxc.network.3.ipv6 = fd00::3/64",
    "",
  ].join("\n");
  const NEW = [
    "# Ubuntu 16.04 era config",
    "lxc.include = /usr/share/lxc/config/ubuntu.common.conf",
    "lxc.rootfs.path = dir:/var/lib/lxc/u1/rootfs",
    "lxc.uts.name = u1",
    "lxc.arch = amd64",
    "#lxc.apparmor.profile = unconfined",
    "lxc.idmap = u 0 100000 65536",
    "lxc.idmap = g 0 100000 65536",
    "",
    "# Network configuration",
    "lxc.net.0.type = veth",
    "lxc.net.0.link = lxcbr0",
    "lxc.net.0.flags = up",
    "lxc.net.0.hwaddr = 00:16:3e:12:34:56",
    "lxc.net.0.ipv4.address = 10.0.3.50/24",
    "lxc.net.0.ipv4.gateway = 10.0.3.1",
    "lxc.net.1.type = veth",
    "lxc.net.1.link=br1",
    "lxc.net.3.type = veth",
    "lxc.net.3.ipv4.address = 192.168.1.3/24",
    "lxc.net.3.ipv6.address = fd00::3/64",
    "",
  ].join("\n");

  test("rewrites keys, keeps comments, spacing and order, removes no-op keys", () => {
    const r = updateConfigText(OLD);
    expect(r.text).toBe(NEW);
    expect(r.changes).toContain("line 3: lxc.rootfs -> lxc.rootfs.path (value dir:/var/lib/lxc/u1/rootfs)");
    expect(r.changes).toContain("line 4: removed lxc.rootfs.backend (its storage type is now the TYPE: prefix of lxc.rootfs.path)");
    expect(r.changes).toContain("line 7 (commented out): lxc.aa_profile -> lxc.apparmor.profile");
    expect(r.changes).toContain("line 22: lxc.network.3.ipv4 -> lxc.net.3.ipv4.address");
    expect(r.changes.length).toBe(18);
  });
  test("idempotent, and a no-op on current configs", () => {
    expect(updateConfigText(NEW)).toEqual({ text: NEW, changes: [] });
    for (const t of [BUSYBOX, DOWNLOAD_MAIN, EVERYTHING]) expect(updateConfigText(t)).toEqual({ text: t, changes: [] });
  });
  test("the rewritten file loads to the same entries as the legacy one", () => {
    const a = parseContainerConfig(OLD.replace(/^lxc.include.*$/m, ""), "/x/config");
    const b = parseContainerConfig(NEW.replace(/^lxc.include.*$/m, ""), "/x/config");
    const strip = (c: typeof a) => c.entries.map((e) => [e.key, e.value]);
    expect(strip(a)).toEqual(strip(b));
    expect(b.notices).toEqual([]);
  });
  test("quoted rootfs values get the prefix inside the quotes; lxc.network = becomes lxc.net =", () => {
    expect(updateConfigText('lxc.rootfs = "/srv/r"\nlxc.network =\n').text).toBe('lxc.rootfs.path = "dir:/srv/r"\nlxc.net =\n');
  });
  test("commented-out NIC lines are numbered with the active ones", () => {
    const r = updateConfigText("#lxc.network.type = veth\n#lxc.network.link = br0\nlxc.network.type = empty\n");
    expect(r.text).toBe("#lxc.net.0.type = veth\n#lxc.net.0.link = br0\nlxc.net.1.type = empty\n");
    expect(load("#lxc.network.type = veth\nlxc.network.type = empty\n").getItem("lxc.net.1.type")).toBe("empty");
  });
  test("prose comments that mention a key are left alone", () => {
    const t = "# lxc.utsname is the old name of lxc.uts.name\n";
    expect(updateConfigText(t).text).toBe(t);
  });
});
