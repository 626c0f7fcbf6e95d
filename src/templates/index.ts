// Finding a template by name: ours first, then LXC's template scripts, then a path.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import { busyboxTemplate } from "./busybox.ts";
import { isExecutableFile } from "./exec-path.ts";
import type { Template } from "./types.ts";

export type { Template, TemplateContext, TemplateResult } from "./types.ts";
export { runTemplateScript, templateArgs, templateCommand, type ScriptRunOptions } from "./script.ts";

export type ResolvedTemplate =
  | { kind: "builtin"; name: string; label: string; template: Template }
  | { kind: "script"; name: string; path: string };

export const BUILTIN_TEMPLATES: ReadonlyMap<string, Template> = new Map([[busyboxTemplate.name, busyboxTemplate]]);

/** Where LXC's template scripts live (LXC_TEMPLATE_DIR overrides it, for tests). */
export function templateDir(): string {
  return process.env.LXC_TEMPLATE_DIR || "/usr/share/lxc/templates";
}

/** Every template name -t accepts: the built-in ones, then the scripts found. */
export function availableTemplates(): string[] {
  const scripts: string[] = [];
  try {
    for (const f of readdirSync(templateDir()).sort()) {
      if (f.startsWith("lxc-") && isExecutableFile(join(templateDir(), f))) scripts.push(f.slice(4));
    }
  } catch {
    // no template directory
  }
  const builtin = [...BUILTIN_TEMPLATES.keys()];
  return [...builtin, ...scripts.filter((s) => !builtin.includes(s))];
}

function notExecutable(path: string): LxcError {
  return new LxcError("TEMPLATE_FAILED", `bad template: ${path} is not an executable file`, {
    hint: `make it executable (chmod +x ${path}) or pick another template`,
    details: { path },
  });
}

/** -t NAME or -t /path → what to run. "none" is the caller's business and never resolved here. */
export function resolveTemplate(nameOrPath: string): ResolvedTemplate {
  const builtin = BUILTIN_TEMPLATES.get(nameOrPath);
  if (builtin) return { kind: "builtin", name: builtin.name, label: builtin.name, template: builtin };

  const looked: string[] = [];
  if (nameOrPath && !nameOrPath.includes("/")) {
    const p = join(templateDir(), `lxc-${nameOrPath}`);
    looked.push(p);
    if (isExecutableFile(p)) return { kind: "script", name: nameOrPath, path: p };
    if (existsSync(p)) throw notExecutable(p);
  } else if (nameOrPath.startsWith("/")) {
    looked.push(nameOrPath);
    if (isExecutableFile(nameOrPath)) return { kind: "script", name: nameOrPath, path: nameOrPath };
    if (existsSync(nameOrPath)) throw notExecutable(nameOrPath);
  }
  const avail = availableTemplates();
  const what = looked.length ? `no built-in template of that name and no ${looked.join(", ")}` : "a template path must be absolute";
  throw new LxcError("TEMPLATE_FAILED", `unknown template "${nameOrPath}": ${what}`, {
    hint: `available templates: ${avail.join(", ")}${avail.length ? "; " : ""}or give the absolute path of a template script`,
    details: { path: looked[0] },
  });
}
