// MAC address templates: each x in `lxc.net.N.hwaddr` becomes a random hex digit. The second
// digit of the first byte only takes values that keep the address unicast and locally
// administered (2, 6, a, e), as LXC does.

export type Random = () => number;

export function expandHwaddr(template: string, random: Random = Math.random): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== "x" && c !== "X") {
      out += c;
      continue;
    }
    let n = Math.floor(random() * 16) & 0xf;
    if (i === 1) n = (n & 0xe) | 0x2;
    out += n.toString(16);
  }
  return out;
}

const HWADDR_LINE = /^([ \t]*lxc\.net(?:work)?(?:\.\d+)?\.hwaddr[ \t]*=[ \t]*["']?)([0-9A-Fa-fxX:]+)/;

/** A config text with the x placeholders of every active hwaddr line filled in. */
export function expandHwaddrTemplates(text: string, random: Random = Math.random): string {
  return text
    .split("\n")
    .map((l) => {
      const m = HWADDR_LINE.exec(l);
      if (!m || !/[xX]/.test(m[2]!)) return l;
      return m[1]! + expandHwaddr(m[2]!, random) + l.slice(m[0].length);
    })
    .join("\n");
}
