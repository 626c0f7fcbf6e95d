// Waiting for a container state. A running container's monitor answers a `wait` request
// as soon as the state is reached; while no monitor runs, STOPPED is reached already and
// any other state needs a start, which we notice when its monitor appears.
import { status, waitState, type StateName } from "../monitor/client.ts";
import { commandSocketName, type ContainerRef } from "./names.ts";

const RETRY_MS = 100;

export async function waitForState(ref: ContainerRef, states: StateName[], timeoutSec: number): Promise<StateName | "timeout"> {
  const socket = commandSocketName(ref);
  const deadline = timeoutSec < 0 ? Infinity : Date.now() + timeoutSec * 1000;
  for (;;) {
    const st = await status(socket);
    if (!st) {
      if (states.includes("STOPPED")) return "STOPPED";
    } else if (states.includes(st.state)) {
      // already there: no second round trip to the monitor
      return st.state;
    } else {
      const left = deadline - Date.now();
      const r = await Promise.race([
        waitState(socket, states),
        new Promise<"timeout">((res) => {
          if (Number.isFinite(left)) setTimeout(() => res("timeout"), Math.max(0, left)).unref?.();
        }),
      ]);
      if (r === "timeout") return r;
      if (states.includes(r)) return r;
      // the monitor went away (STOPPED) but STOPPED is not wanted: a new start may follow
    }
    if (Date.now() >= deadline) return "timeout";
    await new Promise((res) => setTimeout(res, Math.min(RETRY_MS, Math.max(0, deadline - Date.now()))));
  }
}
