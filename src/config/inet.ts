// IPv4 / IPv6 address parsing and canonical text, without touching the OS.
// IPv6 text follows the C library's inet_ntop (what `lxc-info -c` shows).

/** Strict dotted quad (no leading zeros, each part 0-255) -> 4 bytes, or undefined. */
export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** IPv6 text (with optional embedded IPv4 tail) -> 8 16-bit words, or undefined. */
export function parseIPv6(s: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return undefined;
  const dbl = s.indexOf("::");
  if (dbl !== s.lastIndexOf("::")) return undefined;
  const toWords = (part: string, allowV4Tail: boolean): number[] | undefined => {
    if (part === "") return [];
    const groups = part.split(":");
    const words: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (allowV4Tail && i === groups.length - 1 && g.includes(".")) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        words.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      words.push(parseInt(g, 16));
    }
    return words;
  };
  if (dbl < 0) {
    const w = toWords(s, true);
    return w && w.length === 8 ? w : undefined;
  }
  const head = toWords(s.slice(0, dbl), false);
  const tail = toWords(s.slice(dbl + 2), true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** Canonical IPv6 text as inet_ntop writes it (longest zero run of 2+ words compressed). */
export function formatIPv6(words: readonly number[]): string {
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (cur.base < 0) cur = { base: i, len: 1 };
      else cur.len++;
    } else if (cur.base >= 0) {
      if (cur.len > best.len) best = cur;
      cur = { base: -1, len: 0 };
    }
  }
  if (cur.base >= 0 && cur.len > best.len) best = cur;
  if (best.len < 2) best = { base: -1, len: 0 };
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (best.base >= 0 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      const a = words[6]!;
      const b = words[7]!;
      out += `${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;
      break;
    }
    out += words[i]!.toString(16);
  }
  if (best.base >= 0 && best.base + best.len === 8) out += ":";
  return out;
}

/** Prefix LXC 5.0.2 assumes for an IPv4 address written without one.
 *  (It classifies the address in network byte order, so on x86 the *last* octet decides.) */
export function lxcDefaultIPv4Prefix(bytes: readonly number[]): number {
  const b = bytes[3]!;
  if (b < 128) return 8;
  if (b < 192) return 16;
  if (b < 224) return 24;
  return 0;
}

/** A prefix length written in decimal without leading zeros, within 0..max. */
export function parsePrefix(s: string, max: number): number | undefined {
  if (!/^(0|[1-9]\d{0,2})$/.test(s)) return undefined;
  const n = Number(s);
  return n <= max ? n : undefined;
}
