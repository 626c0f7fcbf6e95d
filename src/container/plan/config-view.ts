// What the plan builder reads from a loaded config: its expanded entries in file order.
// Effective values are derived here with LXC's rules (last scalar wins; an empty value
// clears a list), keeping each value's origin so errors can name file and line.

export interface EntryLike {
  key: string;
  value: string;
  file: string;
  line: number;
}

export interface Sourced {
  value: string;
  origin: string;
  key: string;
}

export const originOf = (e: EntryLike) => `${e.key}@${e.file}:${e.line}`;

export class ConfigView {
  constructor(readonly entries: readonly EntryLike[]) {}

  scalar(key: string): Sourced | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.key === key) return e.value === "" ? undefined : { value: e.value, origin: originOf(e), key };
    }
    return undefined;
  }

  get(key: string): string | undefined {
    return this.scalar(key)?.value;
  }

  list(key: string): Sourced[] {
    let out: Sourced[] = [];
    for (const e of this.entries) {
      if (e.key !== key) continue;
      if (e.value === "") out = [];
      else out.push({ value: e.value, origin: originOf(e), key });
    }
    return out;
  }

  /** Keys under a family prefix (e.g. `lxc.sysctl.`), last value per key, in first-seen order. */
  prefixed(prefix: string): Sourced[] {
    const m = new Map<string, Sourced>();
    for (const e of this.entries) {
      if (e.key === prefix.replace(/\.$/, "") && e.value === "") m.clear();
      else if (e.key.startsWith(prefix)) {
        if (e.value === "") m.delete(e.key);
        else m.set(e.key, { value: e.value, origin: originOf(e), key: e.key });
      }
    }
    return [...m.values()];
  }

  /** Network entries by index: `lxc.net.N.sub` -> map N -> sub -> values. */
  networks(): Map<number, Map<string, Sourced[]>> {
    const nets = new Map<number, Map<string, Sourced[]>>();
    for (const e of this.entries) {
      if (e.key === "lxc.net" && e.value === "") {
        nets.clear();
        continue;
      }
      const m = /^lxc\.net\.(\d+)\.(.+)$/.exec(e.key);
      if (!m) continue;
      const idx = Number(m[1]);
      const sub = m[2]!;
      let n = nets.get(idx);
      if (!n) nets.set(idx, (n = new Map()));
      const cur = n.get(sub) ?? [];
      if (e.value === "") n.set(sub, []);
      else n.set(sub, [...cur, { value: e.value, origin: originOf(e), key: e.key }]);
    }
    return nets;
  }
}
