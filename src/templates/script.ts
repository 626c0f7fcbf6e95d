// Running an LXC template script (/usr/share/lxc/templates/lxc-*) the way lxc-create does:
// the same arguments, the caller's environment and stdio, and, as root, a private mount
// namespace whose mounts stay out of the host (/ made a slave of it). Bun is multithreaded
// and cannot unshare itself, so util-linux's unshare does that step when it is installed.
import { spawn } from "node:child_process";
import { basename } from "node:path";
import { LxcError, notSupportedYet } from "../errors.ts";
import { log } from "../log.ts";
import { findInPath } from "./exec-path.ts";
import type { TemplateContext } from "./types.ts";

export interface ScriptRunOptions {
  /** run in a private mount namespace: default = when root and unshare is installed */
  privateMounts?: boolean;
}

export interface TemplateCommand {
  /** what is executed */
  file: string;
  /** its argument list, without argv[0] */
  args: string[];
  argv0: string;
  privateMounts: boolean;
}

/** The arguments LXC gives every template, then the user's, unchanged. */
export function templateArgs(ctx: TemplateContext): string[] {
  return [`--path=${ctx.containerDir}`, `--name=${ctx.name}`, `--rootfs=${ctx.rootfs}`, ...ctx.args];
}

export function templateCommand(path: string, ctx: TemplateContext, opts: ScriptRunOptions = {}): TemplateCommand {
  const args = templateArgs(ctx);
  const unshare = opts.privateMounts === false ? null : findInPath("unshare");
  const wanted = opts.privateMounts ?? process.geteuid?.() === 0;
  if (wanted && unshare) {
    // unshare execs the template with argv[0] = its path; for a script the kernel replaces
    // argv[0] by the script path anyway, which is what the template sees as $0 under LXC too
    return { file: unshare, args: ["--mount", "--propagation", "slave", "--", path, ...args], argv0: "unshare", privateMounts: true };
  }
  if (wanted) log.warn("template", "unshare (util-linux) not found: the template runs in the host's mount namespace");
  return { file: path, args, argv0: basename(path), privateMounts: false };
}

export async function runTemplateScript(path: string, ctx: TemplateContext, opts: ScriptRunOptions = {}): Promise<void> {
  if (ctx.mappedUid !== undefined || ctx.mappedGid !== undefined) {
    throw notSupportedYet("running template scripts for containers with lxc.idmap (through lxc-usernsexec)", "create the container as a privileged one, or with real LXC");
  }
  const name = basename(path);
  const cmd = templateCommand(path, ctx, opts);
  log.debug("template", `running ${cmd.file} ${cmd.args.join(" ")}`);
  const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const child = spawn(cmd.file, cmd.args, {
      argv0: cmd.argv0,
      env: process.env,
      stdio: ctx.quiet ? "ignore" : "inherit",
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  }).catch((e: NodeJS.ErrnoException) => {
    throw new LxcError("TEMPLATE_FAILED", `cannot run template ${name}: ${e.code ?? e.message}`, {
      hint: `check that ${path} is an executable file with a valid #! line`,
      details: { path },
      cause: e,
    });
  });
  if (result.code === 0) return;
  const how = result.signal ? `was killed by ${result.signal}` : `failed with exit status ${result.code}`;
  throw new LxcError("TEMPLATE_FAILED", `template ${name} ${how}`, {
    hint: ctx.quiet ? "run lxc-create without -q to see the template's own messages" : "the template's own messages above say what went wrong",
    details: { path, exitStatus: result.code ?? undefined, signal: result.signal ?? undefined },
  });
}
