// What a template gets and gives back. Built-in templates run in-process; LXC template
// scripts are run by script.ts with the same facts as command-line arguments.

export interface TemplateContext {
  /** container name */
  name: string;
  lxcpath: string;
  /** <lxcpath>/<name> (the template's --path) */
  containerDir: string;
  /** the rootfs directory, ready to be filled (the template's --rootfs) */
  rootfs: string;
  /** the container's config file, already holding lxc.rootfs.path */
  configPath: string;
  /** what followed "--" on the lxc-create command line, unchanged */
  args: string[];
  /** container-side uid/gid of the caller when the config has lxc.idmap */
  mappedUid?: number;
  mappedGid?: number;
  /** -q: the template says nothing */
  quiet: boolean;
}

export interface TemplateResult {
  /** lines the caller appends to the container config (the caller owns writing it) */
  configLines: string[];
}

export interface Template {
  name: string;
  usage(): string;
  run(ctx: TemplateContext): Promise<TemplateResult>;
}
