// Integration test helpers: run the installed tools (LXC_TS_BIN, set by scripts/test-all.sh)
// against a private lxcpath, and remove everything a test made, also when it fails.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mountsBelow } from "../../src/sys/mountinfo.ts";

export const BIN = process.env.LXC_TS_BIN ?? join(import.meta.dir, "..", "..", "build", "prefix", "bin");
if (!existsSync(join(BIN, "lxc-start"))) {
  throw new Error(`integration tests need installed tools: run 'make install PREFIX=build/prefix' or set LXC_TS_BIN (looked in ${BIN})`);
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(tool: string, args: string[], opts: { input?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Result {
  const r = spawnSync(join(BIN, tool), args, {
    encoding: "utf8",
    input: opts.input,
    timeout: opts.timeoutMs ?? 60000,
    env: { ...process.env, ...(opts.env ?? {}) },
  });
  return { code: r.status ?? (r.signal ? 128 : 1), stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

export function runAsync(tool: string, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const p = spawn(join(BIN, tool), args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => resolve({ code: code ?? 1, stdout: out, stderr: err }));
  });
}

/** A private lxcpath; `cleanup` force-destroys every container left in it and removes it. */
export class Sandbox {
  readonly lxcpath: string;
  constructor(readonly prefix = "it") {
    this.lxcpath = mkdtempSync("/tmp/lxcts-it-");
  }
  name(suffix: string): string {
    return `${this.prefix}-${suffix}`;
  }
  tool(tool: string, ...args: string[]): Result {
    return run(tool, ["-P", this.lxcpath, ...args]);
  }
  /** creates a busybox container with an empty network; extra config lines appended */
  create(name: string, extra: string[] = []): Result {
    const conf = join(this.lxcpath, `.${name}.conf`);
    writeFileSync(conf, ["lxc.net.0.type = empty", ...extra].join("\n") + "\n");
    return this.tool("lxc-create", "-n", name, "-t", "busybox", "-f", conf);
  }
  configPath(name: string): string {
    return join(this.lxcpath, name, "config");
  }
  rootfs(name: string): string {
    return join(this.lxcpath, name, "rootfs");
  }
  initPid(name: string): number {
    const r = this.tool("lxc-info", "-n", name, "-p", "-H");
    return Number(r.stdout.trim());
  }
  cleanup(): void {
    if (!existsSync(this.lxcpath)) return;
    for (const e of readdirSync(this.lxcpath)) {
      if (existsSync(join(this.lxcpath, e, "config"))) this.tool("lxc-destroy", "-n", e, "-f");
    }
    for (const m of mountsBelow(this.lxcpath)) spawnSync("umount", ["-l", m]);
    rmSync(this.lxcpath, { recursive: true, force: true });
    // a test that killed a monitor outright leaves its container's cgroups (the next start
    // would clean them): remove ours, deepest first, rmdir only (a busy one stays)
    const found = spawnSync("find", ["/sys/fs/cgroup", "-mindepth", "1", "-maxdepth", "2", "-type", "d", "-name", `lxc.payload.${this.prefix}-*`], { encoding: "utf8" });
    for (const dir of found.stdout.split("\n").filter(Boolean)) spawnSync("find", [dir, "-depth", "-type", "d", "-exec", "rmdir", "{}", ";"]);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function nsenter(pid: number, ns: string[], cmd: string[]): Result {
  const r = spawnSync("nsenter", ["-t", String(pid), ...ns, "--", ...cmd], { encoding: "utf8" });
  return { code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
