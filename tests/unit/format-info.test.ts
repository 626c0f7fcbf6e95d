import { describe, expect, test } from "bun:test";
import { type InfoData, type InfoSelection, formatInfo, infoJson } from "../../src/format/info.ts";

const runningData: InfoData = {
  name: "c1",
  state: "RUNNING",
  pid: 23936,
  ips: ["10.0.0.5", "fd00::5"],
  stats: { cpuNs: 12_000_000, blkioBytes: 0, memBytes: 933888, kmemBytes: 344064 },
  links: [{ name: "vethABC", txBytes: 562, rxBytes: 516 }],
};
const stoppedData: InfoData = { name: "c1", state: "STOPPED", ips: [], links: [] };
const sel = (s: Partial<InfoSelection> = {}): InfoSelection => ({
  state: false, pid: false, ips: false, stats: false, configKeys: [], humanize: true, ...s,
});

describe("default output", () => {
  test("all fields in LXC's order, labels padded to 15", () => {
    expect(formatInfo(runningData, sel()).stdout).toBe(
      "Name:           c1\n" +
        "State:          RUNNING\n" +
        "PID:            23936\n" +
        "IP:             10.0.0.5\n" +
        "IP:             fd00::5\n" +
        "CPU use:        0.01 seconds\n" +
        "BlkIO use:      0 bytes\n" +
        "Memory use:     912.00 KiB\n" +
        "KMem use:       336.00 KiB\n" +
        "Link:           vethABC\n" +
        " TX bytes:      562 bytes\n" +
        " RX bytes:      516 bytes\n" +
        " Total bytes:   1.05 KiB\n",
    );
  });
  test("-H alone keeps the labels and prints raw numbers", () => {
    const out = formatInfo(runningData, sel({ humanize: false })).stdout;
    expect(out).toContain("Name:           c1\n");
    expect(out).toContain("CPU use:        12000000\n");
    expect(out).toContain(" Total bytes:   1078\n");
  });
  test("stopped: only Name and State, whatever the data holds", () => {
    const d = { ...stoppedData, pid: 1, ips: ["10.0.0.1"], stats: { cpuNs: 5 }, links: runningData.links };
    expect(formatInfo(d, sel())).toEqual({ stdout: "Name:           c1\nState:          STOPPED\n", stderr: "" });
    expect(formatInfo(d, sel({ stats: true, pid: true, ips: true })).stdout).toBe("");
  });
  test("only the stats that were read are printed", () => {
    const d = { ...runningData, stats: { memBytes: 5 * 2 ** 30 }, links: [] };
    expect(formatInfo(d, sel({ stats: true })).stdout).toBe("Memory use:     5.00 GiB\n");
  });
});

describe("selectors and -H", () => {
  test("one of -s/-p/-i with -H: bare values", () => {
    const H = { humanize: false };
    expect(formatInfo(runningData, sel({ state: true, ...H })).stdout).toBe("RUNNING\n");
    expect(formatInfo(runningData, sel({ pid: true, ...H })).stdout).toBe("23936\n");
    expect(formatInfo(runningData, sel({ ips: true, ...H })).stdout).toBe("10.0.0.5\nfd00::5\n");
  });
  test("without -H, or with two selectors, labels stay", () => {
    expect(formatInfo(runningData, sel({ state: true })).stdout).toBe("State:          RUNNING\n");
    expect(formatInfo(runningData, sel({ state: true, pid: true, humanize: false })).stdout).toBe(
      "State:          RUNNING\nPID:            23936\n",
    );
  });
  test("-S counts 5, so -S -H is labelled; a repeated flag counts twice", () => {
    expect(formatInfo(runningData, sel({ stats: true, humanize: false })).stdout).toStartWith("CPU use:        12000000\n");
    expect(formatInfo(runningData, sel({ pid: true, humanize: false, count: 2 })).stdout).toBe("PID:            23936\n");
  });
  test("-H bare state of a stopped container; nothing for its pid", () => {
    expect(formatInfo(stoppedData, sel({ state: true, humanize: false })).stdout).toBe("STOPPED\n");
    expect(formatInfo(stoppedData, sel({ pid: true, humanize: false })).stdout).toBe("");
  });
  test("counters above 2^53 print exactly with -H", () => {
    const d = { ...runningData, stats: { cpuNs: 2n ** 60n }, links: [] };
    expect(formatInfo(d, sel({ stats: true, humanize: false })).stdout).toBe("CPU use:        1152921504606846976\n");
  });
});

describe("network links", () => {
  test("an unreadable counter drops its line; Total reuses the previous link's values", () => {
    const d: InfoData = {
      ...runningData,
      stats: {},
      links: [
        { name: "lo", txBytes: 3293, rxBytes: 3293 },
        { name: "gone0", txBytes: null, rxBytes: null },
      ],
    };
    expect(formatInfo(d, sel({ stats: true })).stdout).toBe(
      "Link:           lo\n TX bytes:      3.22 KiB\n RX bytes:      3.22 KiB\n Total bytes:   6.43 KiB\n" +
        "Link:           gone0\n Total bytes:   6.43 KiB\n",
    );
    const first: InfoData = { ...d, links: [{ name: "gone0", txBytes: null, rxBytes: null }] };
    expect(formatInfo(first, sel({ stats: true })).stdout).toBe("Link:           gone0\n Total bytes:   0 bytes\n");
  });
});

describe("-c", () => {
  const keys = (...k: [string, string | null][]) => k.map(([key, value]) => ({ key, value }));
  test("KEY = VALUE; multi-valued text keeps its lines and final newline", () => {
    const out = formatInfo(runningData, sel({ configKeys: keys(["lxc.group", "web\nonboot\n"], ["lxc.tty.max", "5"]) }));
    expect(out).toEqual({ stdout: "lxc.group = web\nonboot\n\nlxc.tty.max = 5\n", stderr: "" });
  });
  test("empty value prints 'KEY =' (bare: an empty line)", () => {
    expect(formatInfo(runningData, sel({ configKeys: keys(["lxc.init.cmd", ""]) })).stdout).toBe("lxc.init.cmd =\n");
    expect(formatInfo(runningData, sel({ configKeys: keys(["lxc.init.cmd", ""]), humanize: false })).stdout).toBe("\n");
  });
  test("an invalid key goes to stderr, the others still print", () => {
    expect(formatInfo(runningData, sel({ configKeys: keys(["bogus", null], ["lxc.tty.max", "5"]) }))).toEqual({
      stdout: "lxc.tty.max = 5\n",
      stderr: "bogus invalid\n",
    });
  });
  test("-H with one -c prints the bare value, also next to a bare selector", () => {
    expect(formatInfo(runningData, sel({ configKeys: keys(["lxc.uts.name", "c1"]), humanize: false })).stdout).toBe("c1\n");
    expect(formatInfo(runningData, sel({ state: true, configKeys: keys(["lxc.uts.name", "c1"]), humanize: false })).stdout).toBe(
      "RUNNING\nc1\n",
    );
    expect(
      formatInfo(runningData, sel({ configKeys: keys(["a", "1"], ["b", "2"]), humanize: false })).stdout,
    ).toBe("a = 1\nb = 2\n");
  });
  test("-c alone suppresses the default fields; works on stopped containers", () => {
    expect(formatInfo(stoppedData, sel({ configKeys: keys(["lxc.group", "g\n"]) })).stdout).toBe("lxc.group = g\n\n");
  });
});

describe("infoJson", () => {
  test("running", () => {
    expect(JSON.parse(infoJson(runningData, [{ key: "lxc.group", value: "a\nb\n" }, { key: "x", value: null }]))).toEqual({
      name: "c1",
      state: "RUNNING",
      pid: 23936,
      ips: ["10.0.0.5", "fd00::5"],
      stats: { cpu_ns: 12000000, blkio_bytes: 0, memory_bytes: 933888, kmem_bytes: 344064 },
      links: [{ name: "vethABC", tx_bytes: 562, rx_bytes: 516, total_bytes: 1078 }],
      config: { "lxc.group": "a\nb", x: null },
    });
  });
  test("stopped: nulls, no config key when none asked", () => {
    expect(JSON.parse(infoJson(stoppedData))).toEqual({ name: "c1", state: "STOPPED", pid: null, ips: null, stats: null, links: [] });
  });
});
