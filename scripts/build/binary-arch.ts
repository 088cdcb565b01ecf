// Pure: which platform and CPU a native binary is for, read from its header alone (the first
// few KiB), so the packaging can refuse a `.node` addon or an ffmpeg built for the wrong target.
// ELF (Linux): e_machine; PE (Windows): the COFF Machine field. No Node API here: the tests
// feed it buffers, check-arch.ts and fetch-ffmpeg.ts the first bytes of a file.

/** How many leading bytes the reader needs (headers and the ELF program header table). */
export const HEADER_BYTES = 64 * 1024;

/** A target as electron-builder names it: `${platform}-${arch}` (linux-x64, win32-x64, linux-arm64). */
export interface Target {
  readonly platform: string;
  readonly arch: string;
}

export interface BinaryHeader {
  readonly format: 'elf' | 'pe' | 'unknown';
  readonly arch: string | null;
  /** ELF only: it names a program interpreter, i.e. it needs shared libraries of the machine it runs on. */
  readonly dynamic?: boolean;
}

const ELF_MACHINES = new Map<number, string>([
  [0x03, 'ia32'],
  [0x28, 'arm'],
  [0x3e, 'x64'],
  [0xb7, 'arm64'],
  [0xf3, 'riscv64'],
  // Loongson (LoongArch), a CPU some domestic desktops run: named so a report says what it found.
  [0x102, 'loong64'],
]);
const PE_MACHINES = new Map<number, string>([
  [0x014c, 'ia32'],
  [0x01c4, 'arm'],
  [0x8664, 'x64'],
  [0xaa64, 'arm64'],
]);
const PT_INTERP = 3;
const UNKNOWN: BinaryHeader = { format: 'unknown', arch: null };

export function readBinaryHeader(bytes: Uint8Array): BinaryHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 20 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46)
    return readElf(bytes, view);
  if (bytes.length >= 0x40 && bytes[0] === 0x4d && bytes[1] === 0x5a) return readPe(bytes, view);
  return UNKNOWN;
}

function readElf(bytes: Uint8Array, view: DataView): BinaryHeader {
  const is64 = bytes[4] === 2;
  const little = bytes[5] === 1;
  const machine = view.getUint16(0x12, little);
  const arch = ELF_MACHINES.get(machine) ?? `elf-machine-0x${machine.toString(16)}`;
  return { format: 'elf', arch, dynamic: hasInterpreter(bytes, view, is64, little) };
}

/** True when a PT_INTERP program header is present; false when absent or past the bytes given. */
function hasInterpreter(bytes: Uint8Array, view: DataView, is64: boolean, little: boolean): boolean {
  if (bytes.length < (is64 ? 0x40 : 0x34)) return false;
  const phoff = is64 ? Number(view.getBigUint64(0x20, little)) : view.getUint32(0x1c, little);
  const phentsize = view.getUint16(is64 ? 0x36 : 0x2a, little);
  const phnum = view.getUint16(is64 ? 0x38 : 0x2c, little);
  for (let i = 0; i < phnum; i += 1) {
    const at = phoff + i * phentsize;
    if (at + 4 > bytes.length) return false;
    if (view.getUint32(at, little) === PT_INTERP) return true;
  }
  return false;
}

function readPe(bytes: Uint8Array, view: DataView): BinaryHeader {
  const peOffset = view.getUint32(0x3c, true);
  if (peOffset + 6 > bytes.length || view.getUint32(peOffset, true) !== 0x00004550) return UNKNOWN;
  const machine = view.getUint16(peOffset + 4, true);
  return { format: 'pe', arch: PE_MACHINES.get(machine) ?? `pe-machine-0x${machine.toString(16)}` };
}

/** The header every binary of a target must have. */
export function expectedHeader(target: Target): { format: 'elf' | 'pe'; arch: string } {
  const format = target.platform === 'win32' ? 'pe' : target.platform === 'linux' ? 'elf' : null;
  if (!format) throw new Error(`unsupported target platform: ${target.platform}`);
  return { format, arch: target.arch === 'armv7l' ? 'arm' : target.arch };
}

/** Null when the header fits the target, else why not (Chinese, then English, for the build log). */
export function headerProblem(header: BinaryHeader, target: Target): string | null {
  const want = expectedHeader(target);
  if (header.format === 'unknown')
    return `不是可识别的可执行文件（not an ELF or PE binary; expected ${want.format} ${want.arch}）`;
  if (header.format !== want.format || header.arch !== want.arch) {
    return `架构不符（${header.format} ${header.arch ?? '?'}; expected ${want.format} ${want.arch}）`;
  }
  return null;
}

/**
 * The NODE_MODULE_VERSION (ABI) an addon built against V8 registers under, from its exported
 * `node_register_module_v<abi>` symbol (ELF and PE keep symbol names as ASCII); null for a
 * Node-API addon, which has none and loads under any ABI. Needs the whole file.
 */
export function moduleAbiOf(bytes: Uint8Array): string | null {
  const match = /node_register_module_v(\d+)/.exec(new TextDecoder('latin1').decode(bytes));
  return match?.[1] ?? null;
}

/** `linux-x64`: the folder and report name of a target. */
export const targetName = (target: Target): string => `${target.platform}-${target.arch}`;
