import { describe, expect, test } from "bun:test";
import { commandSocketName, fnv1a64, lockPath, validateName } from "../../src/container/names.ts";
import { activeNames } from "../../src/container/list.ts";
import { ConfigView } from "../../src/container/plan/config-view.ts";
import { signalNumber as sigNumber, capabilityNumber as capNumber } from "../../src/config/names.ts";

describe("names and paths", () => {
  test("FNV-1a 64 matches LXC's (monitord socket name seen on a real host)", () => {
    expect(fnv1a64("lxc//tmp/lxcp/monitor-sock")).toBe("0483d65ab013da33");
  });
  test("command socket: LXC's name, hashed when too long for sun_path", () => {
    expect(commandSocketName({ name: "c1", lxcpath: "/var/lib/lxc" })).toBe("/var/lib/lxc/c1/command");
    const long = commandSocketName({ name: "x".repeat(100), lxcpath: "/var/lib/lxc" });
    expect(long).toMatch(/^lxc\/[0-9a-f]{16}\/command$/);
  });
  test("lock file path", () => {
    expect(lockPath({ name: "c1", lxcpath: "/var/lib/lxc" }, 0)).toBe("/run/lxc/lock/var/lib/lxc/.c1");
  });
  test("invalid names are refused with the reason", () => {
    for (const n of ["a/b", ".", "..", "a\nb"]) expect(() => validateName(n, "t")).toThrow("invalid container name");
    expect(() => validateName(undefined, "lxc-start")).toThrow("No container name specified");
    expect(validateName("web-1.example", "t")).toBe("web-1.example");
  });
  test("active containers from abstract socket names", () => {
    const s = ["/var/lib/lxc/c1/command", "/var/lib/lxc/c2/command", "/tmp/x/c3/command", "/var/lib/lxc/c1/other", "lxc/abc/command"];
    expect([...activeNames("/var/lib/lxc", s)]).toEqual(["c1", "c2"]);
  });
});

describe("config view", () => {
  const e = (key: string, value: string, line: number) => ({ key, value, file: "f", line });
  test("last scalar wins, empty clears lists, prefixes keep the last value per key", () => {
    const v = new ConfigView([
      e("lxc.uts.name", "a", 1), e("lxc.uts.name", "b", 2),
      e("lxc.cap.drop", "mknod", 3), e("lxc.cap.drop", "", 4), e("lxc.cap.drop", "sys_time", 5),
      e("lxc.sysctl.net.x", "1", 6), e("lxc.sysctl.net.x", "2", 7), e("lxc.sysctl.kernel.y", "3", 8),
      e("lxc.net.0.type", "veth", 9), e("lxc.net.1.type", "empty", 10), e("lxc.net", "", 11), e("lxc.net.0.type", "empty", 12),
    ]);
    expect(v.get("lxc.uts.name")).toBe("b");
    expect(v.scalar("lxc.uts.name")!.origin).toBe("lxc.uts.name@f:2");
    expect(v.list("lxc.cap.drop").map((s) => s.value)).toEqual(["sys_time"]);
    expect(v.prefixed("lxc.sysctl.").map((s) => [s.key, s.value])).toEqual([["lxc.sysctl.net.x", "2"], ["lxc.sysctl.kernel.y", "3"]]);
    const nets = v.networks();
    expect([...nets.keys()]).toEqual([0]);
    expect(nets.get(0)!.get("type")![0]!.value).toBe("empty");
  });
});

describe("signal and capability names", () => {
  test("signals", () => {
    expect(sigNumber("SIGPWR")).toBe(30);
    expect(sigNumber("sigusr1")).toBe(10);
    expect(sigNumber("9")).toBe(9);
    expect(sigNumber("SIGRTMIN+3")).toBe(37);
    expect(sigNumber("SIGRTMAX-1")).toBe(63);
    expect(sigNumber("USR1")).toBeUndefined();
    expect(sigNumber("99")).toBeUndefined();
  });
  test("capabilities", () => {
    expect(capNumber("sys_admin")).toBe(21);
    expect(capNumber("net_raw")).toBe(13);
    expect(capNumber("checkpoint_restore")).toBe(40);
    expect(capNumber("bogus")).toBeUndefined();
  });
});
