// Finds ffmpeg and ffprobe as design.md ("Recorder") says: configured path → next to the
// installed app (<resources>/ffmpeg/, where the installer puts its own build) → FFMPEG_PATH /
// FFPROBE_PATH → the ffmpeg-static / ffprobe-static packages when their binary is present →
// the PATH. Every step is injectable so the order is testable without touching the machine.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join, sep } from 'node:path';
import { FfmpegNotFoundError } from '../errors';

export type Tool = 'ffmpeg' | 'ffprobe';
export type FfmpegSource = 'configured' | 'bundled' | 'env' | 'static-package' | 'path';

export interface FfmpegPaths {
  readonly ffmpeg: string;
  readonly ffprobe: string;
  readonly sources: { readonly ffmpeg: FfmpegSource; readonly ffprobe: FfmpegSource };
}

export interface LocateOptions {
  /** From the terminal's configuration; ffprobe defaults to ffmpeg's sibling. */
  readonly configured?: { readonly ffmpeg?: string; readonly ffprobe?: string };
  /** The packaged app's resources folder (Electron's process.resourcesPath); absent in development. */
  readonly resourcesPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Path exported by ffmpeg-static / ffprobe-static, or null when not installed. */
  readonly loadStaticPackage?: (tool: Tool) => Promise<string | null>;
  readonly isExecutable?: (path: string) => boolean;
}

const ENV_NAME: Record<Tool, string> = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' };
const PACKAGE_NAME: Record<Tool, string> = { ffmpeg: 'ffmpeg-static', ffprobe: 'ffprobe-static' };

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Inside a packaged app the binary is unpacked next to the asar, never inside it. */
const outsideAsar = (path: string): string => path.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);

/**
 * The packages are optional and not dependencies of this repository, so they are loaded
 * with a non-literal dynamic import: absence is a normal outcome, not a build error.
 */
export async function loadStaticPackage(tool: Tool): Promise<string | null> {
  const name = PACKAGE_NAME[tool];
  try {
    const loaded: unknown = await import(/* @vite-ignore */ name);
    const value = (loaded as { default?: unknown }).default ?? loaded;
    // ffmpeg-static exports the path itself; ffprobe-static exports { path }.
    const path = typeof value === 'string' ? value : (value as { path?: unknown } | null)?.path;
    return typeof path === 'string' ? outsideAsar(path) : null;
  } catch {
    return null;
  }
}

function searchPath(
  tool: Tool,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  isExecutable: (p: string) => boolean,
): string | null {
  const names = platform === 'win32' ? [`${tool}.exe`, tool] : [tool];
  for (const folder of (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter)) {
    if (!folder) continue;
    for (const name of names) {
      const candidate = join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

async function locateOne(tool: Tool, options: LocateOptions): Promise<{ path: string; source: FfmpegSource }> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isExecutable = options.isExecutable ?? isExecutableFile;
  const tried: string[] = [];
  const attempt = (path: string | undefined | null, label: string): string | null => {
    if (!path) return null;
    if (isExecutable(path)) return path;
    tried.push(`${label} ${path}（不存在或不可执行）`);
    return null;
  };

  const configuredFfmpeg = options.configured?.ffmpeg;
  const configured =
    options.configured?.[tool] ??
    (tool === 'ffprobe' && configuredFfmpeg
      ? join(dirname(configuredFfmpeg), platform === 'win32' ? 'ffprobe.exe' : 'ffprobe')
      : undefined);
  const fromConfig = attempt(configured, '配置的路径');
  if (fromConfig) return { path: fromConfig, source: 'configured' };

  const bundled = options.resourcesPath
    ? join(options.resourcesPath, 'ffmpeg', platform === 'win32' ? `${tool}.exe` : tool)
    : undefined;
  const fromBundle = attempt(bundled, '安装包附带的');
  if (fromBundle) return { path: fromBundle, source: 'bundled' };

  const fromEnv = attempt(env[ENV_NAME[tool]], `环境变量 ${ENV_NAME[tool]}`);
  if (fromEnv) return { path: fromEnv, source: 'env' };

  const staticPath = await (options.loadStaticPackage ?? loadStaticPackage)(tool);
  if (staticPath === null) tried.push(`${PACKAGE_NAME[tool]}（未安装）`);
  const fromStatic = attempt(staticPath, PACKAGE_NAME[tool]);
  if (fromStatic) return { path: fromStatic, source: 'static-package' };

  const fromPath = searchPath(tool, env, platform, isExecutable);
  if (fromPath) return { path: fromPath, source: 'path' };
  tried.push('系统 PATH（未找到）');
  throw new FfmpegNotFoundError(tool, tried);
}

export async function locateFfmpeg(options: LocateOptions = {}): Promise<FfmpegPaths> {
  const ffmpeg = await locateOne('ffmpeg', options);
  const ffprobe = await locateOne('ffprobe', options);
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, sources: { ffmpeg: ffmpeg.source, ffprobe: ffprobe.source } };
}
