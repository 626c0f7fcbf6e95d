import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildPlan, splitCommand, type PlanInput } from "../../src/container/plan/build.ts";
import { ConfigView, type EntryLike } from "../../src/container/plan/config-view.ts";
import { decodeField, encodeField, planLineOrigins, serializePlan } from "../../src/container/plan/serialize.ts";
import { parseMountOptions } from "../../src/container/plan/mount-options.ts";
import { MS } from "../../src/container/plan/schema.ts";

const FIXTURES = join(import.meta.dir, "..", "fixtures", "plans");

function entries(text: string, file = "/var/lib/lxc/c1/config"): EntryLike[] {
  return text.split("\n").flatMap((l, i) => {
    const m = /^\s*(lxc\.[^=\s]+)\s*=\s*(.*?)\s*$/.exec(l);
    return m ? [{ key: m[1]!, value: m[2]!.replace(/^"(.*)"$/, "$1"), file, line: i + 1 }] : [];
  });
}

const HYBRID = [
  { name: "blkio", kind: "cgroup" as const, data: "rw,blkio" },
  { name: "cpu", kind: "symlink" as const, data: "cpu,cpuacct" },
  { name: "cpu,cpuacct", kind: "cgroup" as const, data: "rw,cpu,cpuacct" },
  { name: "systemd", kind: "cgroup" as const, data: "rw,xattr,name=systemd" },
  { name: "unified", kind: "cgroup2" as const, data: "" },
];

function input(cfg: string, over: Partial<PlanInput> = {}): PlanInput {
  return {
    name: "c1",
    lxcpath: "/var/lib/lxc",
    globalLxcpath: "/var/lib/lxc",
    socket: "/var/lib/lxc/c1/command",
    config: new ConfigView(entries(cfg)),
    rootfs: { path: "/var/lib/lxc/c1/rootfs", mountpoint: "/usr/lib/x86_64-linux-gnu/lxc/rootfs", configValue: "dir:/var/lib/lxc/c1/rootfs" },
    cgroupDirs: ["/sys/fs/cgroup/memory/lxc.payload.c1"],
    cgroupLayout: HYBRID,
    foreground: false,
    netns: true,
    cleanups: [
      { kind: "rmtree", path: "/sys/fs/cgroup/memory/lxc.payload.c1" },
      { kind: "unlink", path: "/run/lxc-ts/0123456789abcdef.c1.json" },
    ],
    teardown: [],
    callerEnv: { HOME: "/root" },
    capLast: 40,
    ...over,
  };
}

const BUSYBOX = `lxc.rootfs.path = dir:/var/lib/lxc/c1/rootfs
lxc.signal.halt = SIGUSR1
lxc.signal.reboot = SIGTERM
lxc.uts.name = "c1"
lxc.autodev = 1
lxc.tty.max = 5
lxc.pty.max = 1
lxc.cap.drop = sys_module mac_admin mac_override sys_time
lxc.mount.auto = cgroup:mixed proc:mixed sys:ro
lxc.mount.entry = shm dev/shm tmpfs defaults,create=dir 0 0
lxc.mount.entry = mqueue dev/mqueue mqueue defaults,optional,create=dir 0 0
lxc.mount.entry = /lib lib none ro,bind 0 0
lxc.environment = HOME
lxc.environment = LANG=C
`;

describe("plan building", () => {
  test("the busybox container's plan matches the golden file", () => {
    const text = serializePlan(buildPlan(input(BUSYBOX)));
    const golden = join(FIXTURES, "busybox.plan");
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, "utf8"));
  });
  test("read-only rootfs, pure cgroup2 host, no autodev, host network", () => {
    const text = serializePlan(
      buildPlan(input(BUSYBOX + "lxc.rootfs.options = ro\nlxc.autodev = 0\nlxc.no_new_privs = 1\nlxc.init.cmd = /bin/sh -c 'echo hi'\nlxc.sysctl.net.ipv4.ip_forward = 1\nlxc.prlimit.nofile = 1024:4096\n", { cgroupLayout: null, netns: false })),
    );
    const golden = join(FIXTURES, "cgroup2-ro.plan");
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, "utf8"));
  });
  test("absolute mount targets under the rootfs become relative; others are ignored with a warning", () => {
    const warns: string[] = [];
    const p = buildPlan(input("lxc.mount.entry = /srv /var/lib/lxc/c1/rootfs/opt/srv none bind,create=dir\nlxc.mount.entry = /srv /elsewhere none bind\n", { warn: (m) => warns.push(m) }));
    const mounts = p.steps.filter((s) => s.kind === "mount" && s.src === "/srv");
    expect(mounts.map((m) => (m as { target: string }).target)).toEqual(["opt/srv"]);
    expect(warns[0]).toContain("/elsewhere");
  });
  test("cap.keep drops every other capability; keep and drop together is an error", () => {
    const p = buildPlan(input("lxc.cap.keep = sys_admin net_admin\n"));
    expect(p.capdrop).not.toContain(21);
    expect(p.capdrop).not.toContain(12);
    expect(p.capdrop.length).toBe(39);
    expect(() => buildPlan(input("lxc.cap.keep = sys_admin\nlxc.cap.drop = mknod\n"))).toThrow("cannot both be set");
  });
  test("errors name the key, file and line", () => {
    expect(() => buildPlan(input("lxc.mount.auto = proc bogus\n"))).toThrow(/lxc\.mount\.auto at \/var\/lib\/lxc\/c1\/config:1.*bogus/);
    expect(() => buildPlan(input("lxc.mount.entry = only-two fields\n"))).toThrow(/config:1.*4 fields/);
    expect(() => buildPlan(input("lxc.namespace.clone = mnt user\n"))).toThrow(/not supported yet/);
    expect(() => buildPlan(input("lxc.prlimit.bogus = 1\n"))).toThrow(/unknown resource limit/);
  });
  test("the init command: lxc.init.cmd with quotes, or the command given to lxc-start", () => {
    expect(splitCommand(`/bin/sh -c 'echo "a b"'`)).toEqual(["/bin/sh", "-c", 'echo "a b"']);
    expect(buildPlan(input("")).exec).toEqual(["/sbin/init"]);
    expect(buildPlan(input("", { command: ["/bin/sleep", "5"] })).exec).toEqual(["/bin/sleep", "5"]);
  });
  test("lxc-execute: our reaper as PID 1, the caller's stdio, lxc.execute.cmd, state listeners", () => {
    const p = buildPlan(input(BUSYBOX + "lxc.execute.cmd = /bin/sh -c 'echo hi'\n", { execute: true, notifyDir: "/run/lxc-ts/monitor/x" }));
    expect(p.reaper).toBe(true);
    expect(p.console).toBe("inherit");
    expect(p.steps.some((s) => s.kind === "console")).toBe(false);
    expect(p.exec).toEqual(["/bin/sh", "-c", "echo hi"]);
    const text = serializePlan(p);
    expect(text).toContain("\nnotify /run/lxc-ts/monitor/x\ninit-reaper 1\n");
    expect(buildPlan(input(BUSYBOX, { execute: true, command: ["true"] })).exec).toEqual(["true"]);
    expect(() => buildPlan(input(BUSYBOX, { execute: true }))).toThrow("no command to execute");
    // without a pid namespace there is no PID 1 to be
    expect(buildPlan(input(BUSYBOX + "lxc.namespace.keep = pid\n", { execute: true, command: ["true"] })).reaper).toBe(false);
  });
  test("environment: container=lxc, lxc.environment, bare names copied from the caller, a default PATH", () => {
    const p = buildPlan(input("lxc.environment = HOME\nlxc.environment = FOO=bar baz\nlxc.environment = UNSET_VAR\n"));
    expect(p.env).toEqual(["container=lxc", "HOME=/root", "FOO=bar baz", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]);
  });
});

describe("plan encoding", () => {
  test("fields round-trip, including spaces, percent signs, newlines and empty strings", () => {
    for (const s of ["", "a b", "100%", "x\ny", "ünï", "%-"]) expect(decodeField(encodeField(s))).toBe(s);
    expect(encodeField("")).toBe("%-");
    expect(encodeField("a b")).toBe("a%20b");
  });
  test("plan lines map back to their config origin", () => {
    const text = serializePlan(buildPlan(input(BUSYBOX)));
    const origins = planLineOrigins(text);
    const idx = text.split("\n").findIndex((l) => l.startsWith("mount /lib "));
    expect(origins.get(idx + 1)).toBe("lxc.mount.entry@/var/lib/lxc/c1/config:12");
  });
  test("mount options", () => {
    const o = parseMountOptions("ro,bind,create=dir,optional,rslave,size=10m,defaults");
    expect(o.flags).toBe(MS.RDONLY | MS.BIND);
    expect(o.propagation).toBe(MS.SLAVE | MS.REC);
    expect(o.create).toBe("dir");
    expect(o.optional).toBe(true);
    expect(o.data).toBe("size=10m");
    expect(parseMountOptions("rw,nosuid").flags).toBe(MS.NOSUID);
  });
  test("the C core accepts every golden plan", () => {
    const core = join(import.meta.dir, "..", "..", "core", "lxc-core");
    expect(existsSync(core)).toBe(true);
    for (const f of readdirSync(FIXTURES).filter((x) => x.endsWith(".plan"))) {
      const r = spawnSync(core, ["check-plan"], { input: readFileSync(join(FIXTURES, f)), encoding: "utf8" });
      expect(`${f}: ${r.stdout.trim()}`).toBe(`${f}: ok`);
    }
  });
});
