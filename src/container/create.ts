// Creating a container: config from -f or default.conf, storage, template, header. A
// `partial` marker exists while it runs; any failure removes everything made.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import { log } from "../log.ts";
import { globalConfig, parseContainerConfig, updateConfigText, expandHwaddrTemplates } from "../config/index.ts";
import { backendByName } from "../storage/registry.ts";
import { resolveTemplate, runTemplateScript } from "../templates/index.ts";
import type { TemplateContext } from "../templates/types.ts";
import { removeTreeOneFilesystem } from "../sys/remove-tree.ts";
import { lockContainer } from "./lock.ts";
import { configPath, containerDir, type ContainerRef } from "./names.ts";

export interface CreateOptions {
  template: string;
  templateArgs: string[];
  configFile?: string;
  bdev?: string;
  dir?: string;
  quiet?: boolean;
}

function baseConfigText(o: CreateOptions): { text: string; file: string } {
  const file = o.configFile ?? globalConfig().defaultConfig;
  if (!existsSync(file)) {
    if (o.configFile) throw new LxcError("CONFIG_INCLUDE", `config file ${file} does not exist`, { hint: "check the path given with -f", details: { path: file } });
    return { text: "", file };
  }
  const raw = readFileSync(file, "utf8");
  // validates every line (errors name file and line); legacy keys are written with new names
  parseContainerConfig(raw, file);
  const upd = updateConfigText(raw);
  for (const c of upd.changes) log.notice("create", `${file}: ${c}`);
  return { text: upd.text, file };
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o640 });
  chmodSync(tmp, 0o640);
  renameSync(tmp, path);
}

function header(template: string, args: string[]): string {
  return [
    `# Template used to create this container: ${template}`,
    `# Parameters passed to the template:${args.length ? " " + args.join(" ") : ""}`,
    "# See lxc.container.conf(5) for every configuration key.",
    "",
  ].join("\n") + "\n";
}

export async function createContainer(ref: ContainerRef, o: CreateOptions): Promise<void> {
  const backend = backendByName(o.bdev ?? "dir");
  if (o.dir && backend.type !== "dir") throw new LxcError("USAGE", "--dir is only valid with -B dir");
  mkdirSync(ref.lxcpath, { recursive: true, mode: 0o755 });
  const lock = lockContainer(ref);
  const dir = containerDir(ref);
  let madeDir = false;
  try {
    if (existsSync(configPath(ref))) {
      throw new LxcError("STATE_EXISTS", `Container already exists: ${ref.name} in ${ref.lxcpath}`, {
        hint: `pick another name, or remove it first with lxc-destroy -n ${ref.name}`,
      });
    }
    const template = o.template === "none" ? null : resolveTemplate(o.template);
    const base = baseConfigText(o);
    if (!existsSync(dir)) {
      mkdirSync(dir, { mode: 0o770 });
      madeDir = true;
    }
    chmodSync(dir, 0o770);
    writeFileSync(join(dir, "partial"), "");

    const rootfsValue = await backend.create({ name: ref.name, lxcpath: ref.lxcpath, containerDir: dir, dir: o.dir });
    const kept = base.text.split("\n").filter((l) => !/^\s*lxc\.rootfs\.path\s*=/.test(l)).join("\n");
    let text = (kept.length && !kept.endsWith("\n") ? kept + "\n" : kept) + `lxc.rootfs.path = ${rootfsValue}\n`;
    const cfgPath = configPath(ref);
    writeAtomic(cfgPath, expandHwaddrTemplates(text));

    if (template) {
      const ctx: TemplateContext = {
        name: ref.name,
        lxcpath: ref.lxcpath,
        containerDir: dir,
        rootfs: rootfsValue.replace(/^dir:/, ""),
        configPath: cfgPath,
        args: o.templateArgs,
        quiet: o.quiet ?? false,
      };
      let label: string;
      if (template.kind === "builtin") {
        const r = await template.template.run(ctx);
        text = readFileSync(cfgPath, "utf8");
        if (!text.endsWith("\n")) text += "\n";
        text += r.configLines.map((l) => l + "\n").join("");
        label = template.label;
      } else {
        await runTemplateScript(template.path, ctx);
        text = readFileSync(cfgPath, "utf8");
        label = template.path;
      }
      // the result must load: a template that writes a bad line fails the create
      parseContainerConfig(text, cfgPath);
      writeAtomic(cfgPath, header(label, o.templateArgs) + expandHwaddrTemplates(text));
    }
    rmSync(join(dir, "partial"), { force: true });
  } catch (e) {
    try {
      if (madeDir) removeTreeOneFilesystem(dir);
      else rmSync(join(dir, "partial"), { force: true });
    } catch (cleanupErr) {
      log.error("create", `could not remove ${dir} after a failed create: ${(cleanupErr as Error).message}`);
    }
    throw e;
  } finally {
    lock.release();
  }
}
