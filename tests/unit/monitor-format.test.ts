// lxc-monitor's pattern and lines: LXC's anchoring quirk and its exact wording.
import { describe, expect, test } from "bun:test";
import { formatEvent, monitorPattern } from "../../src/cli/monitor.ts";

describe("lxc-monitor", () => {
  test("the name is wrapped as ^NAME$ without a group, as LXC does", () => {
    const re = monitorPattern("web[0-9]");
    expect(re.test("web1")).toBe(true);
    expect(re.test("web12")).toBe(false);
    expect(re.test("xweb1")).toBe(false);
    // ^a|b$: starts with a, or ends with b
    const alt = monitorPattern("a|b");
    expect(alt.test("alpha")).toBe(true);
    expect(alt.test("climb")).toBe(true);
    expect(alt.test("cab0")).toBe(false);
    expect(monitorPattern(undefined).test("anything")).toBe(true);
  });

  test("a bad pattern is a usage error naming it", () => {
    expect(() => monitorPattern("web[")).toThrow('invalid regular expression "web["');
  });

  test("LXC's lines: state changes, and init's exit code (0 when a signal ended it)", () => {
    expect(formatEvent({ type: "state", name: "c1", lxcpath: "/x", state: "RUNNING" })).toBe("'c1' changed state to [RUNNING]\n");
    expect(formatEvent({ type: "exited", name: "c1", lxcpath: "/x", status: 3 << 8 })).toBe("'c1' exited with status [3]\n");
    expect(formatEvent({ type: "exited", name: "c1", lxcpath: "/x", status: 9 })).toBe("'c1' exited with status [0]\n");
  });
});
