// lxc-console's escape key, as LXC handles it: the escape key is held back, and the key
// after it decides. `q` ends the session; the escape key again sends one escape key; the
// escape's own letter (Ctrl-a then `a`, as in screen) also sends one; any other key is
// sent alone and the escape is dropped. Pure, so it is tested without a terminal.
import { LxcError } from "../errors.ts";

export const DEFAULT_ESCAPE = 1; // Ctrl-a

/** `-e` as LXC takes it: `^b` or `b`, a letter naming Ctrl-<letter>. */
export function parseEscape(s: string): number {
  const c = s.startsWith("^") ? s.slice(1) : s;
  if (!/^[a-zA-Z]$/.test(c)) {
    throw new LxcError("USAGE", `invalid escape "${s}"`, {
      hint: "give -e a letter, alone or after ^ (e.g. -e ^b or -e b for Ctrl-b)",
    });
  }
  return c.toLowerCase().charCodeAt(0) - 0x60;
}

export function escapeLetter(escape: number): string {
  return String.fromCharCode(0x60 + escape);
}

/** LXC's banner, on stderr before the session starts. */
export function banner(tty: number, escape: number): string {
  const k = `Ctrl+${escapeLetter(escape)}`;
  return `\nConnected to tty ${tty}\nType <${k} q> to exit the console, <${k} ${k}> to enter ${k} itself\n`;
}

export class EscapeFilter {
  private sawEscape = false;
  constructor(readonly escape: number) {}

  /** The bytes to send for what was typed, and whether the user asked to quit. */
  feed(input: Uint8Array): { out: Uint8Array; quit: boolean } {
    const out = new Uint8Array(input.length);
    let n = 0;
    for (const b of input) {
      if (!this.sawEscape) {
        if (b === this.escape) this.sawEscape = true;
        else out[n++] = b;
        continue;
      }
      this.sawEscape = false;
      if (b === 0x71 /* q */) return { out: out.subarray(0, n), quit: true };
      out[n++] = b === 0x60 + this.escape ? this.escape : b;
    }
    return { out: out.subarray(0, n), quit: false };
  }
}
