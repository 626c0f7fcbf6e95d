// A container's config as loaded: lxc.include expanded, legacy keys translated (with notices),
// every line checked, and the effective values LXC would use. The top file stays available as
// an editable document that is saved without its includes expanded.
import { readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { LxcError, fromSystemError } from "../errors.ts";
import { crossCheck } from "./crosscheck.ts";
import { getItem, members } from "./effective.ts";
import { expandHwaddr, type Random } from "./hwaddr.ts";
import { isCgroupMember, resolveKey } from "./keys.ts";
import type { LegacyState } from "./legacy.ts";
import { buildNetworks, type NetworkConfig } from "./networks.ts";
import { ConfigDocument, clearsKey } from "./parser.ts";
import { writeConfigAtomic } from "./save.ts";

export interface ConfigEntry {
  /** current key (legacy names translated, canonical spelling) */
  key: string;
  /** value as read: trimmed and unquoted */
  value: string;
  /** value as the key's checker normalizes it ("" for a clear) */
  norm: string;
  file: string;
  line: number;
  /** the key as written, when it differs (legacy name, lxc.net.00) */
  writtenKey?: string;
}

export interface LoadOptions {
  /** environment bare `lxc.environment = NAME` lines read from in getItem (default process.env) */
  env?: Readonly<Record<string, string | undefined>>;
  /** random source for hwaddr x placeholders (default Math.random) */
  random?: Random;
}

export function loadContainerConfig(path: string, opts: LoadOptions = {}): ContainerConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") {
      throw new LxcError("CONFIG_INCLUDE", `config file ${path} does not exist`, { hint: "check the path", details: { path } });
    }
    throw fromSystemError(e, "cannot read config file", path);
  }
  return parseContainerConfig(text, path, opts);
}

/** Loads a config from text; `file` names it in messages and anchors relative includes. */
export function parseContainerConfig(text: string, file: string, opts: LoadOptions = {}): ContainerConfig {
  const doc = new ConfigDocument(text, file);
  const notices: string[] = [];
  const entries: ConfigEntry[] = [];
  expand(doc, [file], { nic: -1 }, notices, entries);
  crossCheck(entries);
  return new ContainerConfig(file, doc, entries, notices, opts);
}

/** The real path of a file read, for include loop detection (the file's own name if it has none). */
function realOrSelf(f: string): string {
  try {
    return realpathSync(f);
  } catch {
    return f;
  }
}

/** `stack` holds the files being read, outermost first; the top file's entry is resolved to its
 *  real path only when an include needs comparing (most configs include nothing). */
function expand(doc: ConfigDocument, stack: string[], legacy: LegacyState, notices: string[], out: ConfigEntry[]): void {
  for (const e of doc.entries({ legacy, notices })) {
    const entry: ConfigEntry = { key: e.key, value: e.value, norm: e.norm, file: doc.file, line: e.line };
    if (e.writtenKey !== e.key) entry.writtenKey = e.writtenKey;
    out.push(entry);
    if (e.key !== "lxc.include" || e.value === "") continue;
    if (stack.length === 1) stack[0] = realOrSelf(stack[0]!);
    for (const f of includeFiles(e.value, doc.file, e.line)) {
      // an unreadable file is reported by the read below
      const real = realOrSelf(f);
      if (stack.includes(real)) {
        throw new LxcError("CONFIG_INCLUDE", `${doc.file}:${e.line}: include loop: ${[...stack, real].join(" -> ")}`, {
          hint: "remove one of the lxc.include lines that lead back to a file already being read",
          details: { file: doc.file, line: e.line, key: "lxc.include", path: f },
        });
      }
      let text: string;
      try {
        text = readFileSync(f, "utf8");
      } catch (err) {
        throw includeError(doc.file, e.line, f, err);
      }
      expand(new ConfigDocument(text, f), [...stack, real], legacy, notices, out);
    }
  }
}

/** The file, or the *.conf files of the directory (sorted, dotfiles and non-files skipped). */
function includeFiles(value: string, from: string, line: number): string[] {
  const base = isAbsolute(from) ? dirname(from) : process.cwd();
  const target = resolve(base, value);
  let st;
  try {
    st = statSync(target);
  } catch (err) {
    throw includeError(from, line, target, err);
  }
  if (!st.isDirectory()) return [target];
  return readdirSync(target)
    .filter((n) => n.endsWith(".conf") && !n.startsWith("."))
    .sort()
    .map((n) => join(target, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
}

function includeError(from: string, line: number, path: string, err: unknown): LxcError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why = code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : (err as Error)?.message ?? String(err);
  return new LxcError("CONFIG_INCLUDE", `${from}:${line}: cannot include ${path}: ${why}`, {
    hint: code === "ENOENT" ? "create the file, fix the path, or remove the lxc.include line" : "check the file's permissions",
    details: { file: from, line, key: "lxc.include", path },
  });
}

export class ContainerConfig {
  private readonly hwCache = new Map<string, string>();
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly random: Random;

  constructor(
    /** the config file (or the label given to parseContainerConfig) */
    readonly path: string,
    /** the top file, unexpanded and editable; save() writes it */
    readonly document: ConfigDocument,
    /** every assignment, includes expanded, in the order LXC reads them */
    readonly entries: ConfigEntry[],
    /** one line per legacy key read under its new name */
    readonly notices: string[],
    opts: LoadOptions = {},
  ) {
    this.env = opts.env ?? process.env;
    this.random = opts.random ?? Math.random;
  }

  private canon(key: string): string {
    const r = resolveKey(key);
    return r.ok ? r.key : key;
  }

  /** Effective value of a scalar key, undefined if unset or cleared. */
  get(key: string): string | undefined {
    const k = this.canon(key);
    const last = members(this.entries, (x) => x === k).at(-1);
    return last && last.value !== "" ? last.value : undefined;
  }

  /** Values of a list key after clears, in order. */
  getList(key: string): string[] {
    const k = this.canon(key);
    return members(this.entries, (x) => x === k).filter((e) => e.norm !== "").map((e) => e.value);
  }

  /** Effective `{key, value}` pairs of a family (e.g. "lxc.sysctl."): one per key for scalar
   *  families (first position, last value), every value for list families (cgroup, proc). */
  getPrefixed(prefix: string): { key: string; value: string }[] {
    const pred = prefix === "lxc.cgroup." ? isCgroupMember("lxc.cgroup.") : (k: string) => k.startsWith(prefix);
    const out: { key: string; value: string }[] = [];
    for (const e of members(this.entries, pred)) {
      if (e.norm === "") continue;
      const r = resolveKey(e.key);
      const at = r.ok && r.spec.kind === "scalar" ? out.findIndex((x) => x.key === e.key) : -1;
      if (at >= 0) out[at] = { key: e.key, value: e.value };
      else out.push({ key: e.key, value: e.value });
    }
    return out;
  }

  /** The NICs, sorted by index. */
  networks(): NetworkConfig[] {
    return buildNetworks(this.entries, (i, t) => this.hwaddrFor(i, t));
  }

  /** Commands of one hook type (pre-start, mount, ...), in order. */
  hooks(type: string): string[] {
    return this.getList(`lxc.hook.${type}`);
  }

  /** What `lxc-info -c KEY` prints for the key (multi-valued keys end in a newline); null for
   *  a key LXC calls invalid. */
  getItem(key: string): string | null {
    return getItem(this.entries, key, { env: this.env, expandHwaddr: (i, t) => this.hwaddrFor(i, t) });
  }

  /** File and line of the entry that decides the key's value (the last one written). */
  originOf(key: string): { file: string; line: number } | undefined {
    const k = this.canon(key);
    const last = members(this.entries, (x) => x === k).at(-1);
    return last && { file: last.file, line: last.line };
  }

  /** Entries that take effect but whose feature lxc-ts does not implement yet. */
  unsupportedInUse(): ConfigEntry[] {
    return this.entries.filter((e, i) => {
      if (e.norm === "") return false;
      const r = resolveKey(e.key);
      if (!r.ok || r.spec.supported) return false;
      const scalar = r.spec.kind === "scalar";
      return !this.entries.slice(i + 1).some((l) => (l.key === e.key && (scalar || l.norm === "")) || (l.norm === "" && clearsKey(l.key, e.key)));
    });
  }

  /** Writes the top file (includes stay `lxc.include` lines); hwaddr x placeholders are filled
   *  in with the same values getItem and networks() report. Atomic, mode 0640. */
  save(path: string = this.path): void {
    const doc = this.document;
    for (const e of doc.entries()) {
      const m = /^lxc\.net\.(\d+)\.hwaddr$/.exec(e.key);
      if (!m || !/[xX]/.test(e.value)) continue;
      doc.setLine(e.line, this.hwaddrFor(Number(m[1]), e.value));
    }
    writeConfigAtomic(path, doc.serialize());
  }

  private hwaddrFor(index: number, template: string): string {
    if (!/[xX]/.test(template)) return template;
    const k = `${index}|${template}`;
    let v = this.hwCache.get(k);
    if (v === undefined) {
      v = expandHwaddr(template, this.random);
      this.hwCache.set(k, v);
    }
    return v;
  }
}
