// The built-in busybox template: the container LXC's busybox template builds (one busybox
// binary, an applet symlink per command, busybox init), made with direct file operations:
// one process (busybox --list) instead of hundreds.
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { LxcError, notSupportedYet } from "../errors.ts";
import { log } from "../log.ts";
import { busyboxUsage, parseBusyboxArgs } from "./busybox-args.ts";
import {
  BUSYBOX_TREE, GROUP, INITTAB, PASSWD, RCS, UDHCPC_DEFAULT_SCRIPT, UDHCPC_SCRIPT, busyboxConfigLines,
} from "./busybox-files.ts";
import { elfLinkage } from "./elf.ts";
import { findInPath, isExecutableFile } from "./exec-path.ts";
import type { Template, TemplateContext, TemplateResult } from "./types.ts";
import { writeOut, writeErr } from "../sys/stdio.ts";

const INSTALL_HINT = "install busybox (apt-get install busybox-static), or pass its path: lxc-create ... -- --busybox-path /path/to/busybox";

function fail(msg: string, hint: string, path?: string, cause?: unknown): LxcError {
  return new LxcError("TEMPLATE_FAILED", `busybox template: ${msg}`, { hint, details: { path }, cause });
}

function hostDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The udhcpc script path compiled into busybox (a plain string in the binary), if any. */
export function udhcpcScriptPath(binary: Uint8Array): string | null {
  const buf = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const needle = Buffer.from("default.script\0");
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) {
    let start = at;
    while (start > 0 && buf[start - 1] !== 0 && at - start < 200) start--;
    const s = buf.toString("latin1", start, at + needle.length - 1);
    if (/^\/[A-Za-z0-9_./-]+\/default\.script$/.test(s) && !s.includes("..")) return s;
  }
  return null;
}

/** Asks busybox itself (only when the binary did not show the path). */
function udhcpcScriptFromHelp(busybox: string): string {
  const r = spawnSync(busybox, ["udhcpc", "--help"], { encoding: "utf8" });
  const m = /-s\s+PROG.*?\(default\s+(\/[^)\s]+)\)/.exec(`${r.stdout ?? ""}${r.stderr ?? ""}`);
  return m?.[1] ?? UDHCPC_DEFAULT_SCRIPT;
}

function applets(busybox: string): string[] {
  const r = spawnSync(busybox, ["--list"], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0 || !r.stdout) {
    throw fail(`"${busybox} --list" did not list the applets${r.error ? `: ${r.error.message}` : ""}`, "use a busybox built with --list support (1.19 or newer)", busybox);
  }
  return r.stdout.split("\n").map((l) => l.trim()).filter((a) => a && !a.includes("busybox") && !a.includes("/") && a !== "." && a !== "..");
}

function resolveBusybox(given: string | undefined): string {
  const path = given ?? findInPath("busybox");
  if (!path) throw fail("no busybox binary found on PATH", INSTALL_HINT);
  if (!isExecutableFile(path)) throw fail(`${path} is not an executable file`, INSTALL_HINT, path);
  return path;
}

function write(path: string, text: string, mode: number): void {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
}

/** Fills the rootfs. Every failure names the path it failed on. */
function build(rootfs: string, busybox: string, binary: Buffer, list: string[]): void {
  for (const d of BUSYBOX_TREE) {
    const p = join(rootfs, d);
    mkdirSync(p, { recursive: true, mode: 0o755 });
    chmodSync(p, 0o755);
  }
  chmodSync(join(rootfs, "tmp"), 0o1777);

  write(join(rootfs, "etc/passwd"), PASSWD, 0o644);
  write(join(rootfs, "etc/group"), GROUP, 0o644);
  write(join(rootfs, "etc/init.d/rcS"), RCS, 0o744);
  write(join(rootfs, "etc/inittab"), INITTAB, 0o644);
  write(join(rootfs, "etc/fstab"), "", 0o644);
  // empty, but passwd keeps hashes here: not world-readable
  write(join(rootfs, "etc/shadow"), "", 0o640);
  if (list.includes("udhcpc")) {
    const script = join(rootfs, udhcpcScriptPath(binary) ?? udhcpcScriptFromHelp(busybox));
    mkdirSync(dirname(script), { recursive: true, mode: 0o755 });
    write(script, UDHCPC_SCRIPT, 0o744);
  }

  const bin = join(rootfs, "bin/busybox");
  writeFileSync(bin, binary, { mode: 0o755 });
  // LXC's template runs "chmod +s bin/passwd", which follows the applet symlink: the busybox
  // binary (and so sbin/init, its hard link) ends up setuid and setgid root. busybox drops
  // the privileges again for every applet that does not need them.
  chmodSync(bin, list.includes("passwd") ? 0o6755 : 0o755);
  for (const a of list) {
    try {
      symlinkSync("busybox", join(rootfs, "bin", a));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const init = join(rootfs, "sbin/init");
  try {
    unlinkSync(init);
  } catch {
    // not there yet
  }
  linkSync(bin, init);
  log.info("template", `busybox template: ${list.length} applets linked in ${join(rootfs, "bin")}`);
}

export const busyboxTemplate: Template = {
  name: "busybox",

  usage(): string {
    return busyboxUsage(findInPath("busybox"));
  },

  async run(ctx: TemplateContext): Promise<TemplateResult> {
    const o = parseBusyboxArgs(ctx.args, ctx);
    if (o.help) {
      if (!ctx.quiet) writeOut(busyboxTemplate.usage());
      return { configLines: [] };
    }
    if (!o.name || !o.path) throw fail("the container name and path are needed (--name, --path)", "run it through lxc-create");
    if (o.extra.length) log.warn("template", `busybox template: ignoring arguments ${o.extra.join(" ")}`);
    if ((o.mappedUid !== undefined && o.mappedUid !== -1) || (o.mappedGid !== undefined && o.mappedGid !== -1)) {
      throw notSupportedYet("the busybox template for containers with lxc.idmap (user namespaces)");
    }
    const busybox = resolveBusybox(o.busyboxPath);
    let binary: Buffer;
    try {
      binary = readFileSync(busybox);
    } catch (e) {
      throw fail(`cannot read ${busybox}: ${(e as Error).message}`, INSTALL_HINT, busybox, e);
    }
    const linkage = elfLinkage(binary);
    if (linkage !== "static" && !ctx.quiet) {
      writeErr(
        linkage === "dynamic"
          ? `busybox template: ${busybox} is dynamically linked: it runs in the container through the read-only bind mounts of the host's library directories in the config; a static busybox (busybox-static) needs none.\n`
          : `busybox template: ${busybox} is not an ELF binary: it may not run inside the container.\n`,
      );
    }
    const list = applets(busybox);
    try {
      mkdirSync(o.rootfs, { recursive: true, mode: 0o755 });
      accessSync(o.rootfs, constants.W_OK);
    } catch (e) {
      throw fail(`the rootfs ${o.rootfs} is not writable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "check the rootfs path and that it is not on a read-only filesystem; run as root", o.rootfs, e);
    }
    try {
      build(o.rootfs, busybox, binary, list);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw fail(`cannot build the rootfs in ${o.rootfs}: ${err.message}`, "check free space and permissions of the rootfs", err.path ?? o.rootfs, e);
    }
    return { configLines: busyboxConfigLines(o.name, hostDir) };
  },
};
