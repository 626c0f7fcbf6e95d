import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  attachCapDrop,
  attachEnv,
  buildAttachPlan,
  DEFAULT_PATH,
  loginShell,
  NOT_ELEVATED,
  parseElevated,
  parseId,
  parseNamespaces,
  serializeAttachPlan,
  type AttachPlanInput,
} from "../../src/container/attach-plan.ts";
import { ConfigView, type EntryLike } from "../../src/container/plan/config-view.ts";
import { decodeField } from "../../src/container/plan/serialize.ts";
import { LxcError } from "../../src/errors.ts";

function view(text: string): ConfigView {
  const entries: EntryLike[] = text.split("\n").flatMap((l, i) => {
    const m = /^\s*(lxc\.[^=\s]+)\s*=\s*(.*?)\s*$/.exec(l);
    return m ? [{ key: m[1]!, value: m[2]!, file: "/var/lib/lxc/c1/config", line: i + 1 }] : [];
  });
  return new ConfigView(entries);
}

function input(over: Partial<AttachPlanInput> = {}): AttachPlanInput {
  return {
    name: "c1",
    initPid: 4242,
    namespaces: ["mnt", "pid", "uts", "ipc", "net", "cgroup"],
    cgroupDirs: ["/sys/fs/cgroup/memory/lxc.payload.c1", "/sys/fs/cgroup/unified/lxc.payload.c1/.lxc"],
    config: view(""),
    capLast: 40,
    elevated: { ...NOT_ELEVATED },
    env: { caller: { PATH: "/usr/bin:/bin", HOME: "/root", TERM: "xterm" }, clear: false, keep: [], set: [] },
    uid: 0,
    gid: 0,
    cwd: "/root",
    pty: false,
    command: ["hostname"],
    ...over,
  };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof LxcError ? e.code : "not an LxcError";
  }
  return undefined;
}

describe("attach plan", () => {
  test("serializes every directive, namespaces in the core's order", () => {
    const text = serializeAttachPlan(buildAttachPlan(input({ namespaces: ["net", "mnt", "user", "uts"], config: view("lxc.cap.drop = sys_module mac_admin\nlxc.no_new_privs = 1") })));
    expect(text).toBe(
      [
        "lxc-ts-attach 1",
        "name c1",
        "pid 4242",
        "setns user uts net mnt",
        "cgroup /sys/fs/cgroup/memory/lxc.payload.c1",
        "cgroup /sys/fs/cgroup/unified/lxc.payload.c1/.lxc",
        "capdrop 16 33",
        "nonewprivs 1",
        "env PATH=/usr/bin:/bin",
        "env HOME=/root",
        "env TERM=xterm",
        "env container=lxc",
        "gid 0",
        "groups",
        "uid 0",
        "cwd /root",
        "pty 0",
        "exec hostname",
        "",
      ].join("\n"),
    );
  });

  test("fields are percent-encoded", () => {
    const text = serializeAttachPlan(buildAttachPlan(input({ command: ["sh", "-c", "echo 100% done", ""], cwd: "/my dir" })));
    expect(text).toContain("\nexec sh -c echo%20100%25%20done %-\n");
    expect(text).toContain("\ncwd /my%20dir\n");
    const exec = text.split("\n").find((l) => l.startsWith("exec "))!;
    expect(exec.split(" ").slice(1).map(decodeField)).toEqual(["sh", "-c", "echo 100% done", ""]);
  });

  test("quiet, pty and no namespaces", () => {
    const text = serializeAttachPlan(buildAttachPlan(input({ quiet: true, pty: true, namespaces: [] })));
    expect(text).toContain("\nquiet 1\n");
    expect(text).toContain("\npty 1\n");
    expect(text).not.toContain("setns");
  });

  test("-e CGROUP keeps our cgroup, -e CAP our capabilities", () => {
    const cfg = view("lxc.cap.drop = sys_admin");
    let p = buildAttachPlan(input({ config: cfg, elevated: { cgroup: true, cap: false, lsm: false } }));
    expect(p.cgroups).toEqual([]);
    expect(p.capdrop).toEqual([21]);
    p = buildAttachPlan(input({ config: cfg, elevated: { cgroup: false, cap: true, lsm: false } }));
    expect(p.cgroups.length).toBe(2);
    expect(p.capdrop).toEqual([]);
  });

  test("an empty command is refused", () => {
    expect(codeOf(() => buildAttachPlan(input({ command: [] })))).toBe("USAGE");
    expect(codeOf(() => buildAttachPlan(input({ command: [""] })))).toBe("USAGE");
  });

  test("the core accepts what we write", () => {
    const core = join(import.meta.dir, "..", "..", "core", "lxc-core");
    if (!existsSync(core)) return;
    const text = serializeAttachPlan(buildAttachPlan(input({ config: view("lxc.cap.keep = sys_admin\nlxc.environment = A=b c"), command: ["sh", "-c", "x y", ""], pty: true })));
    const r = spawnSync(core, ["check-attach"], { input: text, encoding: "utf8" });
    expect(r.stdout).toBe("ok\n");
  });
});

describe("environment", () => {
  const caller = { PATH: "/host/bin", HOME: "/root", FOO: "1", LANG: "C.UTF-8" };

  test("default: the caller's, plus container=lxc", () => {
    expect(attachEnv({ caller, clear: false, keep: [], set: [] }, view(""))).toEqual([
      "PATH=/host/bin",
      "HOME=/root",
      "FOO=1",
      "LANG=C.UTF-8",
      "container=lxc",
    ]);
  });

  test("--clear-env: container=lxc and the default PATH only", () => {
    expect(attachEnv({ caller, clear: true, keep: [], set: [] }, view(""))).toEqual([`PATH=${DEFAULT_PATH}`, "container=lxc"]);
  });

  test("--clear-env --keep-var: kept variables, the caller's PATH when kept", () => {
    expect(attachEnv({ caller, clear: true, keep: ["FOO", "PATH", "UNSET"], set: [] }, view(""))).toEqual([
      "FOO=1",
      "PATH=/host/bin",
      "container=lxc",
    ]);
    // a kept PATH the caller does not have: the default
    expect(attachEnv({ caller: {}, clear: true, keep: ["PATH"], set: [] }, view(""))).toEqual([`PATH=${DEFAULT_PATH}`, "container=lxc"]);
  });

  test("--keep-var without --clear-env changes nothing", () => {
    expect(attachEnv({ caller, clear: false, keep: ["FOO"], set: [] }, view(""))).toEqual(attachEnv({ caller, clear: false, keep: [], set: [] }, view("")));
  });

  test("no PATH added to a kept environment that has none", () => {
    expect(attachEnv({ caller: {}, clear: false, keep: [], set: [] }, view(""))).toEqual(["container=lxc"]);
  });

  test("lxc.environment after the caller's, -v last; a name set again keeps its place", () => {
    const cfg = view("lxc.environment = FOO=cfg\nlxc.environment = NEW=x=y\nlxc.environment = LANG\nlxc.environment = NOT_IN_CALLER");
    const env = attachEnv({ caller, clear: true, keep: ["FOO"], set: ["NEW=cli", "Z=1", "container=other"] }, cfg);
    expect(env).toEqual(["FOO=cfg", `PATH=${DEFAULT_PATH}`, "container=other", "NEW=cli", "LANG=C.UTF-8", "Z=1"]);
  });

  test("an empty lxc.environment clears the earlier ones", () => {
    const cfg = view("lxc.environment = A=1\nlxc.environment =\nlxc.environment = B=2");
    expect(attachEnv({ caller: {}, clear: true, keep: [], set: [] }, cfg)).toEqual([`PATH=${DEFAULT_PATH}`, "container=lxc", "B=2"]);
  });

  test("-v NAME without a value removes NAME; -v =x is refused", () => {
    expect(attachEnv({ caller, clear: false, keep: [], set: ["FOO", "HOME"] }, view(""))).toEqual(["PATH=/host/bin", "LANG=C.UTF-8", "container=lxc"]);
    expect(codeOf(() => attachEnv({ caller, clear: false, keep: [], set: ["=x"] }, view("")))).toBe("USAGE");
  });

  test("values with spaces, = and newlines survive", () => {
    const env = attachEnv({ caller: { A: "x y=z\nw" }, clear: false, keep: [], set: ["B=1=2"] }, view(""));
    expect(env).toEqual(["A=x y=z\nw", "container=lxc", "B=1=2"]);
  });
});

describe("capabilities", () => {
  test("lxc.cap.drop, several lines and names", () => {
    expect(attachCapDrop(view("lxc.cap.drop = sys_module\nlxc.cap.drop = mac_admin mac_override"), 40)).toEqual([16, 32, 33]);
  });

  test("lxc.cap.keep drops all the others up to cap_last_cap", () => {
    const d = attachCapDrop(view("lxc.cap.keep = chown sys_admin"), 40);
    expect(d).not.toContain(0);
    expect(d).not.toContain(21);
    expect(d).toContain(1);
    expect(d.at(-1)).toBe(40);
    expect(d.length).toBe(39);
  });

  test("keep and drop together are refused, unknown names too", () => {
    expect(codeOf(() => attachCapDrop(view("lxc.cap.keep = chown\nlxc.cap.drop = sys_admin"), 40))).toBe("CONFIG_BAD_VALUE");
    expect(codeOf(() => attachCapDrop(view("lxc.cap.drop = frobnicate"), 40))).toBe("CONFIG_BAD_VALUE");
  });

  test("nothing configured: nothing dropped", () => {
    expect(attachCapDrop(view(""), 40)).toEqual([]);
  });
});

describe("command-line values", () => {
  test("-s: LXC's names, /proc names, any case, | separated", () => {
    expect(parseNamespaces("NETWORK")).toEqual(["net"]);
    expect(parseNamespaces("MOUNT|PID|UTSNAME|IPC|USER|CGROUP")).toEqual(["mnt", "pid", "uts", "ipc", "user", "cgroup"]);
    expect(parseNamespaces("net|uts|mnt|time")).toEqual(["net", "uts", "mnt", "time"]);
    expect(parseNamespaces("network|Net")).toEqual(["net"]);
  });

  test("-s: unknown or empty is a usage error", () => {
    expect(codeOf(() => parseNamespaces("FOO"))).toBe("USAGE");
    expect(codeOf(() => parseNamespaces("NETWORK|bogus"))).toBe("USAGE");
    expect(codeOf(() => parseNamespaces(""))).toBe("USAGE");
    expect(codeOf(() => parseNamespaces("|"))).toBe("USAGE");
  });

  test("-e: absent, alone, a list", () => {
    expect(parseElevated(undefined)).toEqual({ cgroup: false, cap: false, lsm: false });
    expect(parseElevated("")).toEqual({ cgroup: true, cap: true, lsm: true });
    expect(parseElevated("CAP")).toEqual({ cgroup: false, cap: true, lsm: false });
    expect(parseElevated("CGROUP|LSM")).toEqual({ cgroup: true, cap: false, lsm: true });
    expect(codeOf(() => parseElevated("CAPS"))).toBe("USAGE");
  });

  test("-u/-g: decimal ids only", () => {
    expect(parseId("0", "-u/--uid")).toBe(0);
    expect(parseId("1000", "-g/--gid")).toBe(1000);
    for (const bad of ["abc", "-1", "1.5", "", "4294967295", " 1"]) expect(codeOf(() => parseId(bad, "-u/--uid"))).toBe("USAGE");
  });
});

describe("login shell", () => {
  const passwd = [
    "# comment:x:0:0::/:/bin/false",
    "root:x:0:0:root:/root:/bin/ash",
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
    "nosh:x:1000:1000::/home/nosh:",
    "broken line",
    "",
  ].join("\n");

  test("the uid's shell", () => {
    expect(loginShell(passwd, 0)).toBe("/bin/ash");
    expect(loginShell(passwd, 1)).toBe("/usr/sbin/nologin");
  });

  test("no entry or an empty shell: undefined (the caller falls back to /bin/sh)", () => {
    expect(loginShell(passwd, 1000)).toBeUndefined();
    expect(loginShell(passwd, 4242)).toBeUndefined();
    expect(loginShell("", 0)).toBeUndefined();
  });
});
