import { LxcError, notSupportedYet } from "../errors.ts";
import { formatLsFancy, formatLsLines, formatLsPlain, lsJson, parseLsColumns, type LsRow } from "../format/ls.ts";
import { addresses, runtime, usage } from "../container/inspect.ts";
import { listContainers } from "../container/list.ts";
import { flag, value } from "./args.ts";
import type { ToolDef } from "./common.ts";
import { isTerminal, terminalColumns, writeErr, writeOut } from "../sys/stdio.ts";

const DEFAULT_COLUMNS = ["NAME", "STATE", "AUTOSTART", "GROUPS", "IPV4", "IPV6", "UNPRIVILEGED"];

/** LXC takes the terminal width from stdout, else stderr, else stdin. */
function terminal(): { tty: boolean; columns: number } {
  for (const fd of [1, 2] as const) if (isTerminal(fd)) return { tty: true, columns: terminalColumns(fd) ?? 80 };
  if (isTerminal(0)) return { tty: true, columns: 80 };
  return { tty: false, columns: 80 };
}

export const lxcLs: ToolDef = {
  tool: "lxc-ls",
  synopsis: "[-P PATH] [--active] [--running] [--frozen] [--stopped] [--defined] [-f] [-F COLUMNS] [-1] [-g GROUPS] [REGEX]",
  description: "List the containers of an lxcpath, optionally only those whose name matches REGEX (POSIX extended, unanchored).",
  options: [
    { long: "line", short: "1", arg: "none", help: "one name per line" },
    { long: "fancy", short: "f", arg: "none", help: "a table with state, autostart, groups and addresses" },
    { long: "fancy-format", short: "F", arg: "required", help: "comma-separated columns for -f: NAME, STATE, PID, RAM, SWAP, AUTOSTART, GROUPS, INTERFACE, IPV4, IPV6, UNPRIVILEGED", metavar: "COLS" },
    { long: "active", arg: "none", help: "only containers that are not stopped" },
    { long: "running", arg: "none", help: "only running containers" },
    { long: "frozen", arg: "none", help: "only frozen containers" },
    { long: "stopped", arg: "none", help: "only stopped containers" },
    { long: "defined", arg: "none", help: "only containers that have a configuration" },
    { long: "nesting", arg: "optional", help: "also list nested containers, up to NUM levels", metavar: "NUM" },
    { long: "groups", short: "g", arg: "required", help: "only containers in all of these comma-separated groups", metavar: "GROUPS" },
    { long: "filter", arg: "required", help: "only names matching REGEX", metavar: "REGEX" },
    { long: "format", arg: "required", help: "output format: text (default) or json", metavar: "FMT" },
  ],
  async run(ctx) {
    const p = ctx.args;
    if (flag(p, "nesting")) throw notSupportedYet("--nesting");
    const pattern = value(p, "filter") ?? ctx.positionals[0] ?? (ctx.name !== undefined ? ctx.name : undefined);
    let re: RegExp | null = null;
    if (pattern !== undefined) {
      try {
        re = new RegExp(pattern);
      } catch (e) {
        throw new LxcError("USAGE", `invalid regular expression "${pattern}": ${(e as Error).message}`);
      }
    }
    const groups = (value(p, "groups") ?? "").split(",").filter(Boolean);
    const fmt = value(p, "format") ?? "text";
    if (fmt !== "text" && fmt !== "json") throw new LxcError("USAGE", `unknown --format "${fmt}"`, { hint: "use --format text or --format json" });
    const fancy = flag(p, "fancy") || fmt === "json";
    let columns: readonly string[] = DEFAULT_COLUMNS;
    let columnError: string | null = null;
    const ff = value(p, "fancy-format");
    if (ff !== undefined && fancy) {
      const cols = parseLsColumns(ff);
      if (typeof cols === "string") columnError = cols;
      else columns = cols;
    }
    const needStateFilter = ["active", "running", "frozen", "stopped"].some((f) => flag(p, f));
    // the config parser and key table load only when a column or filter needs the config
    const tryLoad = fancy || groups.length ? (await import("../container/load.ts")).tryLoad : () => null;
    const listed = listContainers(ctx.lxcpath).filter(
      (c) =>
        (!re || re.test(c.name)) &&
        (!flag(p, "defined") || c.defined) &&
        (!(flag(p, "active") || flag(p, "frozen") || flag(p, "running")) || c.active),
    );
    // every monitor is asked at once: one round trip for the listing, not one per container
    const states = new Map(
      fancy || needStateFilter ? listed.filter((c) => c.active).map((c) => [c.name, runtime({ name: c.name, lxcpath: ctx.lxcpath })] as const) : [],
    );
    const rows: LsRow[] = [];
    for (const c of listed) {
      const ref = { name: c.name, lxcpath: ctx.lxcpath };
      const cfg = fancy || groups.length ? tryLoad(ref) : null;
      if (groups.length) {
        const have = cfg?.view.list("lxc.group").flatMap((g) => g.value.split(",")).map((g) => g.trim()) ?? [];
        if (!groups.every((g) => have.includes(g))) continue;
      }
      const asked = states.get(c.name);
      const rt = asked ? await asked : { state: "STOPPED" as const, pid: undefined };
      if (flag(p, "running") && rt.state === "STOPPED") continue;
      if (flag(p, "frozen") && rt.state !== "FROZEN") continue;
      if (flag(p, "stopped") && rt.state !== "STOPPED") continue;
      if (flag(p, "active") && rt.state === "STOPPED") continue;
      const row: LsRow = { name: c.name, state: rt.state, autostart: "", groups: [], interfaces: [], ipv4: [], ipv6: [], unprivileged: false };
      if (fancy) {
        const running = rt.state !== "STOPPED";
        row.pid = rt.pid;
        row.autostart = cfg?.view.get("lxc.start.auto") ?? "";
        row.groups = cfg?.view.list("lxc.group").flatMap((g) => g.value.split(",").map((x) => x.trim()).filter(Boolean)) ?? [];
        row.unprivileged = (cfg?.view.list("lxc.idmap").length ?? 0) > 0;
        if (running) {
          const a = addresses(rt.pid);
          row.ipv4 = a.ipv4;
          row.ipv6 = a.ipv6;
          row.interfaces = a.interfaces;
          if (columns.includes("RAM") || columns.includes("SWAP") || fmt === "json") {
            const u = await usage(rt.pid);
            row.ramBytes = u?.memBytes;
            row.swapBytes = u?.swapBytes;
          }
        }
      }
      rows.push(row);
    }
    if (columnError !== null) {
      // like LXC: reported only when something would have been listed, and nothing printed
      if (rows.length) writeErr(`${columnError}\n`);
      return 0;
    }
    if (fmt === "json") writeOut(lsJson(rows) + "\n");
    else if (fancy) writeOut(formatLsFancy(rows, columns));
    else if (flag(p, "line")) writeOut(formatLsLines(rows.map((r) => r.name)));
    else writeOut(formatLsPlain(rows.map((r) => r.name), terminal()));
    return 0;
  },
};
