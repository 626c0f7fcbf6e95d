// "Did you mean ...?" for unknown config keys: edit distance (with transpositions) over the
// whole key, family prefixes with the rest kept, and keys made of the same segments reordered.
import { FAMILIES } from "./keys-family.ts";
import { knownKeyNames } from "./keys.ts";

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known keys to `unknown` (best first), empty when nothing is close. */
export function suggestKeys(unknown: string): string[] {
  const idx = /^lxc\.net\.(\d+)\./.exec(unknown)?.[1];
  const candidates = new Set(knownKeyNames(idx === undefined ? 0 : Number(idx)));
  // a family prefix with a typo: keep what follows it
  const segs = unknown.split(".");
  for (const f of FAMILIES) {
    const n = f.prefix.split(".").length - 1;
    if (segs.length > n) candidates.add(f.prefix + segs.slice(n).join("."));
  }
  // "lxc.net.0.ipv4" -> lxc.net.0.ipv4.address / .gateway: the key is a prefix of known ones
  const extended = [...candidates].filter((c) => c.startsWith(`${unknown}.`));
  if (extended.length) return extended.slice(0, 3);

  const limit = Math.max(2, Math.floor(unknown.length / 6));
  const scored = [...candidates]
    .map((c) => ({ c, d: editDistance(unknown, c) }))
    .filter((x) => x.d > 0 && x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  if (scored.length) {
    const best = scored[0]!.d;
    return scored.filter((x) => x.d === best).slice(0, 3).map((x) => x.c);
  }
  const sorted = (s: string) => s.split(".").sort().join(".");
  return [...candidates].filter((c) => c !== unknown && sorted(c) === sorted(unknown)).slice(0, 3);
}

/** " (did you mean lxc.x.y?)"-style hint text, or undefined. */
export function didYouMean(unknown: string): string | undefined {
  const s = suggestKeys(unknown);
  if (!s.length) return undefined;
  return `did you mean ${s.join(" or ")}?`;
}
