// Parsers for the cgroup files usage counters come from (pure, so fixtures test them).

/** "key value" lines (memory.stat, cpu.stat) → map of integers. */
export function flatKeyed(text: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const line of text.split("\n")) {
    const m = /^(\S+)\s+(\d+)\s*$/.exec(line);
    if (m) out.set(m[1]!, BigInt(m[2]!));
  }
  return out;
}

/** A single integer file (memory.usage_in_bytes, memory.current, cpuacct.usage). */
export function singleValue(text: string): bigint | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) ? BigInt(t) : undefined;
}

/** v1 blkio.throttle.io_service_bytes: the "Total N" line. */
export function blkioTotal(text: string): bigint | undefined {
  const m = /^Total\s+(\d+)\s*$/m.exec(text);
  return m ? BigInt(m[1]!) : undefined;
}

/** v2 io.stat: rbytes + wbytes over every device line ("MAJ:MIN rbytes=.. wbytes=.. ..."). */
export function ioStatBytes(text: string): bigint {
  let sum = 0n;
  for (const m of text.matchAll(/\b[rw]bytes=(\d+)/g)) sum += BigInt(m[1]!);
  return sum;
}

/** v2 memory.stat: kernel memory, from "kernel" when the kernel reports it, else kernel_stack + slab. */
export function v2KernelMemory(stat: Map<string, bigint>): bigint | undefined {
  const k = stat.get("kernel");
  if (k !== undefined) return k;
  const stack = stat.get("kernel_stack");
  const slab = stat.get("slab");
  if (stack === undefined && slab === undefined) return undefined;
  return (stack ?? 0n) + (slab ?? 0n);
}
