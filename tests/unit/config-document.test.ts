// The document model: byte-for-byte round trips, line classification, and edits that touch only
// the lines they change.
import { describe, expect, test } from "bun:test";
import { ConfigDocument } from "../../src/config/index.ts";
import { classifyLine } from "../../src/config/syntax.ts";
import type { LxcError } from "../../src/errors.ts";
import { BUSYBOX, DOWNLOAD_MAIN, EVERYTHING, SHARED } from "./config-fixtures.test.ts";

function thrown(f: () => unknown): LxcError {
  try {
    f();
  } catch (e) {
    return e as LxcError;
  }
  throw new Error("expected an error");
}

describe("round trip", () => {
  const texts: [string, string][] = [
    ["busybox config", BUSYBOX],
    ["download config (martian lines, tabs, trailing blanks, no final newline)", DOWNLOAD_MAIN],
    ["everything", EVERYTHING],
    ...Object.entries(SHARED).map(([k, v]): [string, string] => [k, v]),
    ["empty", ""],
    ["only newlines", "\n\n\n"],
    ["CRLF lines", "lxc.uts.name = c1\r\n# comment\r\nlxc.tty.max = 4\r\n"],
    ["no final newline", "lxc.uts.name = c1"],
    ["non-ASCII", "# café ☕\nlxc.uts.name = c1\n"],
  ];
  for (const [name, text] of texts) {
    test(name, () => {
      expect(new ConfigDocument(text.replaceAll("@ROOT@", "/r"), "/x/config").serialize()).toBe(text.replaceAll("@ROOT@", "/r"));
    });
  }
  test("CRLF values are read without the carriage return", () => {
    const d = ConfigDocument.parse("lxc.tty.max = 4\r\n", "/x/config");
    expect(d.entries()[0]!.value).toBe("4");
  });
});

describe("line syntax", () => {
  const cases: [string, ReturnType<typeof classifyLine>["kind"], string?, string?][] = [
    ["", "blank"],
    ["   \t ", "blank"],
    ["# lxc.tty.max = 4", "comment"],
    ["   # indented", "comment"],
    ["foo.bar = 1", "martian"],
    ["lxc = a", "martian"],
    ["LXC.uts.name = x", "martian"],
    ["lxc.uts.name", "noequals"],
    ["lxc.uts.name = c1", "entry", "lxc.uts.name", "c1"],
    ["  lxc.uts.name=c1  ", "entry", "lxc.uts.name", "c1"],
    ["\tlxc.uts.name\t=\tc1\t", "entry", "lxc.uts.name", "c1"],
    ['lxc.uts.name = "c1"', "entry", "lxc.uts.name", "c1"],
    ["lxc.uts.name = 'c1'", "entry", "lxc.uts.name", "c1"],
    [`lxc.uts.name = "c1'`, "entry", "lxc.uts.name", `"c1'`],
    ['lxc.uts.name = ""c1""', "entry", "lxc.uts.name", '"c1"'],
    ['lxc.uts.name = " c1 "', "entry", "lxc.uts.name", " c1 "],
    ["lxc.uts.name = c1 # not a comment", "entry", "lxc.uts.name", "c1 # not a comment"],
    ["lxc.uts.name == a", "entry", "lxc.uts.name", "= a"],
    ["lxc.net =", "entry", "lxc.net", ""],
  ];
  for (const [raw, kind, key, value] of cases) {
    test(JSON.stringify(raw), () => {
      const s = classifyLine(raw);
      expect(s.kind).toBe(kind);
      if (key !== undefined) expect(s.key).toBe(key);
      if (value !== undefined) expect(s.value).toBe(value);
    });
  }
});

describe("edits", () => {
  test("set replaces the last assignment in place, keeping layout and quotes", () => {
    const d = new ConfigDocument('# c\nlxc.uts.name = "old"\n\tlxc.start.auto\t=\t1\nlxc.tty.max = 1\nlxc.tty.max = 2\n', "/x/config");
    d.set("lxc.uts.name", "web1");
    d.set("lxc.start.auto", "0");
    d.set("lxc.tty.max", "6");
    expect(d.serialize()).toBe('# c\nlxc.uts.name = "web1"\n\tlxc.start.auto\t=\t0\nlxc.tty.max = 1\nlxc.tty.max = 6\n');
  });
  test("set appends when the key is not there, before the final newline", () => {
    const d = new ConfigDocument("lxc.uts.name = a\n", "/x/config");
    d.set("lxc.tty.max", "4");
    expect(d.serialize()).toBe("lxc.uts.name = a\nlxc.tty.max = 4\n");
    const e = new ConfigDocument("lxc.uts.name = a", "/x/config");
    e.append("lxc.group", "web");
    expect(e.serialize()).toBe("lxc.uts.name = a\nlxc.group = web\n");
    const f = new ConfigDocument("", "/x/config");
    f.append("lxc.net", "");
    expect(f.serialize()).toBe("lxc.net =\n");
  });
  test("values that would not read back as written are quoted", () => {
    const d = new ConfigDocument("", "/x/config");
    d.append("lxc.init.cmd", " /sbin/init ");
    d.append("lxc.execute.cmd", '"quoted"');
    expect(d.serialize()).toBe('lxc.init.cmd = " /sbin/init "\nlxc.execute.cmd = ""quoted""\n');
    expect(d.entries().map((e) => e.value)).toEqual([" /sbin/init ", '"quoted"']);
  });
  test("set on a legacy spelling writes the current key", () => {
    const d = new ConfigDocument("  lxc.utsname = old\n", "/x/config");
    d.set("lxc.uts.name", "new");
    expect(d.serialize()).toBe("  lxc.uts.name = new\n");
  });
  test("remove and clear", () => {
    const text = "lxc.net.0.type = veth\nlxc.net.0.link = br0\n# keep\nlxc.group = a\nlxc.net.1.type = empty\nlxc.group = b\n";
    const d = new ConfigDocument(text, "/x/config");
    expect(d.remove("lxc.group")).toBe(2);
    expect(d.serialize()).toBe("lxc.net.0.type = veth\nlxc.net.0.link = br0\n# keep\nlxc.net.1.type = empty\n");
    expect(d.clear("lxc.net")).toBe(3);
    expect(d.serialize()).toBe("# keep\n");
    const h = new ConfigDocument("lxc.hook.pre-start = a\nlxc.hook.version = 1\nlxc.hook.stop = b\n", "/x/config");
    h.clear("lxc.hook");
    expect(h.serialize()).toBe("lxc.hook.version = 1\n");
    const p = new ConfigDocument("lxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.0.2/24\n", "/x/config");
    expect(p.remove((e) => e.key.endsWith(".ipv4.address"))).toBe(1);
  });
  test("get reads the last assignment", () => {
    const d = new ConfigDocument("lxc.tty.max = 1\nlxc.tty.max = 3\nlxc.net.00.type = veth\n", "/x/config");
    expect(d.get("lxc.tty.max")).toBe("3");
    expect(d.get("lxc.net.0.type")).toBe("veth");
    expect(d.get("lxc.pty.max")).toBeUndefined();
  });
  test("edits are checked like file lines", () => {
    const d = new ConfigDocument("lxc.uts.name = a\nlxc.tty.max = 1\n", "/x/config");
    const e = thrown(() => d.set("lxc.tty.max", "many"));
    expect(e.code).toBe("CONFIG_BAD_VALUE");
    expect(e.details).toMatchObject({ file: "/x/config", line: 2, key: "lxc.tty.max" });
    expect(thrown(() => d.append("lxc.tty.maxx", "1")).code).toBe("CONFIG_UNKNOWN_KEY");
    expect(() => d.set("lxc.uts.name", "a\nb")).toThrow("newline");
    expect(d.serialize()).toBe("lxc.uts.name = a\nlxc.tty.max = 1\n");
  });
  test("edits leave every other byte alone", () => {
    const d = new ConfigDocument(DOWNLOAD_MAIN, "/x/config");
    d.set("lxc.uts.name", "deb2");
    const before = DOWNLOAD_MAIN.split("\n");
    const after = d.serialize().split("\n");
    expect(after.length).toBe(before.length);
    const changed = before.map((l, i) => (l === after[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed.map((i) => after[i])).toEqual(["lxc.uts.name = deb2"]);
  });
});
