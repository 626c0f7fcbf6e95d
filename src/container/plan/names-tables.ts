// Capability and signal values from the config, as numbers for the plan, with errors that
// name the key.
import { LxcError } from "../../errors.ts";
import { capabilityNumber as capNumber, signalNumber as sigNumber } from "../../config/names.ts";
import type { Sourced } from "./config-view.ts";

export function capabilityNumber(name: string, src: Sourced): number {
  const n = capNumber(name);
  if (n === undefined) {
    throw new LxcError("CONFIG_BAD_VALUE", `${src.origin.replace("@", " at ")}: unknown capability "${name}"`, {
      hint: "use lower-case names without cap_, e.g. sys_admin net_raw",
      details: { key: src.key },
    });
  }
  return n;
}

export function signalNumber(src: Sourced): number {
  const n = sigNumber(src.value);
  if (n === undefined) {
    throw new LxcError("CONFIG_BAD_VALUE", `${src.origin.replace("@", " at ")}: "${src.value}" is not a signal`, {
      hint: "use a name with the SIG prefix (SIGPWR, SIGRTMIN+3) or a number",
      details: { key: src.key },
    });
  }
  return n;
}
