// Fills build/ffmpeg/<platform>-<arch>/ with the ffmpeg and ffprobe the recorder runs, for one
// installer target; electron-builder copies that folder to resources/ffmpeg/ (extraResources).
// Where they come from, first match wins:
//   1. FFMPEG_DIR_<PLATFORM>_<ARCH> (e.g. FFMPEG_DIR_LINUX_ARM64, FFMPEG_DIR_WIN32_X64): a folder
//      holding ffmpeg and ffprobe (.exe on Windows) – an offline build machine, a vetted build;
//   2. the folder itself, when an earlier run (or a person) filled it with binaries for the target;
//   3. ffmpeg-static's release download (its release tag, its FFMPEG_BINARIES_URL mirror variable
//      and FFMPEG_BINARY_RELEASE), both tools, with the licence text.
// Then every binary's header is checked: missing, not for the target's CPU, or dynamically linked
// (unless FFMPEG_ALLOW_DYNAMIC=1) fails the build with what to do.
// By hand: `tsx scripts/build/fetch-ffmpeg.ts linux-x64 linux-arm64 win32-x64`.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { headerProblem, targetName, type Target } from './binary-arch';
import { buildDirOf, ROOT } from './build-dir';
import { ffmpegBinaryNames, readHeaderOf } from './check-arch';

/** ffmpeg-static 5.3.0's `binary-release-tag`, used when the package itself could not install (offline). */
export const FFMPEG_STATIC_RELEASE = 'b6.1.1';
const DEFAULT_DOWNLOADS_URL = 'https://github.com/eugeneware/ffmpeg-static/releases/download';

export type FfmpegSourceKind = 'env-folder' | 'prepared' | 'download';

export interface PrepareFfmpegOptions {
  readonly root: string;
  /** build/ by default; the folder is `<buildDir>/ffmpeg/<platform>-<arch>`. */
  readonly buildDir: string;
  readonly target: Target;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (message: string) => void;
  /** Injected in tests; the global fetch otherwise. */
  readonly fetchBytes?: (url: string) => Promise<Uint8Array>;
}

export interface PreparedFfmpeg {
  readonly dir: string;
  readonly source: FfmpegSourceKind;
  readonly from: string;
}

export const ffmpegEnvName = (target: Target): string =>
  `FFMPEG_DIR_${target.platform.toUpperCase()}_${target.arch.toUpperCase()}`;
export const ffmpegDirOf = (buildDir: string, target: Target): string => path.join(buildDir, 'ffmpeg', targetName(target));

/** What is wrong with the binaries in a folder for a target; empty when they are fit to ship. */
export function ffmpegProblems(dir: string, target: Target, env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  for (const name of ffmpegBinaryNames(target)) {
    const file = path.join(dir, name);
    if (!existsSync(file)) {
      problems.push(`${name}: 缺少（missing）`);
      continue;
    }
    const header = readHeaderOf(file);
    const problem = headerProblem(header, target);
    if (problem) problems.push(`${name}: ${problem}`);
    else if (header.dynamic && env.FFMPEG_ALLOW_DYNAMIC !== '1')
      problems.push(
        `${name}: 动态链接，终端上缺少它的库（dynamically linked; use a static build or set FFMPEG_ALLOW_DYNAMIC=1）`,
      );
  }
  return problems;
}

function releaseTag(root: string, env: NodeJS.ProcessEnv): string {
  if (env.FFMPEG_BINARY_RELEASE) return env.FFMPEG_BINARY_RELEASE;
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules/ffmpeg-static/package.json'), 'utf8')) as Record<
      string,
      { 'binary-release-tag'?: string } | undefined
    >;
    return pkg['ffmpeg-static']?.['binary-release-tag'] ?? FFMPEG_STATIC_RELEASE;
  } catch {
    return FFMPEG_STATIC_RELEASE;
  }
}

async function defaultFetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(10 * 60_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

function copyFromFolder(from: string, dir: string, target: Target): void {
  for (const name of ffmpegBinaryNames(target)) {
    const source = path.join(from, name);
    if (!existsSync(source)) throw new Error(`${from} 中没有 ${name}（${name} missing in ${from}）`);
    // copyFileSync follows symlinks, so /usr/bin-style links become real files.
    copyFileSync(source, path.join(dir, name));
    chmodSync(path.join(dir, name), 0o755);
  }
  // A Windows build that comes with its DLLs needs them beside it; licence texts travel too.
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const wanted =
      (target.platform === 'win32' && entry.name.toLowerCase().endsWith('.dll')) || /^(LICEN[CS]E|COPYING)/i.test(entry.name);
    if (wanted && entry.isFile()) copyFileSync(path.join(from, entry.name), path.join(dir, entry.name));
  }
}

async function download(options: PrepareFfmpegOptions, dir: string): Promise<string> {
  const env = options.env ?? process.env;
  const { platform, arch } = options.target;
  const base = `${(env.FFMPEG_BINARIES_URL || DEFAULT_DOWNLOADS_URL).replace(/\/+$/, '')}/${releaseTag(options.root, env)}`;
  const fetchBytes = options.fetchBytes ?? defaultFetchBytes;
  for (const name of ffmpegBinaryNames(options.target)) {
    const tool = name.replace(/\.exe$/, '');
    const url = `${base}/${tool}-${platform}-${arch}.gz`;
    options.log?.(`下载 ${url}`);
    writeFileSync(path.join(dir, name), gunzipSync(await fetchBytes(url)), { mode: 0o755 });
  }
  // ffmpeg-static's builds are GPL: the licence travels with them (ffmpeg-static itself only warns when it is absent).
  try {
    writeFileSync(path.join(dir, 'LICENSE.txt'), await fetchBytes(`${base}/${platform}-${arch}.LICENSE`));
  } catch (error) {
    options.log?.(`警告：未能下载 ffmpeg 的许可证文本（${String(error)}），安装包中需附上它（GPL）。`);
  }
  return base;
}

/** Fills and checks the target's ffmpeg folder; throws with what to do when it cannot. */
export async function prepareFfmpeg(options: PrepareFfmpegOptions): Promise<PreparedFfmpeg> {
  const env = options.env ?? process.env;
  const { target } = options;
  const dir = ffmpegDirOf(options.buildDir, target);
  const envName = ffmpegEnvName(target);
  const fail = (why: string, problems: string[]): never => {
    throw new Error(
      [
        `${targetName(target)} 的安装包无法带上 ffmpeg：${why}`,
        ...problems.map((p) => `  - ${p}`),
        `请把该平台的静态 ffmpeg 与 ffprobe 放进一个文件夹并设置 ${envName}=<文件夹>，或让构建机能访问 ffmpeg-static 的下载地址（镜像：FFMPEG_BINARIES_URL）。见 docs/build.md。`,
        `Cannot put ffmpeg into the ${targetName(target)} installer (${why}). Put static ffmpeg and ffprobe builds for that target in a folder and set ${envName}, or let the build reach ffmpeg-static's downloads (mirror: FFMPEG_BINARIES_URL). See docs/build.md.`,
      ].join('\n'),
    );
  };

  const fromEnv = env[envName];
  if (fromEnv) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      copyFromFolder(fromEnv, dir, target);
    } catch (error) {
      return fail(`${envName}=${fromEnv} 不可用`, [String(error instanceof Error ? error.message : error)]);
    }
    const problems = ffmpegProblems(dir, target, env);
    if (problems.length > 0) return fail(`${envName}=${fromEnv} 中的文件不合用`, problems);
    return { dir, source: 'env-folder', from: fromEnv };
  }

  if (existsSync(dir) && ffmpegProblems(dir, target, env).length === 0) return { dir, source: 'prepared', from: dir };

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let from: string;
  try {
    from = await download(options, dir);
  } catch (error) {
    return fail('下载失败', [String(error instanceof Error ? error.message : error)]);
  }
  const problems = ffmpegProblems(dir, target, env);
  if (problems.length > 0) return fail(`下载的文件不合用（${from}）`, problems);
  return { dir, source: 'download', from };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    console.error('用法 usage: tsx scripts/build/fetch-ffmpeg.ts <platform-arch>… (linux-x64 linux-arm64 win32-x64)');
    process.exit(2);
  }
  const buildDir = buildDirOf();
  for (const name of names) {
    const [platform = '', arch = ''] = name.split('-');
    try {
      const prepared = await prepareFfmpeg({ root: ROOT, buildDir, target: { platform, arch }, log: (m) => console.log(m) });
      console.log(`${name}: ${prepared.dir}（来源 ${prepared.source}: ${prepared.from}）`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  }
}
