// lxc-checkconfig's report (see report.ts).
export { type CheckconfigOptions, type CheckconfigResult, checkconfigReport } from "./report.ts";
export type { HostView } from "./host.ts";
