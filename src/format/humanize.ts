// Number formatting the way LXC's tools print numbers, so that output compares byte for byte:
// C's "%.Nf" (exact binary value, ties to even), lxc-info's 1024-based size humanizer with its
// integer arithmetic, and the CPU-seconds line computed through a C float.

/** A counter read from the kernel: a number, or a bigint when it may exceed 2^53. */
export type Count = number | bigint;

const toBig = (v: Count): bigint => (typeof v === "bigint" ? v : BigInt(Math.trunc(v)));

/** Split a finite double into an exact integer mantissa and a power of two: x = m * 2^e. */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { m, e: -1074 };
  m |= 1n << 52n;
  return { m, e: biased - 1075 };
}

/**
 * C printf("%.<digits>f", x): rounds the exact binary value, halfway cases to even, which is
 * where JavaScript's toFixed differs (1.125.toFixed(2) is "1.13", glibc prints "1.12").
 */
export function cFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const neg = x < 0 || Object.is(x, -0);
  const { m, e } = decompose(x);
  const scaled = m * 10n ** BigInt(digits);
  let q: bigint;
  if (e >= 0) {
    q = scaled << BigInt(e);
  } else {
    const k = BigInt(-e);
    q = scaled >> k;
    const rem2 = (scaled - (q << k)) << 1n;
    const unit = 1n << k;
    if (rem2 > unit || (rem2 === unit && (q & 1n) === 1n)) q += 1n;
  }
  let s = q.toString().padStart(digits + 1, "0");
  if (digits > 0) s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return neg ? `-${s}` : s;
}

const two = (n: bigint) => n.toString().padStart(2, "0");
const U32 = (1n << 32n) - 1n;

/**
 * lxc-info's size text: "N bytes" up to 1 KiB, then "X.YY KiB", "X.YY MiB", "X.YY GiB".
 * A unit is used only when the value is strictly above it (1024 -> "1024 bytes",
 * 1048576 -> "1024.00 KiB"). KiB and MiB round to the nearest hundredth; GiB truncates.
 */
export function humanizeSize(value: Count): string {
  const v = toBig(value) & ((1n << 64n) - 1n);
  if (v > 1n << 30n) {
    const frac = (v & ((1n << 30n) - 1n)) / 10737419n;
    return `${(v >> 30n) & U32}.${two(frac)} GiB`;
  }
  if (v > 1n << 20n) {
    const x = (v + 5243n) & U32;
    return `${x >> 20n}.${two(((x & 0xfffffn) * 100n) >> 20n)} MiB`;
  }
  if (v > 1n << 10n) {
    const x = v + 5n;
    return `${x >> 10n}.${two(((x & 0x3ffn) * 100n) >> 10n)} KiB`;
  }
  return `${v & U32} bytes`;
}

/**
 * CPU time from nanoseconds as lxc-info prints it: "0.04 seconds". LXC parses the counter into
 * a C float and stores the quotient in a float, so the value is rounded to single precision
 * twice before "%.2f".
 */
export function humanizeCpu(ns: Count): string {
  const seconds = Math.fround(Math.fround(Number(ns)) / 1e9);
  return `${cFixed(seconds, 2)} seconds`;
}

/** Raw decimal text of a counter (what -H prints). */
export const rawCount = (v: Count): string => toBig(v).toString();
