import { LxcError } from "../errors.ts";
import { listenForEvents, type StateEvent } from "../monitor/listener.ts";
import { writeOut } from "../sys/stdio.ts";
import { flag } from "./args.ts";
import type { ToolDef } from "./common.ts";

/** LXC wraps the pattern as ^NAME$ without grouping, so `a|b` means ^a or b$: kept as is. */
export function monitorPattern(name: string | undefined): RegExp {
  const src = `^${name ?? ".*"}$`;
  try {
    return new RegExp(src);
  } catch (e) {
    throw new LxcError("USAGE", `invalid regular expression "${name}": ${(e as Error).message}`, { hint: "give -n a POSIX extended regular expression, e.g. 'web.*'" });
  }
}

export function formatEvent(e: StateEvent): string {
  if (e.type === "state") return `'${e.name}' changed state to [${e.state}]\n`;
  const code = e.status & 0x7f ? 0 : (e.status >> 8) & 0xff;   // LXC prints WEXITSTATUS
  return `'${e.name}' exited with status [${code}]\n`;
}

export const lxcMonitor: ToolDef = {
  tool: "lxc-monitor",
  synopsis: "[--name=REGEX] [-P LXCPATH]...",
  description: "Print the state changes of the containers whose names match REGEX (default: all), as they happen,\nuntil interrupted. Containers started later are seen too.",
  multiLxcpath: true,
  options: [{ long: "quit", short: "Q", arg: "none", help: "stop the event daemon of each lxcpath (lxc-ts has none: nothing to do)" }],
  async run(ctx) {
    const name = ctx.name ?? ctx.positionals[0];
    const re = monitorPattern(name);
    if (flag(ctx.args, "quit")) {
      // LXC relays events through lxc-monitord, which -Q stops; our monitors publish directly
      ctx.log.info("monitor", "no event daemon runs in lxc-ts: nothing to stop");
      return 0;
    }
    const listeners = ctx.lxcpaths.map((p) =>
      listenForEvents(p, (e) => {
        if (re.test(e.name)) writeOut(formatEvent(e));
      }),
    );
    Bun.unsafe.setJITPolicy(1);   // runs until interrupted: a normal JIT again
    await new Promise<void>((resolve) => {
      for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, () => resolve());
    });
    for (const l of listeners) l.close();
    return 0;
  },
};
