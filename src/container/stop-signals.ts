// The signals lxc-stop sends (lxc.signal.halt, .reboot, .stop), read from the config file
// by a small scan instead of the whole config parser, which costs more than the rest of an
// `lxc-stop -k`. The scan answers only when its answer is the one the full load would
// give for a valid config: a file that includes others, or a signal value that does not
// read as a signal, goes through the full load as before.
import { readFileSync } from "node:fs";
import { LEGACY_RENAMES } from "../config/legacy.ts";
import { signalNumber } from "../config/names.ts";
import { classifyLine } from "../config/syntax.ts";

export type SignalKey = "lxc.signal.halt" | "lxc.signal.reboot" | "lxc.signal.stop";

/** Signal numbers by key (absent: not set or cleared), or null when only the full load can tell. */
export function scanSignals(path: string): Map<SignalKey, number> | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  const last = new Map<SignalKey, string>();
  for (const raw of text.split("\n")) {
    if (!raw.includes("lxc.")) continue;
    const s = classifyLine(raw);
    if (s.kind !== "entry") continue;
    if (s.key === "lxc.include") return null;
    const key = LEGACY_RENAMES[s.key!] ?? s.key!;
    if (key === "lxc.signal.halt" || key === "lxc.signal.reboot" || key === "lxc.signal.stop") last.set(key, s.value!);
  }
  const out = new Map<SignalKey, number>();
  for (const [key, value] of last) {
    if (value === "") continue;
    const n = signalNumber(value);
    if (n === undefined) return null;
    out.set(key, n);
  }
  return out;
}
