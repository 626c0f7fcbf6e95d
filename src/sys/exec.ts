// Running host tools (ip, nsenter, ...) with their errors turned into LxcErrors.
import { LxcError, type ErrorCode } from "../errors.ts";

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Bun.spawnSync: node:child_process would cost about a millisecond to load in every start
export function exec(argv: string[], opts: { input?: string; code?: ErrorCode; what?: string; allowFail?: boolean } = {}): ExecResult {
  let r: ReturnType<typeof Bun.spawnSync>;
  try {
    r = Bun.spawnSync(argv, {
      stdin: opts.input !== undefined ? new TextEncoder().encode(opts.input) : "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
  } catch (e) {
    throw new LxcError(opts.code ?? "IO_FAILED", `cannot run ${argv[0]}: ${(e as Error).message}`, {
      hint: `install the package that provides ${argv[0]}`,
    });
  }
  const dec = new TextDecoder();
  const res = { code: r.exitCode ?? 1, stdout: r.stdout ? dec.decode(r.stdout) : "", stderr: r.stderr ? dec.decode(r.stderr) : "" };
  if (res.code !== 0 && !opts.allowFail) {
    throw new LxcError(opts.code ?? "IO_FAILED", `${opts.what ?? argv.join(" ")} failed: ${res.stderr.trim() || `exit status ${res.code}`}`, {
      details: { command: argv.join(" ") },
    });
  }
  return res;
}
