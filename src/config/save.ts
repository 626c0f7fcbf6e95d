// Writing a config file: to a temporary file next to it, then renamed over it, mode 0640.
import { chmodSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { fromSystemError } from "../errors.ts";

export function writeConfigAtomic(path: string, text: string, mode = 0o640): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
  try {
    writeFileSync(tmp, text, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw fromSystemError(e, "cannot write config file", path);
  }
}
