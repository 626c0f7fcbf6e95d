// Running containers are found the way LXC finds them: by the abstract command sockets
// their monitors listen on, as listed in /proc/net/unix.
import { readFileSync } from "node:fs";

export function listAbstractSockets(): string[] {
  let text: string;
  try {
    text = readFileSync("/proc/net/unix", "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const at = line.indexOf(" @");
    if (at < 0) continue;
    out.push(line.slice(at + 2).trimEnd());
  }
  return out;
}
