import { LxcError } from "../errors.ts";
import { formatInfo, infoJson, type InfoData } from "../format/info.ts";
import { addresses, runtime, usage } from "../container/inspect.ts";
import { containerExists } from "../container/exists.ts";
import { readRuntime } from "../container/runtime.ts";
import { linkStats } from "../sys/netdev.ts";
import { flag, value, values } from "./args.ts";
import type { ToolDef } from "./common.ts";
import { writeOut, writeErr } from "../sys/stdio.ts";

export const lxcInfo: ToolDef = {
  tool: "lxc-info",
  synopsis: "--name=NAME [-s] [-p] [-i] [-S] [-H] [-c KEY]...",
  description: "Show the state, init pid, addresses, resource use and configuration of the container NAME.\nWithout selectors everything is shown.",
  nameFromPositional: true,
  requiresName: true,
  options: [
    { long: "state", short: "s", arg: "none", help: "show the state" },
    { long: "pid", short: "p", arg: "none", help: "show the pid of init" },
    { long: "ips", short: "i", arg: "none", help: "show the IP addresses" },
    { long: "stats", short: "S", arg: "none", help: "show CPU, block I/O, memory and network use" },
    { long: "no-humanize", short: "H", arg: "none", help: "raw numbers; with a single selector, only its value" },
    { long: "config", short: "c", arg: "required", repeat: true, help: "show the value of configuration KEY", metavar: "KEY" },
    { long: "format", arg: "required", help: "output format: text (default) or json", metavar: "FMT" },
  ],
  async run(ctx) {
    const ref = ctx.ref();
    const rt = await runtime(ref);
    const defined = containerExists(ref);
    if (!defined && rt.state === "STOPPED") {
      throw new LxcError("STATE_NOT_FOUND", `${ref.name} doesn't exist`, { hint: `list containers with lxc-ls -P ${ref.lxcpath}` });
    }
    const running = rt.state !== "STOPPED";
    const a = flag(ctx.args, "ips") || !anySelector(ctx.args) ? addresses(rt.pid) : { ipv4: [], ipv6: [], interfaces: [] };
    const wantStats = flag(ctx.args, "stats") || !anySelector(ctx.args);
    const data: InfoData = {
      name: ref.name,
      state: rt.state,
      pid: rt.pid,
      ips: [...a.ipv4, ...a.ipv6],
      stats: running && wantStats ? await usage(rt.pid) : undefined,
      links: running && wantStats ? linkLines(ref) : [],
    };
    const keys = values(ctx.args, "config");
    // the config parser and key table load only for -c
    const cfg = keys.length ? (await import("../container/load.ts")).tryLoad(ref) : null;
    const configKeys = keys.map((k) => ({ key: k, value: cfg ? cfg.config.getItem(k) : null }));
    const fmt = value(ctx.args, "format") ?? "text";
    if (fmt === "json") {
      writeOut(infoJson(data, configKeys) + "\n");
      return 0;
    }
    if (fmt !== "text") throw new LxcError("USAGE", `unknown --format "${fmt}"`, { hint: "use --format text or --format json" });
    const out = formatInfo(data, {
      state: flag(ctx.args, "state"),
      pid: flag(ctx.args, "pid"),
      ips: flag(ctx.args, "ips"),
      stats: flag(ctx.args, "stats"),
      configKeys,
      humanize: !flag(ctx.args, "no-humanize"),
      count: ["state", "pid", "ips"].reduce((n, k) => n + values(ctx.args, k).length, 0) + 5 * values(ctx.args, "stats").length,
    });
    writeOut(out.stdout);
    writeErr(out.stderr);
    return 0;
  },
};

function anySelector(p: Parameters<typeof flag>[0]): boolean {
  return ["state", "pid", "ips", "stats", "config"].some((k) => flag(p, k));
}

function linkLines(ref: { name: string; lxcpath: string }) {
  const rec = readRuntime(ref);
  if (!rec) return [];
  return rec.links
    .filter((l) => l.hostName || l.link)
    .map((l) => {
      const name = l.hostName ?? l.link!;
      // the host end's counters are the container's, seen from the other side
      const s = linkStats(name);
      return { name, txBytes: s ? s.rx : null, rxBytes: s ? s.tx : null };
    });
}
