// Running host tools (ip, nsenter, ...) with their errors turned into LxcErrors.
import { spawnSync } from "node:child_process";
import { LxcError, type ErrorCode } from "../errors.ts";

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function exec(argv: string[], opts: { input?: string; code?: ErrorCode; what?: string; allowFail?: boolean } = {}): ExecResult {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", input: opts.input, stdio: ["pipe", "pipe", "pipe"] });
  if (r.error) {
    throw new LxcError(opts.code ?? "IO_FAILED", `cannot run ${argv[0]}: ${r.error.message}`, {
      hint: `install the package that provides ${argv[0]}`,
    });
  }
  const res = { code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  if (res.code !== 0 && !opts.allowFail) {
    throw new LxcError(opts.code ?? "IO_FAILED", `${opts.what ?? argv.join(" ")} failed: ${res.stderr.trim() || `exit status ${res.code}`}`, {
      details: { command: argv.join(" ") },
    });
  }
  return res;
}
