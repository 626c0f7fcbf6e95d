// Namespace sharing (lxc.namespace.share.*, --share-net/ipc/uts/pid): a container joins
// another container's (or process's) namespaces instead of creating its own.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { Sandbox } from "./helpers.ts";

const sb = new Sandbox("sh");
const A = sb.name("owner");
const B = sb.name("guest");
let ownerPid = 0;

beforeAll(() => {
  expect(sb.create(A).code).toBe(0);
  expect(sb.create(B).code).toBe(0);
  expect(sb.tool("lxc-start", "-n", A).code).toBe(0);
  ownerPid = sb.initPid(A);
}, 60000);
afterAll(() => sb.cleanup(), 60000);

const ns = (pid: number | "self", n: string) => readlinkSync(`/proc/${pid}/ns/${n}`);
function guest(...args: string[]) {
  return sb.tool("lxc-execute", "-n", B, ...args);
}

describe("namespace sharing", () => {
  test("--share-net joins the owner's network namespace; the rest stays the guest's own", () => {
    const r = guest("--share-net", A, "--", "sh", "-c", "readlink /proc/self/ns/net; readlink /proc/self/ns/uts; hostname");
    expect(r.code).toBe(0);
    const [net, uts, host] = r.stdout.trim().split("\n");
    expect(net).toBe(ns(ownerPid, "net"));
    expect(uts).not.toBe(ns(ownerPid, "uts"));
    expect(host).toBe(B);
  });

  test("--share-uts and --share-ipc", () => {
    const r = guest("--share-uts", A, "--share-ipc", A, "--", "sh", "-c", "readlink /proc/self/ns/uts; readlink /proc/self/ns/ipc; hostname");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([ns(ownerPid, "uts"), ns(ownerPid, "ipc"), A]);
  });

  test("--share-pid: the owner's processes are visible, its init is PID 1", () => {
    const r = guest("--share-pid", A, "--", "sh", "-c", "readlink /proc/self/ns/pid; tr '\\0' ' ' </proc/1/cmdline");
    expect(r.code).toBe(0);
    const [pidns, init] = r.stdout.split("\n");
    expect(pidns).toBe(ns(ownerPid, "pid"));
    expect(init!.trim()).toBe(readFileSync(`/proc/${ownerPid}/cmdline`, "utf8").replace(/\0/g, " ").trim());
  });

  test("--share-pid: what the guest left running is killed when it stops, and its cgroup goes", () => {
    const r = guest("--share-pid", A, "--", "sh", "-c", "sleep 4242 & exit 0");
    expect(r.code).toBe(0);
    expect(spawnSync("pgrep", ["-f", "sleep 4242"]).status).not.toBe(0);
    expect(existsSync(`/sys/fs/cgroup/pids/lxc.payload.${B}`) || existsSync(`/sys/fs/cgroup/lxc.payload.${B}`)).toBe(false);
  });

  test("by pid (here the host's own namespace), and by LXCPATH/NAME", () => {
    const r = guest("-s", `lxc.namespace.share.net=${process.pid}`, "--", "readlink", "/proc/self/ns/net");
    expect(r.stdout.trim()).toBe(ns("self", "net"));
    const r2 = sb.tool("lxc-execute", "-n", B, "-s", `lxc.namespace.share.uts=${join(sb.lxcpath, A)}`, "--", "hostname");
    expect(r2.stdout.trim()).toBe(A);
    expect(hostname()).not.toBe(A);
  });

  test("a shared network namespace gets none of the guest's NICs", () => {
    const before = readlinkSync(`/proc/${ownerPid}/ns/net`);
    const r = guest("-s", "lxc.net.0.type=veth", "-s", "lxc.net.0.link=lxcbr0", "--share-net", A, "--", "sh", "-c", "ls /sys/class/net | sort | tr '\\n' ' '");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("lo");
    expect(readlinkSync(`/proc/${ownerPid}/ns/net`)).toBe(before);
  });

  test("bad targets: a stopped container, a missing pid, an unknown namespace", () => {
    const stopped = guest("--share-net", "no-such-container", "--", "true");
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("cannot share the net namespace of container no-such-container");
    expect(stopped.stderr).toContain("it is not running");
    const nopid = guest("-s", "lxc.namespace.share.ipc=999999999", "--", "true");
    expect(nopid.code).toBe(1);
    expect(nopid.stderr).toContain("no such process");
    const unknown = guest("-s", "lxc.namespace.share.bogus=1", "--", "true");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown namespace "bogus"');
    expect(sb.tool("lxc-info", "-n", B, "-s", "-H").stdout.trim()).toBe("STOPPED");
  });
});
