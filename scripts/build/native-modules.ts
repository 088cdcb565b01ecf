// Native addons for an installer target, built in a copy and never in the development
// node_modules (which the tests, the demo and the store keep using under Node's ABI).
// better-sqlite3 is compiled against V8 (not Node-API), so each Electron version and target
// needs its own build: @electron/rebuild fetches better-sqlite3's prebuilt binary for
// Electron and the target (or compiles it when the target is the build machine) in
// build/native-src/<target>/, and the result goes to build/native/<target>/, from where
// electron-builder.yml's `files` puts it in place of the development one.
// argon2 and serialport ship Node-API prebuilds for every target (ABI-stable): the package
// keeps only the target's folder of those (electron-builder.yml), nothing is rebuilt.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { headerProblem, moduleAbiOf, readBinaryHeader, targetName, type Target } from './binary-arch';

/** Addons built against V8's ABI, rebuilt per Electron version and target. */
export const ELECTRON_ABI_MODULES = ['better-sqlite3'] as const;
const ADDON = 'build/Release/better_sqlite3.node';
const SOURCES = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];

export type NativeMode = 'electron' | 'node-prebuilt';

export interface PrepareNativeOptions {
  readonly root: string;
  readonly buildDir: string;
  readonly target: Target;
  readonly electronVersion: string;
  /**
   * The packaging test's mode: copies the development build (Node's ABI, the build machine's CPU)
   * instead, because rebuilding needs Electron's headers or prebuilt binaries from the internet.
   * An installer built this way cannot open its database.
   */
  readonly skipRebuild?: boolean;
  readonly log?: (message: string) => void;
}

export interface PreparedNative {
  readonly dir: string;
  readonly mode: NativeMode;
  readonly reused: boolean;
}

interface Stamp {
  readonly mode: NativeMode;
  readonly electronVersion: string;
  readonly moduleVersion: string;
}

/** Electron's NODE_MODULE_VERSION, from the node-abi table @electron/rebuild itself builds with. */
export function electronAbi(electronVersion: string): string {
  const besideRebuild = createRequire(createRequire(import.meta.url).resolve('@electron/rebuild'));
  const { getAbi } = besideRebuild('node-abi') as { getAbi(target: string, runtime: 'electron' | 'node'): string };
  return getAbi(electronVersion, 'electron');
}

/** The ABI the packaged V8 addons must have: Electron's, or Node's in the packaging test's mode. */
export const expectedAbiOf = (electronVersion: string, skipRebuild: boolean): string =>
  skipRebuild ? process.versions.modules : electronAbi(electronVersion);

/** Why an addon is not fit for the target and the ABI, or null. */
export function addonProblem(file: string, target: Target, abi: string): string | null {
  const bytes = readFileSync(file);
  const problem = headerProblem(readBinaryHeader(bytes), target);
  if (problem)
    return `${problem}：目标与构建机架构不同时无法编译，只能下载预编译文件（cannot cross-compile: reach better-sqlite3's prebuilt binary, or build on a ${target.arch} machine）`;
  const built = moduleAbiOf(bytes);
  if (built !== abi) {
    return `为 ABI ${built ?? '?'} 编译，应为 ${abi}：node-gyp 用错了头文件，检查 \`npm config get nodedir\`（compiled against the wrong headers: unset npm's nodedir so node-gyp fetches Electron's）`;
  }
  return null;
}

export const nativeDirOf = (buildDir: string, target: Target): string => path.join(buildDir, 'native', targetName(target));

const moduleDir = (root: string): string => path.join(root, 'node_modules', 'better-sqlite3');
const moduleVersion = (root: string): string =>
  (JSON.parse(readFileSync(path.join(moduleDir(root), 'package.json'), 'utf8')) as { version: string }).version;

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

export async function prepareNativeModules(options: PrepareNativeOptions): Promise<PreparedNative> {
  const { root, target, electronVersion } = options;
  const dir = nativeDirOf(options.buildDir, target);
  const stampFile = path.join(dir, 'stamp.json');
  const output = path.join(dir, 'better-sqlite3', ADDON);
  const stamp: Stamp = {
    mode: options.skipRebuild ? 'node-prebuilt' : 'electron',
    electronVersion,
    moduleVersion: moduleVersion(root),
  };
  const abi = expectedAbiOf(electronVersion, options.skipRebuild === true);
  const previous = readStamp(stampFile);
  if (
    previous &&
    existsSync(output) &&
    JSON.stringify(previous) === JSON.stringify(stamp) &&
    addonProblem(output, target, abi) === null
  ) {
    return { dir, mode: stamp.mode, reused: true };
  }

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(output), { recursive: true });
  if (options.skipRebuild) {
    options.log?.(
      `警告：未为 Electron 重新编译 better-sqlite3（PACK_SKIP_NATIVE_REBUILD），此安装包只供打包测试检查，不能运行。`,
    );
    copyFileSync(path.join(moduleDir(root), ADDON), output);
  } else {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 12))
      options.log?.(
        `警告：electron-builder 的 @electron/rebuild 需要 Node 22.12 或更新版本，当前为 ${process.versions.node}（docs/build.md）。`,
      );
    await rebuildForElectron(options, output);
  }
  const problem = addonProblem(output, target, abi);
  if (problem) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`better-sqlite3（${targetName(target)}, Electron ${electronVersion}）不合用：${problem}`);
  }
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  return { dir, mode: stamp.mode, reused: false };
}

async function rebuildForElectron(options: PrepareNativeOptions, output: string): Promise<void> {
  const { root, target, electronVersion } = options;
  // Inside the repository, so that @electron/rebuild finds prebuild-install in node_modules above it.
  const scratch = path.join(options.buildDir, 'native-src', targetName(target));
  const copy = path.join(scratch, 'node_modules', 'better-sqlite3');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const part of SOURCES) {
    const from = path.join(moduleDir(root), part);
    if (existsSync(from)) cpSync(from, path.join(copy, part), { recursive: true });
  }
  writeFileSync(
    path.join(scratch, 'package.json'),
    JSON.stringify({ name: 'native-scratch', private: true, dependencies: { 'better-sqlite3': moduleVersion(root) } }),
  );
  options.log?.(`为 Electron ${electronVersion}（${targetName(target)}）准备 better-sqlite3…`);
  // electron-builder's own @electron/rebuild (it warns when the project lists it again).
  const { rebuild } = await import('@electron/rebuild');
  try {
    await rebuild({
      buildPath: scratch,
      // The walk stops here: the development node_modules above is never touched.
      projectRootPath: scratch,
      electronVersion,
      platform: target.platform as NodeJS.Platform,
      arch: target.arch,
      onlyModules: [...ELECTRON_ABI_MODULES],
      force: true,
      mode: 'sequential',
    });
  } catch (error) {
    throw new Error(
      `无法为 Electron ${electronVersion}（${targetName(target)}）准备 better-sqlite3：需要能下载它的预编译文件或 Electron 头文件；` +
        `目标与构建机架构不同时只能下载预编译文件（无法交叉编译）。见 docs/build.md。\n` +
        `Could not build better-sqlite3 for Electron ${electronVersion} (${targetName(target)}): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const built = path.join(copy, ADDON);
  if (!existsSync(built)) throw new Error(`@electron/rebuild 未生成 ${ADDON}（${targetName(target)}）`);
  copyFileSync(built, output);
}
