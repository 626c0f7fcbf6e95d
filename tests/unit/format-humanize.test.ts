import { describe, expect, test } from "bun:test";
import { cFixed, humanizeCpu, humanizeSize, rawCount } from "../../src/format/humanize.ts";

describe("cFixed (C %.Nf)", () => {
  test("halfway cases round to even, like glibc", () => {
    expect(cFixed(1.125, 2)).toBe("1.12");
    expect(cFixed(1.375, 2)).toBe("1.38");
    expect(cFixed(0.125, 2)).toBe("0.12");
    expect(cFixed(2.5, 0)).toBe("2");
    expect(cFixed(3.5, 0)).toBe("4");
    expect(cFixed(-1.125, 2)).toBe("-1.12");
  });
  test("non-halfway values use the exact binary value", () => {
    expect(cFixed(0.005, 2)).toBe("0.01"); // 0.005 is stored slightly above
    expect(cFixed(0.015, 2)).toBe("0.01"); // ... and 0.015 slightly below
    expect(cFixed(0, 2)).toBe("0.00");
    expect(cFixed(1e-7, 2)).toBe("0.00");
    expect(cFixed(119.0234375, 2)).toBe("119.02");
    expect(cFixed(8589934592, 2)).toBe("8589934592.00");
  });
});

describe("humanizeSize (lxc-info)", () => {
  test("a unit is used only strictly above it", () => {
    expect(humanizeSize(0)).toBe("0 bytes");
    expect(humanizeSize(1024)).toBe("1024 bytes");
    expect(humanizeSize(1025)).toBe("1.00 KiB");
    expect(humanizeSize(1048576)).toBe("1024.00 KiB");
    expect(humanizeSize(1048577)).toBe("1.00 MiB");
    expect(humanizeSize(2 ** 30)).toBe("1024.00 MiB");
    expect(humanizeSize(2 ** 30 + 1)).toBe("1.00 GiB");
  });
  test("KiB and MiB round to hundredths", () => {
    expect(humanizeSize(1078)).toBe("1.05 KiB");
    expect(humanizeSize(3293)).toBe("3.22 KiB");
    expect(humanizeSize(2047)).toBe("2.00 KiB");
    expect(humanizeSize(124805120)).toBe("119.02 MiB");
  });
  test("GiB truncates the hundredths", () => {
    expect(humanizeSize(1.5 * 2 ** 30)).toBe("1.49 GiB");
    expect(humanizeSize(5_000_000_000)).toBe("4.65 GiB");
  });
  test("bigints, and C's 32-bit truncation of the GiB count", () => {
    expect(humanizeSize(2n ** 40n)).toBe("1024.00 GiB");
    expect(humanizeSize(2n ** 64n - 1n)).toBe("4294967295.99 GiB");
  });
  test("raw counts keep every digit", () => {
    expect(rawCount(9007199254740993n)).toBe("9007199254740993");
    expect(rawCount(42)).toBe("42");
  });
});

describe("humanizeCpu", () => {
  test("nanoseconds to seconds through a C float", () => {
    expect(humanizeCpu(40764169)).toBe("0.04 seconds");
    expect(humanizeCpu(585954361)).toBe("0.59 seconds");
    // 0.045 is below the halfway point as a double but above it as a float.
    expect(humanizeCpu(45_000_000)).toBe("0.05 seconds");
    expect(humanizeCpu(1_125_000_000)).toBe("1.12 seconds");
    expect(humanizeCpu(123456789012345678n)).toBe("123456792.00 seconds");
    expect(humanizeCpu(0)).toBe("0.00 seconds");
  });
});
