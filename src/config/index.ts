// Public surface of the configuration subsystem.
export { ContainerConfig, loadContainerConfig, parseContainerConfig, type ConfigEntry, type LoadOptions } from "./container-config.ts";
export { ConfigDocument, checkEntry, clearsKey, type DocEntry, type Where } from "./parser.ts";
export { updateConfigText, isLegacyKey, LEGACY_RENAMES, LEGACY_DROPPED } from "./legacy.ts";
export { exactKeys, topLevelKeys, resolveKey, knownKeyNames, type Resolved } from "./keys.ts";
export { netSubkeys } from "./keys-net.ts";
export { FAMILIES, type FamilySpec } from "./keys-family.ts";
export type { KeySpec, ItemContext, ScalarState } from "./key-spec.ts";
export { BadValue } from "./validators.ts";
export {
  CAPABILITIES, CAPABILITY_NAMES, LAST_CAPABILITY, capabilityNumber, SIGNALS, SIGRTMIN, SIGRTMAX, signalNumber,
  ARCHES, LOG_LEVELS, NAMESPACES, PRLIMIT_RESOURCES, NET_TYPES, HOOK_TYPES, ROOTFS_BACKENDS,
} from "./names.ts";
export { expandHwaddr, expandHwaddrTemplates } from "./hwaddr.ts";
export type { NetworkConfig, IPv4Config, IPv6Config } from "./networks.ts";
export { suggestKeys, didYouMean } from "./suggest.ts";
export { writeConfigAtomic } from "./save.ts";
export { globalConfig, globalConfigItem, globalConfigKeys, globalConfigPath, type GlobalConfig, type GlobalContext } from "./global.ts";
