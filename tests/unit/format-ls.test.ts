import { describe, expect, test } from "bun:test";
import {
  type LsRow, formatLsFancy, formatLsLines, formatLsPlain, lsJson, parseAutostart, parseLsColumns,
} from "../../src/format/ls.ts";

const row = (name: string, extra: Partial<LsRow> = {}): LsRow => ({
  name, state: "STOPPED", autostart: "0", groups: [], interfaces: [], ipv4: [], ipv6: [], unprivileged: false, ...extra,
});
const running = (name: string, extra: Partial<LsRow> = {}): LsRow =>
  row(name, { state: "RUNNING", pid: 42, ramBytes: 4096, swapBytes: 0, interfaces: ["eth0", "lo"], ...extra });
const pipe = { tty: false, columns: 0 };

describe("no containers", () => {
  test("every format prints nothing", () => {
    expect(formatLsPlain([], { tty: true, columns: 80 })).toBe("");
    expect(formatLsLines([])).toBe("");
    expect(formatLsFancy([])).toBe("");
    expect(formatLsFancy([], ["NAME"])).toBe("");
  });
});

describe("plain names", () => {
  test("without a terminal: one per line, padded to max(4, longest)", () => {
    expect(formatLsPlain(["a", "bb"], pipe)).toBe("a   \nbb  \n");
    expect(formatLsPlain(["a", "longer-name"], pipe)).toBe("a          \nlonger-name\n");
    expect(formatLsPlain(["a", "b"], { tty: false, columns: 80 })).toBe("a   \nb   \n");
    expect(formatLsPlain(["a", "b"], { tty: true, columns: 0 })).toBe("a   \nb   \n");
  });
  test("terminal layout: newline when used + W reaches the width", () => {
    const names = ["a", "b", "c"];
    expect(formatLsPlain(names, { tty: true, columns: 9 })).toBe("a    b   \nc    \n");
    expect(formatLsPlain(names, { tty: true, columns: 10 })).toBe("a    b   \nc    \n");
    expect(formatLsPlain(names, { tty: true, columns: 14 })).toBe("a    b    c   \n");
    expect(formatLsPlain(names, { tty: true, columns: 18 })).toBe("a    b    c   \n");
    expect(formatLsPlain(names, { tty: true, columns: 19 })).toBe("a    b    c    \n");
    expect(formatLsPlain(names, { tty: true, columns: 4 })).toBe("a   \nb   \nc   \n");
  });
  test("a name wider than the terminal still gets its own padded line", () => {
    const long = "x".repeat(50);
    expect(formatLsPlain(["a", long], { tty: true, columns: 20 })).toBe(`a${" ".repeat(49)}\n${long}\n`);
  });
  test("widths count UTF-8 bytes, and nesting levels widen W", () => {
    expect(formatLsPlain(["ñø", "a"], pipe)).toBe("ñø\na   \n");
    expect(formatLsPlain(["p", "p/child"], { ...pipe, nestLevels: [0, 1] })).toBe("p       \np/child \n");
  });
  test("-1 lines are unpadded", () => {
    expect(formatLsLines(["a", "ñø", "p/c"])).toBe("a\nñø\np/c\n");
  });
});

describe("-F parsing", () => {
  test("case-insensitive (ASCII only), trimmed, empty pieces skipped", () => {
    expect(parseLsColumns(" name ,\tRaM,,swap")).toEqual(["NAME", "RAM", "SWAP"]);
    expect(parseLsColumns("")).toEqual([]);
    expect(parseLsColumns(",,")).toEqual([]);
  });
  test("the first unknown key is the error", () => {
    expect(parseLsColumns("name,bogus,worse")).toBe("Invalid key: bogus");
    expect(parseLsColumns("name, ,state")).toBe("Invalid key: ");
    expect(parseLsColumns("name;state")).toBe("Invalid key: name;state");
    expect(parseLsColumns("ſtate")).toBe("Invalid key: ſtate"); // JS would fold ſ to S
  });
  test("formatLsFancy refuses an unvalidated column", () => {
    expect(() => formatLsFancy([row("a")], ["NAME", "BOGUS"])).toThrow("Invalid key: BOGUS");
  });
});

describe("fancy table", () => {
  test("default columns, trailing space on every line", () => {
    expect(formatLsFancy([row("a", { autostart: "1", groups: ["g1", "g2"], unprivileged: true })])).toBe(
      "NAME STATE   AUTOSTART GROUPS IPV4 IPV6 UNPRIVILEGED \n" +
        "a    STOPPED 1         g1, g2 -    -    true         \n",
    );
  });
  test("stopped rows: '-' cells, RAM/SWAP padded by 3 spaces; widths still count 0.00", () => {
    expect(formatLsFancy([row("a")], ["PID", "RAM", "SWAP", "INTERFACE"])).toBe(
      "PID RAM    SWAP   INTERFACE \n" + "-   -      -      -         \n",
    );
  });
  test("RAM right-aligned in fractional MiB (ties to even), SWAP in whole MiB", () => {
    const rows = [
      running("a", { ramBytes: 1179648, swapBytes: 2 * 1048576 - 1 }),
      running("b", { pid: 123456, ramBytes: 150 * 1048576, swapBytes: 3 * 1048576 }),
      row("c"),
    ];
    expect(formatLsFancy(rows, ["NAME", "PID", "RAM", "SWAP"])).toBe(
      "NAME PID    RAM      SWAP   \n" +
        "a    42       1.12MB 1.00MB \n" +
        "b    123456 150.00MB 3.00MB \n" +
        "c    -      -        -      \n",
    );
  });
  test("a running row without readable memory shows 0.00MB", () => {
    expect(formatLsFancy([running("a", { ramBytes: undefined, swapBytes: undefined })], ["RAM", "SWAP"])).toBe(
      "RAM    SWAP   \n" + "0.00MB 0.00MB \n",
    );
  });
  test("nested rows: backslash indented to the level, width includes it", () => {
    const rows = [running("p"), running("child", { nestLevel: 2 })];
    expect(formatLsFancy(rows, ["NAME", "STATE"])).toBe(
      "NAME    STATE   \n" + "p       RUNNING \n" + " \\child RUNNING \n",
    );
  });
  test("names and groups pad by bytes", () => {
    expect(formatLsFancy([row("ñø", { groups: ["ü"] })], ["NAME", "GROUPS"])).toBe("NAME GROUPS \nñø ü     \n");
  });
  test("an empty column list prints empty lines", () => {
    expect(formatLsFancy([row("a"), row("b")], [])).toBe("\n\n\n");
  });
  test("long values widen their column", () => {
    const r = running("a", { ipv4: ["10.0.0.1", "10.0.0.2"], ipv6: ["fd00::1"] });
    expect(formatLsFancy([r], ["IPV4", "IPV6", "INTERFACE"])).toBe(
      "IPV4               IPV6    INTERFACE \n" + "10.0.0.1, 10.0.0.2 fd00::1 eth0, lo  \n",
    );
  });
});

describe("lxc.start.auto", () => {
  test("values as lxc-ls reads them", () => {
    expect(parseAutostart("1")).toEqual({ on: true, warning: "" });
    expect(parseAutostart("0")).toEqual({ on: false, warning: "" });
    expect(parseAutostart("")).toEqual({ on: false, warning: "" });
    expect(parseAutostart("0x1").on).toBe(true);
    expect(parseAutostart("2")).toEqual({ on: false, warning: "Wrong value for 'lxc.start.auto = 2'.\n" });
    expect(parseAutostart("4294967295").warning).toBe("Wrong value for 'lxc.start.auto = -1'.\n");
    expect(parseAutostart("4294967296").warning).toBe("Could not parse value for 'lxc.start.auto'.\n");
    expect(parseAutostart("yes").warning).toBe("Could not parse value for 'lxc.start.auto'.\n");
    expect(parseAutostart("-1").warning).toBe("Could not parse value for 'lxc.start.auto'.\n");
  });
  test("warnings come first on stdout, and the cell shows 0", () => {
    expect(formatLsFancy([row("a", { autostart: "2" })], ["NAME", "AUTOSTART"])).toBe(
      "Wrong value for 'lxc.start.auto = 2'.\n" + "NAME AUTOSTART \n" + "a    0         \n",
    );
  });
});

describe("lsJson", () => {
  test("documented shape: lower-case keys, numbers, null when not running", () => {
    const out = JSON.parse(lsJson([running("a", { autostart: "1", groups: ["g"], ipv4: ["10.0.0.1"] }), row("b")]));
    expect(out).toEqual([
      {
        name: "a", nest_level: 0, state: "RUNNING", pid: 42, ram: 4096, swap: 0, autostart: true, groups: ["g"],
        interfaces: ["eth0", "lo"], ipv4: ["10.0.0.1"], ipv6: [], unprivileged: false,
      },
      {
        name: "b", nest_level: 0, state: "STOPPED", pid: null, ram: null, swap: null, autostart: false, groups: [],
        interfaces: null, ipv4: null, ipv6: null, unprivileged: false,
      },
    ]);
  });
  test("counters above 2^53 stay exact; no trailing newline", () => {
    const text = lsJson([running("a", { ramBytes: 2n ** 60n + 1n })]);
    expect(text).toContain('"ram": 1152921504606846977');
    expect(text.endsWith("]")).toBe(true);
    expect(lsJson([])).toBe("[]");
  });
});
