// lxc-checkconfig: which kernel features containers need are there. Reads the kernel
// configuration (CONFIG=..., else the usual places); when none can be found, judges the
// running kernel from /proc and /sys instead and says so on the first line.
import {
  DEFAULT_KERNEL_CONFIG, type KernelConfig, kernelConfigCandidates, locateKernelConfig, optionState, parseKernelConfig,
  readKernelConfigText, versionFromRelease,
} from "../sys/kernel-config.ts";
import { FEATURES, type Feature, type KernelVersion, type Section } from "./features.ts";
import { type HostView, cgroupMounts, realHost } from "./host.ts";
import { RunningKernel, type Verdict } from "./probe.ts";

export interface CheckconfigOptions {
  /** Colour the verdicts (stdout is a terminal). */
  tty: boolean;
  /** The environment; CONFIG names the configuration file to check, PATH finds newuidmap. */
  env: Record<string, string | undefined>;
  /** The system to look at (tests pass a fake one). */
  host?: HostView;
  /** Version printed on the first line, as lxc-start --version gives it. */
  version?: string;
}

export interface CheckconfigResult {
  /** The report, for stdout. */
  text: string;
  /** Error text, for stderr (only when exitCode is not 0). */
  stderr: string;
  exitCode: number;
}

const COLOURS = { good: "\x1b[1;32m", bad: "\x1b[1;31m", warn: "\x1b[1;33m", reset: "\x1b[0;39m" } as const;
type Tone = "good" | "bad" | "warn";

const SECTIONS: Section[] = ["Namespaces", "Control groups", "Misc", "Checkpoint/Restore"];
const RECENT: KernelVersion = { major: 100, minor: 0 };
const before = (v: KernelVersion, major: number, minor: number) => v.major < major || (v.major === major && v.minor < minor);

interface Source {
  /** The configuration being checked, or null when judging the running kernel. */
  cfg: KernelConfig | null;
  /** True when the configuration is the running kernel's (so "loaded" means something). */
  running: boolean;
  version: KernelVersion;
}

export async function checkconfigReport(opts: CheckconfigOptions): Promise<CheckconfigResult> {
  const host = opts.host ?? realHost;
  const paint = (tone: Tone, s: string) => (opts.tty ? `${COLOURS[tone]}${s}${COLOURS.reset}` : s);
  const explicit = opts.env.CONFIG || undefined;
  const loc = locateKernelConfig(explicit, host.release, host);
  const text = loc.path === null ? null : readKernelConfigText(loc.path, host);
  if (explicit && text === null) {
    return {
      text: "",
      stderr: `lxc-checkconfig: cannot read the kernel configuration ${explicit} (from CONFIG)\n`,
      exitCode: 1,
    };
  }
  const out: string[] = [];
  const kernel = new RunningKernel(host);
  let src: Source;
  if (text === null) {
    out.push(
      `Kernel configuration not found (looked for ${loc.tried.join(", ")}); ` +
        `checking the running kernel through /proc and /sys instead ("unknown": could not be told)`,
    );
    out.push(`LXC version ${opts.version ?? "5.0.2"}`);
    src = { cfg: null, running: true, version: versionFromRelease(host.release) ?? RECENT };
  } else {
    out.push(`LXC version ${opts.version ?? "5.0.2"}`);
    if (!explicit && loc.path !== DEFAULT_KERNEL_CONFIG) {
      out.push(`Kernel configuration not found at ${DEFAULT_KERNEL_CONFIG}; using ${loc.path}`);
    }
    const cfg = parseKernelConfig(text);
    if (!cfg.version) out.push("Warning: the configuration does not say which kernel it is for; assuming a recent one", "");
    const running = kernelConfigCandidates(host.release).includes(loc.path ?? "");
    src = { cfg, running, version: cfg.version ?? RECENT };
  }

  const verdict = (f: Feature): Verdict => {
    if (!src.cfg) return kernel.judge(f);
    const state = optionState(src.cfg, f.key(src.version));
    const loaded = state === "m" && src.running && f.modules ? kernel.isLoaded(f.modules) : undefined;
    return { state, loaded };
  };
  const word = (v: Verdict, mandatory = false): string => {
    switch (v.state) {
      case "y":
        return paint("good", "enabled");
      case "m": {
        const suffix = v.loaded === undefined ? "" : v.loaded ? ", loaded" : ", not loaded";
        return paint("good", "enabled (as module)") + suffix;
      }
      case "n":
        return mandatory ? paint("bad", "required") : paint("warn", "missing");
      default:
        return paint("warn", "unknown");
    }
  };

  for (const section of SECTIONS) {
    out.push("", `--- ${section} ---`);
    for (const f of FEATURES) {
      if (f.section !== section) continue;
      if (f.when && !f.when(src.version)) continue;
      if (src.cfg && f.onlyIf && optionState(src.cfg, f.onlyIf) === "n") continue;
      const v = verdict(f);
      out.push(`${f.label}: ${word(v, f.mandatory)}`);
      if (f.label === "User namespace" && (v.state === "y" || v.state === "m")) out.push(...idmapTools(host, opts.env, paint));
      if (f.label === "Cgroups") out.push(...cgroupHostLines(host, src, word, paint));
    }
    if (section === "Checkpoint/Restore") {
      const fcaps: Verdict =
        src.cfg && src.version.major === 2 ? { state: optionState(src.cfg, "CONFIG_SECURITY_FILE_CAPABILITIES") } : { state: "y" };
      out.push(`File capabilities: ${word(fcaps)}`);
    }
  }
  out.push("", "Note: to check a kernel before booting it, point CONFIG at its configuration file:");
  out.push("  CONFIG=/path/to/config lxc-checkconfig", "");
  return { text: out.join("\n"), stderr: "", exitCode: 0 };
}

/** newuidmap / newgidmap: unprivileged containers need them installed and setuid root. */
function idmapTools(host: HostView, env: Record<string, string | undefined>, paint: (t: Tone, s: string) => string): string[] {
  const lines: string[] = [];
  for (const tool of ["newuidmap", "newgidmap"]) {
    const p = host.which(tool, env.PATH);
    if (p === null) lines.push(`${tool}: ${paint("warn", "not installed")} (unprivileged containers need it)`);
    else if (!host.isSetuid(p)) lines.push(`${tool}: ${paint("warn", "not setuid root")} (${p}; unprivileged containers need that)`);
  }
  return lines;
}

/** Cgroup namespace, the cgroup mounts of this host, and the controllers LXC wants on v1 hosts. */
function cgroupHostLines(
  host: HostView,
  src: Source,
  word: (v: Verdict) => string,
  paint: (t: Tone, s: string) => string,
): string[] {
  // A configuration has no separate option: cgroup namespaces came with 4.6.
  const cgns: Verdict = src.cfg
    ? { state: optionState(src.cfg, "CONFIG_CGROUPS") !== "n" && !before(src.version, 4, 6) ? "y" : "n" }
    : { state: host.exists("/proc/self/ns/cgroup") ? "y" : host.exists("/proc/self/ns") ? "n" : "unknown" };
  const lines = [`Cgroup namespace: ${word(cgns)}`];
  const m = cgroupMounts(host);
  lines.push("Cgroup v1 mount points:", ...m.v1.map((x) => ` - ${x.path}`));
  lines.push("Cgroup v2 mount points:", ...m.v2.map((p) => ` - ${p}`));
  const unifiedOnly = m.v2.length === 1 && m.v2[0] === "/sys/fs/cgroup";
  if (!unifiedOnly) {
    const has = (name: string, opt: string) => m.v1.some((x) => x.path.includes(`/${name}`) || x.options.split(",").includes(opt));
    if (!has("systemd", "name=systemd")) lines.push(`Cgroup v1 systemd controller: ${paint("bad", "missing")}`);
    if (!has("freezer", "freezer")) lines.push(`Cgroup v1 freezer controller: ${paint("bad", "missing")}`);
    const first = m.v1[0];
    if (first && host.exists(`${first.path}/cgroup.clone_children`)) {
      lines.push(`Cgroup v1 clone_children flag: ${paint("good", "enabled")}`);
    }
  }
  return lines;
}
