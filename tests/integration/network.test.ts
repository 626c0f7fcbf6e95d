// veth NICs on a bridge the test makes itself; traffic only between the test's own
// containers on that bridge.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { Sandbox, nsenter } from "./helpers.ts";

const BR = "lxctsbr0";
const sb = new Sandbox("net");

beforeAll(() => {
  spawnSync("ip", ["link", "del", BR]);
  expect(spawnSync("ip", ["link", "add", BR, "type", "bridge"]).status).toBe(0);
  expect(spawnSync("ip", ["link", "set", BR, "up"]).status).toBe(0);
});
afterAll(() => {
  sb.cleanup();
  spawnSync("ip", ["link", "del", BR]);
});

function vethConf(ip: string, extra: string[] = []): string[] {
  return [
    "lxc.net =",
    "lxc.net.0.type = veth",
    `lxc.net.0.link = ${BR}`,
    "lxc.net.0.flags = up",
    "lxc.net.0.hwaddr = 00:16:3e:xx:xx:xx",
    `lxc.net.0.ipv4.address = ${ip}`,
    // busybox's boot script runs udhcpc, which flushes static addresses (as with LXC)
    "lxc.init.cmd = /bin/sleep 1000",
    ...extra,
  ];
}

function bridgePorts(): string[] {
  const r = spawnSync("ip", ["-o", "link", "show", "master", BR], { encoding: "utf8" });
  return r.stdout.split("\n").filter(Boolean);
}

describe("veth networking", () => {
  test("two containers on one bridge reach each other; lxc-info and lxc-ls show the addresses", () => {
    const a = sb.name("a");
    const b = sb.name("b");
    expect(sb.create(a, vethConf("192.0.2.10/24")).code).toBe(0);
    expect(sb.create(b, vethConf("192.0.2.11/24", ["lxc.net.0.name = lan0"])).code).toBe(0);
    expect(readFileSync(sb.configPath(a), "utf8")).not.toContain("xx:xx");
    expect(sb.tool("lxc-start", "-n", a).stderr).toBe("");
    expect(sb.tool("lxc-start", "-n", b).code).toBe(0);
    expect(bridgePorts().length).toBe(2);

    const pa = sb.initPid(a);
    const pb = sb.initPid(b);
    expect(nsenter(pa, ["-n"], ["ip", "-o", "link", "show", "eth0"]).stdout).toContain("state UP");
    expect(nsenter(pb, ["-n"], ["ip", "-o", "link", "show", "lan0"]).code).toBe(0);
    const hw = /lxc\.net\.0\.hwaddr = (\S+)/.exec(readFileSync(sb.configPath(a), "utf8"))![1]!;
    expect(nsenter(pa, ["-n"], ["ip", "-o", "link", "show", "eth0"]).stdout).toContain(`link/ether ${hw} `);
    expect(nsenter(pa, ["-n"], ["busybox", "ping", "-c", "1", "-W", "2", "192.0.2.11"]).code).toBe(0);

    expect(sb.tool("lxc-info", "-n", a, "-i", "-H").stdout.trim()).toBe("192.0.2.10");
    const info = sb.tool("lxc-info", "-n", a).stdout;
    expect(info).toMatch(/^IP:\s+192\.0\.2\.10$/m);
    expect(info).toMatch(/^Link:\s+veth\w+$/m);
    expect(sb.tool("lxc-ls", "-f").stdout).toMatch(new RegExp(`^${b}\\s+RUNNING\\s+0\\s+-\\s+192\\.0\\.2\\.11`, "m"));

    expect(sb.tool("lxc-stop", "-n", a, "-k").code).toBe(0);
    expect(sb.tool("lxc-stop", "-n", b, "-k").code).toBe(0);
    // the host ends go away with the containers' network namespaces
    for (let i = 0; i < 20 && bridgePorts().length; i++) Bun.sleepSync(100);
    expect(bridgePorts()).toEqual([]);
  });

  test("a NIC with no addresses: born in the container with its name, MAC and MTU, brought up by the core", () => {
    const c = sb.name("plain");
    const conf = ["lxc.net =", "lxc.net.0.type = veth", `lxc.net.0.link = ${BR}`, "lxc.net.0.flags = up", "lxc.net.0.hwaddr = 00:16:3e:12:34:56", "lxc.net.0.mtu = 1400", "lxc.net.0.veth.pair = lxctsvp0", "lxc.init.cmd = /bin/sleep 1000"];
    expect(sb.create(c, conf).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", c).code).toBe(0);
    const link = nsenter(sb.initPid(c), ["-n"], ["ip", "-o", "link", "show", "eth0"]).stdout;
    expect(link).toContain("state UP");
    expect(link).toContain("mtu 1400");
    expect(link).toContain("link/ether 00:16:3e:12:34:56 ");
    expect(bridgePorts().some((l) => l.includes("lxctsvp0"))).toBe(true);
    // a second container asking for the same host name fails, and leaves the first alone
    const d = sb.name("clash");
    expect(sb.create(d, conf).code).toBe(0);
    const r = sb.tool("lxc-start", "-n", d);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the host interface lxctsvp0 already exists");
    expect(sb.tool("lxc-info", "-n", d, "-s", "-H").stdout.trim()).toBe("STOPPED");
    expect(bridgePorts().filter((l) => l.includes("lxctsvp0")).length).toBe(1);
    expect(sb.tool("lxc-stop", "-n", c, "-k").code).toBe(0);
    // the kernel drops the pair with the container's netns, a moment after init is gone
    for (let i = 0; i < 100 && existsSync("/sys/class/net/lxctsvp0"); i++) Bun.sleepSync(10);
    expect(existsSync("/sys/class/net/lxctsvp0")).toBe(false);
  });

  test("a missing bridge is a clear error naming the key, and nothing is left behind", () => {
    const n = sb.name("nobr");
    expect(sb.create(n, ["lxc.net =", "lxc.net.0.type = veth", "lxc.net.0.link = nosuchbr0"]).code).toBe(0);
    const before = spawnSync("ip", ["-o", "link", "show", "type", "veth"], { encoding: "utf8" }).stdout;
    const r = sb.tool("lxc-start", "-n", n);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("lxc.net.0.link");
    expect(r.stderr).toContain("nosuchbr0");
    expect(spawnSync("ip", ["-o", "link", "show", "type", "veth"], { encoding: "utf8" }).stdout).toBe(before);
  });

  test("network type none shares the host's network namespace; empty has only lo", () => {
    const n = sb.name("none");
    expect(sb.create(n, ["lxc.net =", "lxc.net.0.type = none"]).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", n).code).toBe(0);
    const pid = sb.initPid(n);
    expect(spawnSync("readlink", [`/proc/${pid}/ns/net`], { encoding: "utf8" }).stdout).toBe(spawnSync("readlink", ["/proc/self/ns/net"], { encoding: "utf8" }).stdout);
    expect(sb.tool("lxc-stop", "-n", n, "-k").code).toBe(0);

    const e = sb.name("empty");
    expect(sb.create(e).code).toBe(0);
    expect(sb.tool("lxc-start", "-n", e).code).toBe(0);
    const pe = sb.initPid(e);
    const links = nsenter(pe, ["-n"], ["ip", "-o", "link"]).stdout.split("\n").filter(Boolean);
    expect(links.length).toBe(1);
    expect(links[0]).toContain("lo:");
    expect(links[0]).toContain("UP");
    expect(existsSync(`/proc/${pe}`)).toBe(true);
    expect(sb.tool("lxc-stop", "-n", e, "-k").code).toBe(0);
  });
});
