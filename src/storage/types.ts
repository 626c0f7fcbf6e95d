// One interface for every backing store; a new backend is one new file plus one line in
// registry.ts. Operations a backend lacks raise a clear "not supported by this backend".

export interface CreateContext {
  name: string;
  lxcpath: string;
  containerDir: string;
  /** --dir for the dir backend */
  dir?: string;
}

export interface StorageBackend {
  readonly type: string;
  readonly canSnapshot: boolean;
  readonly needsBlockDevice: boolean;
  /** true if this backend owns a `type:location` rootfs value (or a bare path it recognizes) */
  matches(rootfsValue: string): boolean;
  /** makes the storage; returns the lxc.rootfs.path value to record */
  create(ctx: CreateContext): Promise<string>;
  /** the directory to bind as the container's root when it starts */
  mountPath(rootfsValue: string): Promise<string>;
  /** undoes `mountPath` (nothing for dir) */
  release(rootfsValue: string): Promise<void>;
  destroy(rootfsValue: string, containerDir: string): Promise<void>;
}
