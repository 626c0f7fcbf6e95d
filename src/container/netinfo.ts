// A running container's addresses, read from /proc/<init pid>/net (which shows init's
// network namespace), without spawning anything.
import { readFileSync } from "node:fs";

/** Global IPv4 addresses, not on loopback, from fib_trie's LOCAL host routes. */
export function ipv4Addresses(pid: number): string[] {
  let trie: string;
  try {
    trie = readFileSync(`/proc/${pid}/net/fib_trie`, "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  const lines = trie.split("\n");
  let inLocal = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith("Local:")) inLocal = true;
    else if (l.startsWith("Main:")) inLocal = false;
    if (!inLocal && l.trim().startsWith("/32 host LOCAL")) {
      const prev = /([0-9.]+)\s*$/.exec(lines[i - 1] ?? "");
      if (prev && !prev[1]!.startsWith("127.") && !out.includes(prev[1]!)) out.push(prev[1]!);
    }
  }
  return out;
}

/** Global-scope IPv6 addresses not on lo, from if_inet6. */
export function ipv6Addresses(pid: number): string[] {
  let t: string;
  try {
    t = readFileSync(`/proc/${pid}/net/if_inet6`, "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of t.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || f[5] === "lo" || f[3] !== "00") continue;
    const hex = f[0]!;
    const groups = hex.match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, ""));
    out.push(compressV6(groups));
  }
  return out;
}

function compressV6(g: string[]): string {
  let best = -1, bestLen = 0;
  for (let i = 0; i < g.length; ) {
    if (g[i] !== "0") { i++; continue; }
    let j = i;
    while (j < g.length && g[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return g.join(":");
  return `${g.slice(0, best).join(":")}::${g.slice(best + bestLen).join(":")}`;
}

/** Interfaces inside the container (from /proc/<pid>/net/dev). */
export function interfaces(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/net/dev`, "utf8").split("\n").slice(2).map((l) => l.split(":")[0]!.trim()).filter(Boolean).sort();
  } catch {
    return [];
  }
}
