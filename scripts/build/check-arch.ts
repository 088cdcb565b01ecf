// After packaging: reads the header of every native binary in a packaged app folder
// (`release/linux-unpacked`, `release/win-unpacked`…) and reports any that is not for the target:
// every `.node` addon (unpacked or, wrongly, still inside app.asar), ffmpeg and ffprobe in
// resources/ffmpeg/, and Electron's own executables and libraries at the top of the folder.
// The afterPack hook fails the build on a problem; `tsx scripts/build/check-arch.ts <dir> <platform> <arch>`
// runs it by hand.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRawHeader } from '@electron/asar';
import {
  HEADER_BYTES,
  headerProblem,
  moduleAbiOf,
  readBinaryHeader,
  targetName,
  type BinaryHeader,
  type Target,
} from './binary-arch';

export interface CheckedBinary {
  /** Relative to the app folder, with forward slashes. */
  readonly file: string;
  readonly header: BinaryHeader;
  /** `.node` files: the V8 ABI it was built for, null for a Node-API addon. */
  readonly abi?: string | null;
}

export interface ArchReport {
  readonly target: Target;
  readonly checked: readonly CheckedBinary[];
  readonly problems: readonly string[];
}

export interface CheckOptions {
  /** The NODE_MODULE_VERSION the V8 addons must have been built for (Electron's: `electronAbi`). */
  readonly expectedAbi?: string;
  /** A dynamically linked ffmpeg needs the build machine's libraries: refused unless allowed (the packaging test's Debian ffmpeg). */
  readonly allowDynamicFfmpeg?: boolean;
}

export const ffmpegBinaryNames = (target: Target): string[] =>
  target.platform === 'win32' ? ['ffmpeg.exe', 'ffprobe.exe'] : ['ffmpeg', 'ffprobe'];

export function readHeaderOf(file: string): BinaryHeader {
  const fd = openSync(file, 'r');
  try {
    const bytes = new Uint8Array(Math.min(HEADER_BYTES, statSync(file).size));
    readSync(fd, bytes, 0, bytes.length, 0);
    return readBinaryHeader(bytes);
  } finally {
    closeSync(fd);
  }
}

function walkFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

interface AsarNode {
  files?: Record<string, AsarNode>;
  unpacked?: boolean;
}

/** `.node` entries kept inside app.asar: Electron would have to copy them out to load them, so they must be unpacked. */
function packedAddons(asarPath: string): string[] {
  if (!existsSync(asarPath)) return [];
  const found: string[] = [];
  const walk = (node: AsarNode, at: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const entry = at ? `${at}/${name}` : name;
      if (child.files) walk(child, entry);
      else if (name.endsWith('.node') && !child.unpacked) found.push(entry);
    }
  };
  walk(getRawHeader(asarPath).header as AsarNode, '');
  return found;
}

export function checkPackagedApp(appDir: string, target: Target, options: CheckOptions = {}): ArchReport {
  const checked: CheckedBinary[] = [];
  const problems: string[] = [];
  const relative = (file: string): string => path.relative(appDir, file).split(path.sep).join('/');
  const check = (file: string, header: BinaryHeader, abi?: string | null): void => {
    checked.push(abi === undefined ? { file: relative(file), header } : { file: relative(file), header, abi });
    const problem = headerProblem(header, target);
    if (problem) problems.push(`${relative(file)}: ${problem}`);
    if (abi && options.expectedAbi && abi !== options.expectedAbi) {
      problems.push(
        `${relative(file)}: 为 ABI ${abi} 编译，应为 ${options.expectedAbi}（built for NODE_MODULE_VERSION ${abi}, expected ${options.expectedAbi}）`,
      );
    }
  };

  const resources = path.join(appDir, 'resources');
  for (const file of walkFiles(resources).filter((f) => f.endsWith('.node')))
    check(file, readHeaderOf(file), moduleAbiOf(readFileSync(file)));
  for (const entry of packedAddons(path.join(resources, 'app.asar')))
    problems.push(`resources/app.asar/${entry}: 原生模块被打进了 app.asar（must be unpacked: asarUnpack）`);

  for (const name of ffmpegBinaryNames(target)) {
    const file = path.join(resources, 'ffmpeg', name);
    if (!existsSync(file)) {
      problems.push(`resources/ffmpeg/${name}: 缺少（missing）`);
      continue;
    }
    const header = readHeaderOf(file);
    check(file, header);
    if (header.dynamic && !options.allowDynamicFfmpeg)
      problems.push(`resources/ffmpeg/${name}: 动态链接，离开构建机无法运行（dynamically linked: use a static build）`);
  }

  // Electron's executables and shared libraries (a file that is neither ELF nor PE, e.g. a .pak, is not a binary).
  for (const entry of readdirSync(appDir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(appDir, entry.name);
    const header = readHeaderOf(file);
    if (header.format !== 'unknown') check(file, header);
  }
  return { target, checked, problems };
}

/** One line per binary, for the build log. */
export function describeReport(report: ArchReport): string {
  const lines = report.checked.map(
    (c) =>
      `  ${c.header.format} ${c.header.arch ?? '?'}${c.abi ? ` abi ${c.abi}` : ''}${c.header.dynamic ? ' (dynamic)' : ''}  ${c.file}`,
  );
  const verdict = report.problems.length === 0 ? '全部符合' : `${report.problems.length} 个问题`;
  return [
    `架构检查 ${targetName(report.target)}：${report.checked.length} 个二进制文件，${verdict}`,
    ...lines,
    ...report.problems.map((p) => `  ✗ ${p}`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [appDir, platform, arch] = process.argv.slice(2);
  if (!appDir || !platform || !arch) {
    console.error('用法 usage: tsx scripts/build/check-arch.ts <packaged app folder> <linux|win32> <x64|arm64>');
    process.exit(2);
  }
  const report = checkPackagedApp(appDir, { platform, arch }, { allowDynamicFfmpeg: process.env.FFMPEG_ALLOW_DYNAMIC === '1' });
  console.log(describeReport(report));
  process.exit(report.problems.length === 0 ? 0 : 1);
}
