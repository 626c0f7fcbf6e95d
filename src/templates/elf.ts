// Just enough ELF to tell a static binary from one that needs a dynamic loader.

export type Linkage = "static" | "dynamic" | "not-elf";

const PT_INTERP = 3;

/** "dynamic" when the program headers ask for an interpreter (ld.so); static-pie counts as static. */
export function elfLinkage(buf: Uint8Array): Linkage {
  if (buf.length < 52 || buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46) return "not-elf";
  const is64 = buf[4] === 2;
  const le = buf[5] !== 2;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const phoff = is64 ? Number(view.getBigUint64(32, le)) : view.getUint32(28, le);
  const phentsize = view.getUint16(is64 ? 54 : 42, le);
  const phnum = view.getUint16(is64 ? 56 : 44, le);
  for (let i = 0; i < phnum; i++) {
    const off = phoff + i * phentsize;
    if (off + 4 > buf.length) return "not-elf";
    if (view.getUint32(off, le) === PT_INTERP) return "dynamic";
  }
  return "static";
}
