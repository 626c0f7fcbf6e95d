// The library surface: what liblxc's lxc_container offers, in TypeScript. The lxc-* tools
// are thin layers over the same functions, so the API and the tools behave alike.
//
//   import { Container } from "lxc-ts/api";
//   const c = new Container("c1");
//   await c.create({ template: "busybox" });
//   await c.start();
//   await c.wait("STOPPED");
import { createContainer, type CreateOptions } from "../container/create.ts";
import { destroyContainer, type DestroyOptions } from "../container/destroy.ts";
import { addresses, runtime } from "../container/inspect.ts";
import { containerExists, tryLoad } from "../container/load.ts";
import { listContainers } from "../container/list.ts";
import { validateName, type ContainerRef } from "../container/names.ts";
import { resolveLxcpath } from "../container/paths.ts";
import { startContainer, type StartOptions, type StartResult } from "../container/start.ts";
import { stopContainer, type StopOptions, type StopOutcome } from "../container/stop.ts";
import { waitForState } from "../container/wait.ts";
import { attachContainer, type AttachOptions } from "../container/attach.ts";
import { commandSocketName } from "../container/names.ts";
import { readConsoleBuffer } from "../monitor/console-buffer.ts";
import { listenForEvents, type Listener, type StateEvent } from "../monitor/listener.ts";
import type { StateName } from "../monitor/client.ts";

export { LxcError } from "../errors.ts";
export type { StateName } from "../monitor/client.ts";
export type { StateEvent } from "../monitor/listener.ts";

export class Container {
  readonly ref: ContainerRef;

  constructor(name: string, lxcpath?: string) {
    this.ref = { name: validateName(name, "lxc-ts"), lxcpath: resolveLxcpath(lxcpath) };
  }

  get name(): string {
    return this.ref.name;
  }

  defined(): boolean {
    return containerExists(this.ref);
  }

  async state(): Promise<StateName> {
    return (await runtime(this.ref)).state;
  }

  async initPid(): Promise<number | undefined> {
    return (await runtime(this.ref)).pid;
  }

  async running(): Promise<boolean> {
    return (await this.state()) !== "STOPPED";
  }

  async ips(): Promise<string[]> {
    const a = addresses((await runtime(this.ref)).pid);
    return [...a.ipv4, ...a.ipv6];
  }

  /** LXC's get_config_item: the value as lxc-info -c shows it, or null for an unknown key. */
  configItem(key: string): string | null {
    return tryLoad(this.ref)?.config.getItem(key) ?? null;
  }

  create(opts: Partial<CreateOptions> & { template: string }): Promise<void> {
    return createContainer(this.ref, { templateArgs: [], ...opts });
  }

  start(opts: StartOptions = {}): Promise<StartResult> {
    return startContainer(this.ref, opts);
  }

  stop(opts: StopOptions = {}): Promise<StopOutcome> {
    return stopContainer(this.ref, opts);
  }

  shutdown(timeoutSec = 60): Promise<StopOutcome> {
    return stopContainer(this.ref, { timeout: timeoutSec });
  }

  destroy(opts: DestroyOptions = {}): Promise<void> {
    return destroyContainer(this.ref, opts);
  }

  /** lxc-execute: runs COMMAND as an application container; resolves with its exit code. */
  async execute(command: string[], opts: Omit<StartOptions, "execute" | "command"> = {}): Promise<number> {
    const r = await startContainer(this.ref, { foreground: true, ...opts, execute: true, command });
    return r.exitCode ?? 1;
  }

  /** lxc-attach: runs COMMAND (default: the login shell) inside; resolves with its exit code. */
  attach(command?: string[], opts: Omit<AttachOptions, "command"> = {}): Promise<number> {
    return attachContainer(this.ref, { ...opts, command });
  }

  /** Asks init to reboot (lxc.signal.reboot); the container then starts again by itself. */
  reboot(): Promise<StopOutcome> {
    return stopContainer(this.ref, { reboot: true });
  }

  /** LXC's console_log: what the console ring buffer (lxc.console.buffer.size) holds, or null when stopped. */
  consoleLog(): Promise<Uint8Array | null> {
    return readConsoleBuffer(commandSocketName(this.ref));
  }

  /** Resolves true once one of the states is reached, false on timeout (-1 = forever). */
  async wait(states: StateName | StateName[], timeoutSec = -1): Promise<boolean> {
    const r = await waitForState(this.ref, Array.isArray(states) ? states : [states], timeoutSec);
    return r !== "timeout";
  }
}

/** Names of the containers in an lxcpath (defined or running), sorted as lxc-ls sorts them. */
export function listContainerNames(lxcpath?: string, which: "all" | "active" | "defined" = "all"): string[] {
  return listContainers(resolveLxcpath(lxcpath))
    .filter((c) => which === "all" || (which === "active" ? c.active : c.defined))
    .map((c) => c.name);
}

/** Every state change of the containers in an lxcpath, as lxc-monitor sees them, until close(). */
export function watchStates(onEvent: (e: StateEvent) => void, lxcpath?: string): Listener {
  return listenForEvents(resolveLxcpath(lxcpath), onEvent);
}
