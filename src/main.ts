// The multi-call entry point: `lxc-start`, `lxc-ls`, ... are links to one binary, which
// runs the tool it was called as. In development: `bun src/main.ts lxc-start -n c1`.
import { basename } from "node:path";
import type { ToolDef } from "./cli/common.ts";
import { writeOut, writeErr } from "./sys/stdio.ts";

const TOOLS: Record<string, () => Promise<ToolDef>> = {
  "lxc-create": async () => (await import("./cli/create.ts")).lxcCreate,
  "lxc-destroy": async () => (await import("./cli/destroy.ts")).lxcDestroy,
  "lxc-start": async () => (await import("./cli/start.ts")).lxcStart,
  "lxc-stop": async () => (await import("./cli/stop.ts")).lxcStop,
  "lxc-attach": async () => (await import("./cli/attach.ts")).lxcAttach,
  "lxc-execute": async () => (await import("./cli/execute.ts")).lxcExecute,
  "lxc-console": async () => (await import("./cli/console.ts")).lxcConsole,
  "lxc-info": async () => (await import("./cli/info.ts")).lxcInfo,
  "lxc-ls": async () => (await import("./cli/ls.ts")).lxcLs,
  "lxc-wait": async () => (await import("./cli/wait.ts")).lxcWait,
  "lxc-monitor": async () => (await import("./cli/monitor.ts")).lxcMonitor,
  "lxc-config": async () => (await import("./cli/config.ts")).lxcConfig,
  "lxc-update-config": async () => (await import("./cli/update-config.ts")).lxcUpdateConfig,
  "lxc-checkconfig": async () => (await import("./cli/checkconfig.ts")).lxcCheckconfig,
};

const MIGRATING = new Set(["lxc-start", "lxc-execute", "lxc-attach"]);

export const TOOL_NAMES = Object.keys(TOOLS).filter((t) => !t.startsWith("__"));

async function main(): Promise<number> {
  if (process.argv[2] === "__list-tools") {
    writeOut(TOOL_NAMES.join("\n") + "\n");
    return 0;
  }
  let tool = basename(process.argv0);
  let argv = process.argv.slice(2);
  if (!(tool in TOOLS)) {
    const sub = argv[0] ?? "";
    const asTool = sub.startsWith("lxc-") || sub.startsWith("__") ? sub : `lxc-${sub}`;
    if (!(asTool in TOOLS)) {
      writeErr(`lxc-ts: unknown tool "${sub || tool}"\nhint: call it as one of: ${TOOL_NAMES.join(" ")}\n`);
      return 1;
    }
    tool = asTool;
    argv = argv.slice(1);
  }
  // these tools move a process into cgroups soon: start the kernel's wait for that now
  if (MIGRATING.has(tool) && !argv.some((a) => /^--?(h|help|usage|version)$/.test(a))) {
    (await import("./cgroups/prewarm.ts")).prewarmCgroupMigration();
  }
  const { runTool } = await import("./cli/common.ts");
  return runTool(await TOOLS[tool]!(), argv);
}

// No top-level await: the compiled binary is built as bytecode, which needs a CommonJS body.
void main().then(async (code) => {
  // A tool is done when main returns: an abandoned wait on a monitor socket (lxc-stop
  // --nokill after its timeout) must not keep the process alive, and everything it
  // printed went out with write(2) already.
  const { exitNow } = await import("./sys/libc.ts");
  exitNow(code);
});
