import { describe, expect, test } from "bun:test";
import { banner, EscapeFilter, parseEscape } from "../../src/container/console-escape.ts";

const bytes = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe("lxc-console escape", () => {
  test("-e forms", () => {
    expect(parseEscape("^b")).toBe(2);
    expect(parseEscape("b")).toBe(2);
    expect(parseEscape("^A")).toBe(1);
    expect(parseEscape("z")).toBe(26);
    for (const bad of ["", "^", "1", "^1", "ab", "^^"]) expect(() => parseEscape(bad)).toThrow(/invalid escape/);
  });

  test("banner is LXC's, with the escape letter", () => {
    expect(banner(1, 1)).toBe("\nConnected to tty 1\nType <Ctrl+a q> to exit the console, <Ctrl+a Ctrl+a> to enter Ctrl+a itself\n");
    expect(banner(0, 2)).toContain("<Ctrl+b q>");
  });

  test("plain input passes", () => {
    const f = new EscapeFilter(1);
    expect(f.feed(bytes("ls -l\r"))).toEqual({ out: bytes("ls -l\r"), quit: false });
  });

  test("escape q quits; what came before is sent", () => {
    const f = new EscapeFilter(1);
    const r = f.feed(bytes("ab\x01qcd"));
    expect(text(r.out)).toBe("ab");
    expect(r.quit).toBe(true);
  });

  test("escape across two reads", () => {
    const f = new EscapeFilter(1);
    expect(f.feed(bytes("x\x01")).out).toEqual(bytes("x"));
    expect(f.feed(bytes("q")).quit).toBe(true);
  });

  test("escape twice sends one escape", () => {
    const f = new EscapeFilter(1);
    expect(f.feed(bytes("\x01\x01\x01q"))).toEqual({ out: bytes("\x01"), quit: true });
  });

  test("escape then its letter sends the escape", () => {
    expect(text(new EscapeFilter(1).feed(bytes("\x01a")).out)).toBe("\x01");
    expect(text(new EscapeFilter(2).feed(bytes("\x02b")).out)).toBe("\x02");
    // another letter is not special
    expect(text(new EscapeFilter(2).feed(bytes("\x02a")).out)).toBe("a");
  });

  test("escape then anything else: the escape is dropped, the key sent (LXC)", () => {
    const f = new EscapeFilter(1);
    expect(f.feed(bytes("\x01x\x01Q"))).toEqual({ out: bytes("xQ"), quit: false });
  });

  test("another escape key leaves Ctrl-a alone", () => {
    const f = new EscapeFilter(2);
    expect(f.feed(bytes("\x01q"))).toEqual({ out: bytes("\x01q"), quit: false });
    expect(f.feed(bytes("\x02q")).quit).toBe(true);
  });
});
