// Waiting for a container state, driven by events only. A state reached already is answered
// from one status request. Otherwise we listen for the lxcpath's state events first and ask
// the container's state again second, so no change can slip between the two.
// A monitor killed outright publishes nothing: a `wait` request held open on its command
// socket closes with it, and that is our STOPPED.
import { status, waitState, type StateName } from "../monitor/client.ts";
import { listenForEvents, type Listener } from "../monitor/listener.ts";
import { commandSocketName, type ContainerRef } from "./names.ts";

export async function waitForState(ref: ContainerRef, states: StateName[], timeoutSec: number): Promise<StateName | "timeout"> {
  const wanted = new Set(states);
  const socket = commandSocketName(ref);
  const started = Date.now();
  const first = await status(socket).catch(() => null);
  const now: StateName = first?.state ?? "STOPPED";
  if (wanted.has(now)) return now;
  let listener: Listener | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle!: (r: StateName | "timeout") => void;
  const result = new Promise<StateName | "timeout">((res) => (settle = res));
  let done = false;
  // ends the wait requests still held on monitors once we have our answer
  const held = new AbortController();
  const finish = (r: StateName | "timeout") => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    listener?.close();
    held.abort();
    settle(r);
  };
  // the monitor's death, seen through a request it never answers
  const watchMonitor = () => {
    waitState(socket, states, held.signal).then(
      (st) => {
        if (wanted.has(st)) finish(st);
      },
      () => {},
    );
  };

  listener = listenForEvents(ref.lxcpath, (e) => {
    if (e.name !== ref.name || e.type !== "state") return;
    if (wanted.has(e.state)) finish(e.state);
    else if (e.state === "STARTING") watchMonitor();
  });
  const st = await status(socket).catch(() => null);
  const current: StateName = st?.state ?? "STOPPED";
  if (wanted.has(current)) finish(current);
  else if (st) watchMonitor();
  if (!done && timeoutSec >= 0) {
    timer = setTimeout(() => finish("timeout"), Math.max(0, timeoutSec * 1000 - (Date.now() - started)));
  }
  return result;
}
