import { describe, expect, test } from "bun:test";
import { COMMON_OPTIONS, parseArgs, value, values, flag, type OptionSpec } from "../../src/cli/args.ts";

const specs: OptionSpec[] = [
  { long: "daemon", short: "d", arg: "none", help: "" },
  { long: "define", short: "s", arg: "required", repeat: true, help: "" },
  { long: "elevated-privileges", short: "e", arg: "optional", help: "" },
  ...COMMON_OPTIONS,
];

describe("getopt-compatible parsing", () => {
  test("short options, clusters and attached values", () => {
    const p = parseArgs(["-dnc1", "-P", "/x", "-lDEBUG"], specs, "t");
    expect(flag(p, "daemon")).toBe(true);
    expect(value(p, "name")).toBe("c1");
    expect(value(p, "lxcpath")).toBe("/x");
    expect(value(p, "logpriority")).toBe("DEBUG");
  });
  test("long options with = or a separate value, and unique prefixes", () => {
    const p = parseArgs(["--name=c1", "--lxcpath", "/y", "--dae"], specs, "t");
    expect(value(p, "name")).toBe("c1");
    expect(value(p, "lxcpath")).toBe("/y");
    expect(flag(p, "daemon")).toBe(true);
  });
  test("options after positionals, and -- ends options", () => {
    const p = parseArgs(["c1", "-d", "--", "/bin/sh", "-c", "x"], specs, "t");
    expect(p.positionals).toEqual(["c1"]);
    expect(flag(p, "daemon")).toBe(true);
    expect(p.rest).toEqual(["/bin/sh", "-c", "x"]);
  });
  test("repeatable options accumulate; optional arguments only attached", () => {
    const p = parseArgs(["-s", "a=1", "--define=b=2", "-e", "x"], specs, "t");
    expect(values(p, "define")).toEqual(["a=1", "b=2"]);
    expect(value(p, "elevated-privileges")).toBe("");
    expect(p.positionals).toEqual(["x"]);
    expect(value(parseArgs(["-eCAP"], specs, "t"), "elevated-privileges")).toBe("CAP");
  });
  test("errors name the option", () => {
    expect(() => parseArgs(["--bogus"], specs, "t")).toThrow("unrecognized option '--bogus'");
    expect(() => parseArgs(["-z"], specs, "t")).toThrow("invalid option -- 'z'");
    expect(() => parseArgs(["-n"], specs, "t")).toThrow("requires an argument");
    expect(() => parseArgs(["--d"], specs, "t")).toThrow("ambiguous");
    expect(() => parseArgs(["--daemon=1"], specs, "t")).toThrow("doesn't allow an argument");
  });
});
