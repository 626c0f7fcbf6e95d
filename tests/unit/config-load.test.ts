// Loading a container config: includes, error positions and hints, effective values, NICs,
// hwaddr templates and saving.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expandHwaddr, expandHwaddrTemplates, loadContainerConfig, parseContainerConfig } from "../../src/config/index.ts";
import type { LxcError } from "../../src/errors.ts";
import { DOWNLOAD_MAIN, SHARED } from "./config-fixtures.test.ts";

let root = "";
const put = (rel: string, text: string) => {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text.replaceAll("@ROOT@", root));
  return p;
};
function thrown(f: () => unknown): LxcError {
  try {
    f();
  } catch (e) {
    return e as LxcError;
  }
  throw new Error("expected an error");
}
/** A fixed sequence standing in for Math.random. */
const counter = () => {
  let i = 0;
  return () => ((i++ * 7) % 16) / 16;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "lxcts-load-"));
  for (const [p, t] of Object.entries(SHARED)) put(`share/${p}`, t.replaceAll("@ROOT@", "@ROOT@/share"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("includes", () => {
  test("a download-template config: files and a directory of *.conf, sorted, expanded in place", () => {
    const path = put("deb1/config", DOWNLOAD_MAIN.replaceAll("@ROOT@", "@ROOT@/share"));
    const c = loadContainerConfig(path);
    const files = [...new Set(c.entries.map((e) => e.file.slice(root.length + 1)))];
    expect(files).toEqual(["deb1/config", "share/debian.common.conf", "share/common.conf", "share/common.conf.d/00-lxcfs.conf", "share/common.conf.d/10-extra.conf"]);
    expect(c.get("lxc.uts.name")).toBe("deb1");
    expect(c.get("lxc.tty.dir")).toBeUndefined();
    expect(c.getItem("lxc.tty.dir")).toBe("");
    expect(c.hooks("mount")).toEqual(["/usr/share/lxcfs/lxc.mount.hook"]);
    expect(c.hooks("post-stop")).toEqual(["/usr/share/lxcfs/lxc.reboot.hook"]);
    expect(c.getList("lxc.environment")).toEqual(["LANG=C.UTF-8"]);
    expect(c.originOf("lxc.tty.max")).toEqual({ file: join(root, "share/common.conf"), line: 6 });
    expect(c.originOf("lxc.uts.name")).toEqual({ file: path, line: 18 });
    expect(c.notices).toEqual([]);
  });
  test("relative include paths are taken from the including file's directory", () => {
    put("rel/inc/x.conf", "lxc.uts.name = rel\n");
    const c = loadContainerConfig(put("rel/config", "lxc.include = inc/x.conf\n"));
    expect(c.get("lxc.uts.name")).toBe("rel");
  });
  test("a missing include names the including file and line", () => {
    const path = put("miss/config", "lxc.uts.name = m\n\nlxc.include = /nonexistent/lxc-ts.conf\n");
    const e = thrown(() => loadContainerConfig(path));
    expect(e.code).toBe("CONFIG_INCLUDE");
    expect(e.message).toBe(`${path}:3: cannot include /nonexistent/lxc-ts.conf: no such file or directory`);
    expect(e.details).toMatchObject({ file: path, line: 3, key: "lxc.include" });
  });
  test("include loops are detected", () => {
    const a = put("loop/a.conf", "lxc.include = b.conf\n");
    const b = put("loop/b.conf", "# b\nlxc.include = a.conf\n");
    const e = thrown(() => loadContainerConfig(a));
    expect(e.code).toBe("CONFIG_INCLUDE");
    expect(e.message).toBe(`${b}:2: include loop: ${a} -> ${b} -> ${a}`);
    expect(e.details).toMatchObject({ file: b, line: 2 });
    put("loop/self.conf", "lxc.include = self.conf\n");
    expect(() => loadContainerConfig(join(root, "loop/self.conf"))).toThrow("include loop");
  });
  test("the same file included twice is not a loop", () => {
    put("twice/t.conf", "lxc.group = g\n");
    const c = loadContainerConfig(put("twice/config", "lxc.include = t.conf\nlxc.include = t.conf\n"));
    expect(c.getItem("lxc.group")).toBe("g\ng\n");
  });
  test("errors inside an included file name that file", () => {
    put("bad/inc.conf", "# fine\nlxc.tty.max = lots\n");
    const e = thrown(() => loadContainerConfig(put("bad/config", "lxc.include = inc.conf\n")));
    expect(e.code).toBe("CONFIG_BAD_VALUE");
    expect(e.details).toMatchObject({ file: join(root, "bad/inc.conf"), line: 2, key: "lxc.tty.max" });
  });
  test("a missing config file", () => {
    expect(thrown(() => loadContainerConfig(join(root, "nope/config"))).code).toBe("CONFIG_INCLUDE");
  });
});

describe("errors name file, line and key", () => {
  const err = (text: string) => thrown(() => parseContainerConfig(text, "/var/lib/lxc/c1/config"));
  test("unknown key, with a did-you-mean hint", () => {
    const e = err("lxc.uts.name = a\n# x\nlxc.uts.nmae = b\n");
    expect(e.code).toBe("CONFIG_UNKNOWN_KEY");
    expect(e.message).toBe("/var/lib/lxc/c1/config:3: unknown config key lxc.uts.nmae");
    expect(e.hint).toBe("did you mean lxc.uts.name?");
    expect(e.details).toEqual({ file: "/var/lib/lxc/c1/config", line: 3, key: "lxc.uts.nmae" });
  });
  test("did-you-mean hints", () => {
    const hint = (k: string) => err(`${k} = 1\n`).hint;
    expect(hint("lxc.tty.maxx")).toBe("did you mean lxc.tty.max?");
    expect(hint("lxc.net.0.ipv4")).toBe("did you mean lxc.net.0.ipv4.address or lxc.net.0.ipv4.gateway?");
    expect(hint("lxc.net.2.linkk")).toBe("did you mean lxc.net.2.link?");
    expect(hint("lxc.hook.prestart")).toBe("did you mean lxc.hook.pre-start?");
    expect(hint("lxc.cgroup2s.memory.max")).toBe("did you mean lxc.cgroup2.memory.max?");
    expect(hint("lxc.name.uts")).toBe("did you mean lxc.uts.name?");
    expect(hint("lxc.prlimit.nofiel")).toBe("did you mean lxc.prlimit.nofile?");
    expect(hint("lxc.completely.different")).not.toContain("did you mean");
  });
  test("bad value: the value and what is expected", () => {
    const e = err("lxc.uts.name = a\nlxc.tty.max = abc\n");
    expect(e.code).toBe("CONFIG_BAD_VALUE");
    expect(e.message).toBe('/var/lib/lxc/c1/config:2: invalid value "abc" for lxc.tty.max: expected a whole number from 0 to 4294967295');
    expect(e.details).toMatchObject({ line: 2, key: "lxc.tty.max", value: "abc" });
  });
  test("an lxc. line without =", () => {
    const e = err("\nlxc.autodev\n");
    expect(e.code).toBe("CONFIG_SYNTAX");
    expect(e.details).toEqual({ file: "/var/lib/lxc/c1/config", line: 2, key: "lxc.autodev" });
  });
  test("hints that point at the fix", () => {
    expect(err("lxc.cap.drop = SYS_ADMIN\n").hint).toBe("write it as sys_admin");
    expect(err("lxc.signal.halt = USR1\n").hint).toBe("write it as SIGUSR1");
    expect(err("lxc.uts.name = web # main\n").hint).toContain("no inline comments");
    expect(err("lxc.net = x\n").hint).toBe('write "lxc.net =" with nothing after the =');
  });
  test("rules spanning lines", () => {
    expect(err("lxc.cap.keep = none\nlxc.cap.drop = mknod\n").message).toContain(":2: lxc.cap.drop = mknod: capabilities are already kept at");
    expect(() => parseContainerConfig("lxc.cap.keep = mknod\nlxc.cap.keep =\nlxc.cap.drop = sys_admin\n", "/x")).not.toThrow();
    expect(err("lxc.namespace.clone = net\nlxc.namespace.keep = ipc\n").details).toMatchObject({ line: 2, key: "lxc.namespace.keep" });
    const nic = err("lxc.net.0.type = empty\nlxc.net.0.veth.pair = v0\n");
    expect(nic.message).toContain("only applies to veth interfaces, but lxc.net.0.type is empty");
    expect(err("lxc.net.0.macvlan.mode = vepa\nlxc.net.0.type = veth\n").details).toMatchObject({ line: 1 });
    // without any type line the NIC's type is unknown (e.g. -s overrides): accepted
    expect(() => parseContainerConfig("lxc.net.0.veth.pair = v0\n", "command line -s")).not.toThrow();
  });
});

describe("effective values", () => {
  const c = parseContainerConfig(
    [
      "lxc.cap.drop = sys_module",
      "lxc.cap.drop = mknod",
      "lxc.group = a",
      "lxc.group =",
      "lxc.group = b",
      "lxc.sysctl.net.ipv4.ip_forward = 1",
      "lxc.sysctl.kernel.shmmax = 100",
      "lxc.sysctl.net.ipv4.ip_forward = 0",
      "lxc.cgroup.devices.allow = c 1:3 rwm",
      "lxc.cgroup.dir = x",
      "lxc.cgroup.devices.allow = c 1:5 rwm",
      "lxc.cgroup2.memory.max = 1G",
      "lxc.cgroup2 =",
      "lxc.tty.max = 2",
      "lxc.tty.max =",
      "lxc.hook.pre-start = /a",
      "lxc.hook =",
      "lxc.hook.stop = /b",
      "",
    ].join("\n"),
    "/x/config",
  );
  test("lists accumulate and clear", () => {
    expect(c.getList("lxc.cap.drop")).toEqual(["sys_module", "mknod"]);
    expect(c.getList("lxc.group")).toEqual(["b"]);
    expect(c.hooks("pre-start")).toEqual([]);
    expect(c.hooks("stop")).toEqual(["/b"]);
  });
  test("scalars: last wins, a clear unsets", () => {
    expect(c.get("lxc.tty.max")).toBeUndefined();
    expect(c.originOf("lxc.tty.max")).toEqual({ file: "/x/config", line: 15 });
  });
  test("families", () => {
    expect(c.getPrefixed("lxc.sysctl.")).toEqual([
      { key: "lxc.sysctl.net.ipv4.ip_forward", value: "0" },
      { key: "lxc.sysctl.kernel.shmmax", value: "100" },
    ]);
    expect(c.getPrefixed("lxc.cgroup.")).toEqual([
      { key: "lxc.cgroup.devices.allow", value: "c 1:3 rwm" },
      { key: "lxc.cgroup.devices.allow", value: "c 1:5 rwm" },
    ]);
    expect(c.getPrefixed("lxc.cgroup2.")).toEqual([]);
  });
  test("keys lxc-ts does not implement yet, when they take effect", () => {
    const u = parseContainerConfig(
      "lxc.seccomp.profile = /x\nlxc.apparmor.raw = a\nlxc.apparmor.raw =\nlxc.hook.mount = /m\nlxc.hook =\nlxc.idmap = u 0 1 1\nlxc.tty.max = 1\nlxc.selinux.context = a\nlxc.selinux.context = b\n",
      "/x/config",
    );
    expect(u.unsupportedInUse().map((e) => [e.key, e.line])).toEqual([
      ["lxc.seccomp.profile", 1],
      ["lxc.idmap", 6],
      ["lxc.selinux.context", 9],
    ]);
  });
});

describe("networks", () => {
  test("every subkey, sorted by index, with origins", () => {
    const c = parseContainerConfig(
      [
        "lxc.net.2.type = veth",
        "lxc.net.2.link = lxcbr0",
        "lxc.net.2.flags = up",
        "lxc.net.2.name = eth1",
        "lxc.net.2.mtu = 1400",
        "lxc.net.2.ipv4.address = 10.0.3.7/24 10.0.3.255",
        "lxc.net.2.ipv4.address = 10.0.4.7",
        "lxc.net.2.ipv6.address = FD00::7",
        "lxc.net.2.ipv4.gateway = auto",
        "lxc.net.2.veth.pair = vc1",
        "lxc.net.2.veth.vlan.id = none",
        "lxc.net.2.veth.vlan.tagged.id = 10",
        "lxc.net.0.type = empty",
        "",
      ].join("\n"),
      "/x/config",
    );
    const [n0, n2] = c.networks();
    expect(n0).toMatchObject({ index: 0, type: "empty", typeSet: true, up: false, ipv4: [], origin: { file: "/x/config", line: 13 } });
    expect(n2).toMatchObject({
      index: 2, type: "veth", link: "lxcbr0", flags: "up", up: true, name: "eth1", mtu: 1400,
      ipv4: ["10.0.3.7/24", "10.0.4.7/8"], ipv6: ["fd00::7/64"], ipv4Gateway: "auto", vethPair: "vc1",
      vethVlanId: -1, vethVlanTaggedIds: [10], origin: { line: 1 },
    });
    expect(n2!.ipv4Addresses).toEqual([
      { address: "10.0.3.7", prefix: 24, prefixGiven: true, broadcast: "10.0.3.255" },
      { address: "10.0.4.7", prefix: 8, prefixGiven: false, broadcast: undefined },
    ]);
  });
  test("lxc.net = drops every NIC defined before it", () => {
    const c = parseContainerConfig("lxc.net.0.type = veth\nlxc.net =\nlxc.net.1.type = empty\n", "/x/config");
    expect(c.networks().map((n) => n.index)).toEqual([1]);
  });
});

describe("hwaddr templates", () => {
  test("x digits are random hex, fixed digits kept, the first byte stays unicast", () => {
    for (let i = 0; i < 50; i++) {
      const m = expandHwaddr("xx:16:3e:xx:Xx:0x");
      expect(m).toMatch(/^[0-9a-f][26ae]:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:0[0-9a-f]$/);
    }
    expect(expandHwaddrTemplates("a\nlxc.net.0.hwaddr = 00:16:3e:xx:xx:xx\n#lxc.net.1.hwaddr = 00:16:3e:xx:xx:xx\n", counter())).toBe(
      "a\nlxc.net.0.hwaddr = 00:16:3e:07:e5:c3\n#lxc.net.1.hwaddr = 00:16:3e:xx:xx:xx\n",
    );
  });
  test("a loaded config reports one stable expansion and saves that one", () => {
    const path = put("hw/config", "# c\nlxc.include = inc.conf\nlxc.net.0.type = veth\nlxc.net.0.hwaddr = 00:16:3e:xx:xx:xx\n");
    put("hw/inc.conf", "lxc.uts.name = hw\n");
    const c = loadContainerConfig(path, { random: counter() });
    const mac = c.getItem("lxc.net.0.hwaddr")!;
    expect(mac).toMatch(/^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(c.networks()[0]!.hwaddr).toBe(mac);
    expect(c.getItem("lxc.net.0.hwaddr")).toBe(mac);
    c.save();
    expect(readFileSync(path, "utf8")).toBe(`# c\nlxc.include = inc.conf\nlxc.net.0.type = veth\nlxc.net.0.hwaddr = ${mac}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(root, "hw")).sort()).toEqual(["config", "inc.conf"]);
    expect(loadContainerConfig(path).getItem("lxc.net.0.hwaddr")).toBe(mac);
  });
  test("edits through the document handle are saved, includes stay unexpanded", () => {
    const path = put("ed/config", "lxc.include = inc.conf\n# name\nlxc.uts.name = old\n");
    put("ed/inc.conf", "lxc.tty.max = 2\n");
    const c = loadContainerConfig(path);
    c.document.set("lxc.uts.name", "new");
    c.document.append("lxc.start.auto", "1");
    c.save(join(root, "ed/config.new"));
    expect(readFileSync(join(root, "ed/config.new"), "utf8")).toBe("lxc.include = inc.conf\n# name\nlxc.uts.name = new\nlxc.start.auto = 1\n");
  });
});
