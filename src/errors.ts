// The one error type of the project. Every failure a user can see is an LxcError with a
// stable code, a message saying what failed on what, a hint saying what to do, and details.

export type ErrorCode =
  | "CONFIG_SYNTAX"
  | "CONFIG_UNKNOWN_KEY"
  | "CONFIG_BAD_VALUE"
  | "CONFIG_INCLUDE"
  | "CONFIG_UNSUPPORTED"
  | "USAGE"
  | "NAME_INVALID"
  | "STATE_NOT_FOUND"
  | "STATE_EXISTS"
  | "STATE_RUNNING"
  | "STATE_NOT_RUNNING"
  | "STATE_TIMEOUT"
  | "STATE_LOCKED"
  | "STORAGE_FAILED"
  | "STORAGE_UNSUPPORTED"
  | "STORAGE_BUSY"
  | "NET_FAILED"
  | "CGROUP_FAILED"
  | "SECURITY_FAILED"
  | "TEMPLATE_FAILED"
  | "CORE_FAILED"
  | "CORE_PROTOCOL"
  | "PERM_DENIED"
  | "NOT_IMPLEMENTED"
  | "IO_FAILED";

export interface ErrorDetails {
  file?: string;
  line?: number;
  key?: string;
  path?: string;
  step?: string;
  errno?: number;
  [extra: string]: unknown;
}

export class LxcError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "LxcError";
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details ?? {};
  }
}

/** Raised for anything that is planned but not built yet: never a silent success. */
export function notSupportedYet(what: string, hint?: string, details?: ErrorDetails): LxcError {
  return new LxcError("NOT_IMPLEMENTED", `${what} is not supported yet by lxc-ts`, {
    hint: hint ?? "remove this setting or use real LXC for this container until lxc-ts supports it",
    details,
  });
}

export function isLxcError(e: unknown): e is LxcError {
  return e instanceof LxcError;
}

/** Wraps a Node/Bun system error (ENOENT, EACCES...) into an LxcError naming the path. */
export function fromSystemError(e: unknown, what: string, path?: string): LxcError {
  if (e instanceof LxcError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? "";
  const msg = `${what}${path ? ` ${path}` : ""}: ${err?.message ?? String(e)}`;
  if (code === "EACCES" || code === "EPERM") {
    return new LxcError("PERM_DENIED", msg, { hint: "run as root, or check the permissions of the path", details: { path }, cause: e });
  }
  return new LxcError("IO_FAILED", msg, { details: { path }, cause: e });
}
