// Passing the signals we get on to a child (the core), and keeping the ones a terminal sends
// to the whole process group from ending us before the child has reported.
export interface SignalRelay {
  /** from now on forwarded signals go to `kill`; any that came before go at once */
  attach(kill: (signal: NodeJS.Signals) => void): void;
  remove(): void;
}

/** Installs the handlers at once, so that nothing sent before the child exists is lost. */
export function relaySignals(forwarded: readonly NodeJS.Signals[], ignored: readonly NodeJS.Signals[]): SignalRelay {
  let target: ((signal: NodeJS.Signals) => void) | null = null;
  const pending: NodeJS.Signals[] = [];
  const handlers: [NodeJS.Signals, () => void][] = [
    ...forwarded.map((s): [NodeJS.Signals, () => void] => [s, () => void (target ? target(s) : pending.push(s))]),
    ...ignored.map((s): [NodeJS.Signals, () => void] => [s, () => {}]),
  ];
  for (const [s, h] of handlers) process.on(s, h);
  return {
    attach(kill) {
      target = kill;
      for (const s of pending.splice(0)) kill(s);
    },
    remove() {
      for (const [s, h] of handlers) process.off(s, h);
    },
  };
}
