// The global configuration (lxc.conf) and lxc-config's item lookup.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { globalConfig, globalConfigItem, globalConfigKeys, globalConfigPath } from "../../src/config/index.ts";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lxcts-global-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NONE = { LXC_GLOBAL_CONF: "/nonexistent/lxc.conf" };

describe("defaults", () => {
  test("root", () => {
    const g = globalConfig({ uid: 0, home: "/root", env: NONE });
    expect([g.lxcpath, g.defaultConfig, g.lvmVg, g.lvmThinPool, g.zfsRoot, g.rbdPool, g.cgroupUse, g.cgroupPattern]).toEqual([
      "/var/lib/lxc", "/etc/lxc/default.conf", "lxc", "lxc", "lxc", "lxc", undefined, undefined,
    ]);
  });
  test("a user", () => {
    const g = globalConfig({ uid: 1000, home: "/home/ann", env: NONE });
    expect(g.lxcpath).toBe("/home/ann/.local/share/lxc");
    expect(g.defaultConfig).toBe("/home/ann/.config/lxc/default.conf");
  });
  test("which file is read", () => {
    expect(globalConfigPath({ uid: 0, env: {} })).toBe("/etc/lxc/lxc.conf");
    expect(globalConfigPath({ uid: 1000, home: "/home/ann", env: {} })).toBe("/home/ann/.config/lxc/lxc.conf");
    expect(globalConfigPath({ uid: 1000, env: { HOME: "/h", LXC_GLOBAL_CONF: "/t/lxc.conf" } })).toBe("/t/lxc.conf");
  });
});

describe("parsing like LXC", () => {
  test("first match wins, blanks around the key, no quote handling, comments never match", () => {
    const f = join(dir, "a.conf");
    writeFileSync(
      f,
      [
        "# lxc.lxcpath = /commented",
        "  lxc.lxcpath =   /srv/lxc//",
        "lxc.lxcpath = /second",
        'lxc.bdev.lvm.vg="vg0"',
        "lxc.cgroup.use=",
        "lxc.bdev.zfs.rootx = not-this-key",
        "\tlxc.bdev.zfs.root = tank/lxc",
        "lxc.cgroup.pattern = lxc/%n",
        "",
      ].join("\n"),
    );
    const g = globalConfig({ uid: 0, env: { LXC_GLOBAL_CONF: f } });
    expect(g.lxcpath).toBe("/srv/lxc");
    expect(g.lvmVg).toBe('"vg0"');
    expect(g.cgroupUse).toBe("");
    expect(g.zfsRoot).toBe("tank/lxc");
    expect(g.cgroupPattern).toBe("lxc/%n");
    expect(g.lvmThinPool).toBe("lxc");
  });
  test("trailing blanks are kept, so are slashes before them", () => {
    const f = join(dir, "b.conf");
    writeFileSync(f, "lxc.lxcpath = /srv/lxc//  \n");
    expect(globalConfig({ uid: 0, env: { LXC_GLOBAL_CONF: f } }).lxcpath).toBe("/srv/lxc//  ");
  });
  test("a user's file under ~/.config/lxc", () => {
    mkdirSync(join(dir, "home/.config/lxc"), { recursive: true });
    writeFileSync(join(dir, "home/.config/lxc/lxc.conf"), "lxc.lxcpath = /data/lxc\n");
    expect(globalConfig({ uid: 1000, home: join(dir, "home"), env: {} }).lxcpath).toBe("/data/lxc");
  });
});

describe("lxc-config", () => {
  test("-l lists the items in lxc-config's order", () => {
    expect(globalConfigKeys()).toEqual([
      "lxc.default_config", "lxc.lxcpath", "lxc.bdev.lvm.vg", "lxc.bdev.lvm.thin_pool", "lxc.bdev.zfs.root", "lxc.cgroup.use", "lxc.cgroup.pattern",
    ]);
  });
  test("ITEM matches by prefix, first listed item wins", () => {
    const ctx = { uid: 0, env: NONE };
    expect(globalConfigItem("lxc.lxcpath", ctx)).toEqual({ key: "lxc.lxcpath", value: "/var/lib/lxc" });
    expect(globalConfigItem("lxc.lxc", ctx)).toEqual({ key: "lxc.lxcpath", value: "/var/lib/lxc" });
    expect(globalConfigItem("lxc", ctx)).toEqual({ key: "lxc.default_config", value: "/etc/lxc/default.conf" });
    expect(globalConfigItem("lxc.bdev", ctx)).toEqual({ key: "lxc.bdev.lvm.vg", value: "lxc" });
    expect(globalConfigItem("lxc.cgroup", ctx)).toEqual({ key: "lxc.cgroup.use", value: undefined });
    expect(globalConfigItem("lxc.bdev.rbd.rbdpool", ctx)).toBeNull();
    expect(globalConfigItem("bogus", ctx)).toBeNull();
  });
});
