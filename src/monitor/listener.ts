// State events of every container in one lxcpath, as their monitors publish them (the
// core's `notify` directive, core/PLAN.md): we bind a socket in the lxcpath's notify
// directory, and each monitor connects to it and writes one line per event.
import { chmodSync, mkdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { LxcError } from "../errors.ts";
import { notifyDir } from "../container/runtime.ts";
import type { StateName } from "./client.ts";

export type StateEvent =
  | { type: "state"; name: string; lxcpath: string; state: StateName }
  | { type: "exited"; name: string; lxcpath: string; status: number };

export interface Listener {
  close(): void;
}

function parseLine(line: string, lxcpath: string): StateEvent | null {
  const m = /^(state|exited) (\S+) (.+)$/.exec(line);
  if (!m) return null;
  if (m[1] === "state") return { type: "state", name: m[3]!, lxcpath, state: m[2] as StateName };
  const status = Number(m[2]);
  return Number.isInteger(status) ? { type: "exited", name: m[3]!, lxcpath, status } : null;
}

/** Starts listening at once: every event published after this returns is delivered. */
export function listenForEvents(lxcpath: string, onEvent: (e: StateEvent) => void): Listener {
  const dir = notifyDir(lxcpath);
  const id = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  // bound under a name monitors ignore, renamed once it listens: a monitor that found it
  // between bind and listen would take the refused connection for a dead listener
  const pending = join(dir, `.${id}.bind`);
  const path = join(dir, `${id}.sock`);
  const socketHandlers = {
    open(s: { data: { buf: string } }) {
      s.data = { buf: "" };
    },
    data(s: { data: { buf: string } }, chunk: Buffer) {
      s.data.buf += chunk.toString();
      let nl: number;
      while ((nl = s.data.buf.indexOf("\n")) >= 0) {
        const ev = parseLine(s.data.buf.slice(0, nl), lxcpath);
        s.data.buf = s.data.buf.slice(nl + 1);
        if (ev) onEvent(ev);
      }
    },
  };
  let server: ReturnType<typeof Bun.listen> | undefined;
  // the last listener of an lxcpath removes the directory: if one does so between our mkdir
  // and our bind, make it again
  for (let attempt = 0; !server; attempt++) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o755 });
    } catch (e) {
      throw new LxcError("IO_FAILED", `cannot create the event directory ${dir}: ${(e as Error).message}`, {
        hint: "lxc-monitor and lxc-wait need a writable runtime directory (/run for root, $XDG_RUNTIME_DIR otherwise)",
      });
    }
    try {
      server = Bun.listen<{ buf: string }>({ unix: pending, socket: socketHandlers });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" && attempt < 3) continue;
      throw new LxcError("IO_FAILED", `cannot listen for events on ${path}: ${(e as Error).message}`);
    }
  }
  const srv = server;
  try {
    // the socket must not be writable by anyone else
    chmodSync(pending, 0o600);
    renameSync(pending, path);
  } catch (e) {
    srv.stop(true);
    rmSync(pending, { force: true });
    throw new LxcError("IO_FAILED", `cannot listen for events on ${path}: ${(e as Error).message}`);
  }
  return {
    close() {
      srv.stop(true);
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
      try {
        rmdirSync(dir);   // only when we were the last listener of this lxcpath
      } catch {
        // others still listen (ENOTEMPTY), or it is gone already
      }
    },
  };
}
