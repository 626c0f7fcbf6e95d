// Whether a container is defined, apart from loading its config: lxc-info and others ask
// this without paying for the config parser and key table.
import { existsSync } from "node:fs";
import { LxcError } from "../errors.ts";
import { configPath, type ContainerRef } from "./names.ts";

export function containerExists(ref: ContainerRef): boolean {
  return existsSync(configPath(ref));
}

export function notFound(ref: ContainerRef): LxcError {
  return new LxcError("STATE_NOT_FOUND", `container ${ref.name} does not exist in ${ref.lxcpath}`, {
    hint: `list containers with lxc-ls -P ${ref.lxcpath}; create one with lxc-create -n ${ref.name} -t busybox`,
    details: { path: configPath(ref) },
  });
}
