// Logging across the tools: -o/-l with LXC's line layout (the monitor's own lines included),
// lxc.log.file/lxc.log.level from the config, -q, and stderr showing errors only.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Sandbox } from "./helpers.ts";

const sb = new Sandbox("lg");
const C = sb.name("c");
const LINE = /^lxc-[a-z-]+ \S+ \d{14}\.\d{3} (TRACE|DEBUG|INFO|NOTICE|WARN|ERROR|CRIT|ALERT|FATAL) +\S+ - \S+ - .*$/;

beforeAll(() => {
  expect(sb.create(C).code).toBe(0);
}, 60000);
afterAll(() => sb.cleanup(), 60000);

function logLines(file: string): string[] {
  return readFileSync(file, "utf8").split("\n").filter(Boolean);
}

describe("logging", () => {
  test("-o FILE -l INFO: LXC's line layout, the monitor's lines too, nothing below INFO", () => {
    const f = join(sb.lxcpath, "info.log");
    expect(sb.tool("lxc-start", "-n", C, "-o", f, "-l", "INFO").code).toBe(0);
    expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
    const lines = logLines(f);
    for (const l of lines) expect(l).toMatch(LINE);
    expect(lines.some((l) => l.startsWith(`lxc-start ${C} `) && l.includes("INFO     monitor - lxc-core:monitor - state changed to RUNNING"))).toBe(true);
    // the monitor outlives lxc-start and still writes to the file when the container stops
    expect(lines.some((l) => l.includes("state changed to STOPPED"))).toBe(true);
    expect(lines.some((l) => / (DEBUG|TRACE) /.test(l))).toBe(false);
  }, 30000);

  test("-l DEBUG adds the core's steps; -l TRACE the whole plan", () => {
    const f = join(sb.lxcpath, "debug.log");
    expect(sb.tool("lxc-start", "-n", C, "-o", f, "-l", "trace").code).toBe(0);
    expect(sb.tool("lxc-stop", "-n", C, "-k").code).toBe(0);
    const lines = logLines(f);
    for (const l of lines) expect(l).toMatch(LINE);
    expect(lines.some((l) => / DEBUG +start - lxc-core:start - plan line \d+ \(lxc\.autodev\)/.test(l))).toBe(true);
    expect(lines.some((l) => / TRACE +start - lxc-ts:start - plan line 1: lxc-ts-plan 1$/.test(l))).toBe(true);
  }, 30000);

  test("lxc.log.file and lxc.log.level from the config; -o wins over them", () => {
    const conf = join(sb.lxcpath, "conf.log");
    const cli = join(sb.lxcpath, "cli.log");
    const defs = ["-s", `lxc.log.file=${conf}`, "-s", "lxc.log.level=INFO"];
    expect(sb.tool("lxc-start", "-n", C, ...defs).code).toBe(0);
    sb.tool("lxc-stop", "-n", C, "-k");
    expect(logLines(conf).some((l) => l.includes("state changed to RUNNING"))).toBe(true);
    expect(sb.tool("lxc-start", "-n", C, ...defs, "-o", cli, "-l", "INFO").code).toBe(0);
    sb.tool("lxc-stop", "-n", C, "-k");
    expect(logLines(cli).some((l) => l.includes("state changed to RUNNING"))).toBe(true);
    expect(logLines(conf).filter((l) => l.includes("state changed to RUNNING")).length).toBe(1);
  }, 30000);

  test("errors reach stderr in LXC's short form, and the log file; -q silences stderr only", () => {
    const f = join(sb.lxcpath, "err.log");
    const r = sb.tool("lxc-info", "-n", "no-such-container", "-o", f);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^lxc-info: no-such-container: /);
    expect(logLines(f).some((l) => / ERROR +/.test(l))).toBe(true);
    const q = sb.tool("lxc-info", "-n", "no-such-container", "-q");
    expect(q.code).toBe(1);
    expect(q.stderr).toBe("");
  });

  test("a bad -l names the flag; -o none writes no file", () => {
    const r = sb.tool("lxc-info", "-n", C, "-l", "LOUD");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid log priority "LOUD" given with -l/--logpriority');
    const none = sb.tool("lxc-info", "-n", C, "-o", "none", "-l", "DEBUG");
    expect(none.code).toBe(0);
    expect(existsSync(join(sb.lxcpath, "none"))).toBe(false);
    rmSync(join(sb.lxcpath, "none"), { force: true });
  });
});
