// The terminal packaged for linux-x64 as electron-builder really does it (electron-builder.yml,
// its beforePack/afterPack hooks), `--dir` against a stand-in Electron so nothing is downloaded,
// then the output read back: what app.asar holds and must not hold, the architecture of every
// native binary, the bundled ffmpeg doing the recorder's mux, the fuses, the payload size.
// Differences from a real build, on purpose: ffmpeg comes from Debian's /usr/bin through the
// FFMPEG_DIR_LINUX_X64 path (dynamically linked, hence FFMPEG_ALLOW_DYNAMIC=1), and
// better-sqlite3 is not rebuilt for Electron (PACK_SKIP_NATIVE_REBUILD=1: that needs Electron's
// headers or prebuilt binaries from the internet); its Node build still has the right
// architecture, which is what is checked here.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkPackagedApp, describeReport, type ArchReport } from '../../../scripts/build/check-arch';
import { makeStandInElectron } from './stand-in-electron';
import { archiveArgs } from '../../../src-main/recording/seal/archive';
import { segmentArgs } from '../../../src-main/recording/segments/segment-run';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const load = createRequire(import.meta.url);
const yaml = load('js-yaml') as { load(text: string): unknown };
const MiB = 1024 * 1024;
/** The terminal's own payload (app.asar and its unpacked addons, Electron and ffmpeg excluded). */
const PAYLOAD_LIMIT = 60 * MiB;
const TARGET = { platform: 'linux', arch: 'x64' };
const canRun =
  process.platform === 'linux' && process.arch === 'x64' && existsSync('/usr/bin/ffmpeg') && existsSync('/usr/bin/ffprobe');

interface Config extends Record<string, unknown> {
  files: Array<string | { from: string; to: string }>;
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  directories: Record<string, string>;
}

const readJson = (file: string): { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };

const sizeOf = (target: string): number =>
  statSync(target).isDirectory()
    ? readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0)
    : statSync(target).size;

/** Top-level package names under node_modules in a list of asar paths. */
function packagesIn(entries: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    const match = /^[\\/]?node_modules[\\/](@[^\\/]+[\\/][^\\/]+|[^\\/@][^\\/]*)/.exec(entry);
    if (match?.[1]) names.add(match[1].replace('\\', '/'));
  }
  return names;
}

describe.skipIf(!canRun)('the linux-x64 package (electron-builder --dir, stand-in Electron)', () => {
  let tmp: string;
  let appDir: string;
  let config: Config;
  let log = '';
  let report: ArchReport;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kiosk-package-'));
    if (
      !existsSync(path.join(ROOT, 'dist/main/main.cjs')) ||
      !existsSync(path.join(ROOT, 'dist/main/preload.cjs')) ||
      !existsSync(path.join(ROOT, 'dist/renderer/index.html'))
    ) {
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    }
    const electronVersion = (load('electron/package.json') as { version: string }).version;
    const buildDir = path.join(tmp, 'build');
    // The real configuration, with the stand-in Electron, a temporary output and build folder.
    config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
    const inBuildDir = (from: string): string => from.replace(/^build\//, `${buildDir}/`);
    const testConfig = {
      ...config,
      electronDist: makeStandInElectron(path.join(tmp, 'electron'), electronVersion),
      directories: { ...config.directories, output: path.join(tmp, 'out') },
      files: config.files.map((f) => (typeof f === 'string' ? f : { ...f, from: inBuildDir(f.from) })),
      extraResources: config.extraResources.map((r) => ({ ...r, from: inBuildDir(r.from) })),
    };
    writeFileSync(path.join(tmp, 'electron-builder.json'), JSON.stringify(testConfig));

    const cli = path.join(ROOT, 'node_modules/electron-builder/cli.js');
    const env = {
      ...process.env,
      KIOSK_BUILD_DIR: buildDir,
      FFMPEG_DIR_LINUX_X64: '/usr/bin',
      FFMPEG_ALLOW_DYNAMIC: '1',
      PACK_SKIP_NATIVE_REBUILD: '1',
    };
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [cli, '--config', path.join(tmp, 'electron-builder.json'), '--dir', '--linux', '--x64'],
        { cwd: ROOT, env },
      );
      child.stdout.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr.on('data', (d: Buffer) => (log += d.toString()));
      child.on('error', reject);
      child.on('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`electron-builder exited ${code}:\n${log.slice(-4000)}`);
    appDir = path.join(tmp, 'out', 'linux-unpacked');
    // The ABI the hook expected too: Node's, since better-sqlite3 was copied, not rebuilt for Electron.
    report = checkPackagedApp(appDir, TARGET, { allowDynamicFfmpeg: true, expectedAbi: process.versions.modules });
  }, 170_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('the afterPack hook checked the architectures', () => {
    expect(log).toContain('架构检查 linux-x64');
    expect(log).toContain('全部符合');
  });

  test('app.asar holds the main bundle, the preload and the renderer', () => {
    const entries = listPackage(path.join(appDir, 'resources/app.asar'), { isPack: false }).map((e) => e.replace(/\\/g, '/'));
    expect(entries).toEqual(
      expect.arrayContaining(['/dist/main/main.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html', '/package.json']),
    );
    expect(entries.filter((e) => e.startsWith('/dist/') && e.endsWith('.map'))).toEqual([]);
  });

  test('no package of the store, the tests, the benches or the simulator is in the package', () => {
    const root = readJson('package.json');
    const store = readJson('src-server/package.json');
    const terminal = new Set(Object.keys(root.dependencies ?? {}));
    const forbidden = [...Object.keys(store.dependencies ?? {}), ...Object.keys(root.devDependencies ?? {})].filter(
      (name) => !terminal.has(name),
    );
    const unpacked = readdirSync(path.join(appDir, 'resources/app.asar.unpacked'), { recursive: true, encoding: 'utf8' });
    const shipped = packagesIn([
      ...listPackage(path.join(appDir, 'resources/app.asar'), { isPack: false }).map((e) => e.replace(/^[\\/]/, '')),
      ...unpacked,
    ]);
    expect(forbidden).toEqual(
      expect.arrayContaining(['fastify', 'pg', 'kysely', '@tus/server', '@roamhq/wrtc', 'playwright-core', 'vitest']),
    );
    expect(
      [...shipped].filter((name) => forbidden.includes(name) || /^(@fastify|@tus|@aws-sdk|@roamhq|@zxcvbn-ts)\//.test(name)),
    ).toEqual([]);
    expect([...shipped]).toEqual(expect.arrayContaining([...terminal]));
  });

  test('every native binary is x86-64 (and the V8 addon of the expected ABI): the addons, ffmpeg and ffprobe, the executable', () => {
    console.log(describeReport(report));
    expect(report.problems).toEqual([]);
    const files = report.checked.map((c) => c.file);
    expect(files).toEqual(
      expect.arrayContaining([
        'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        'resources/ffmpeg/ffmpeg',
        'resources/ffmpeg/ffprobe',
        'yunnan-visitation-terminal',
      ]),
    );
    // better-sqlite3 is a V8 addon: its ABI is checked too (here Node's; Electron 41's, 145, in a real build).
    expect(report.checked.find((c) => c.file.endsWith('better_sqlite3.node'))?.abi).toBe(process.versions.modules);
    expect(log).toContain(`abi ${process.versions.modules}`);
    // Only the target's prebuilds of the Node-API addons, and no build of the build machine's.
    expect(files.filter((f) => f.includes('/prebuilds/') && !f.includes('/prebuilds/linux-x64/'))).toEqual([]);
    expect(files.filter((f) => /node_modules\/(argon2|@serialport\/bindings-cpp)\/build\//.test(f))).toEqual([]);
  });

  test('the same folder checked as an arm64 package fails on every binary, and on an addon of the wrong ABI', () => {
    const asArm64 = checkPackagedApp(
      appDir,
      { platform: 'linux', arch: 'arm64' },
      { allowDynamicFfmpeg: true, expectedAbi: process.versions.modules },
    );
    expect(asArm64.problems.length).toBe(report.checked.length);
    expect(asArm64.problems.every((p) => p.includes('expected elf arm64'))).toBe(true);
    const forElectron = checkPackagedApp(appDir, TARGET, { allowDynamicFfmpeg: true, expectedAbi: '145' });
    expect(forElectron.problems).toEqual([expect.stringMatching(/better_sqlite3\.node: 为 ABI \d+ 编译，应为 145/)]);
    const staticOnly = checkPackagedApp(appDir, TARGET, { expectedAbi: process.versions.modules });
    expect(staticOnly.problems).toEqual([
      expect.stringMatching(/ffmpeg\/ffmpeg: 动态链接/),
      expect.stringMatching(/ffmpeg\/ffprobe: 动态链接/),
    ]);
  });

  test('the packaged node_modules is complete: its addons resolve and load from a copy of the app', () => {
    const copy = path.join(tmp, 'app-copy');
    extractAll(path.join(appDir, 'resources/app.asar'), copy);
    cpSync(path.join(appDir, 'resources/app.asar.unpacked'), copy, { recursive: true });
    // argon2 is a Node-API prebuild chosen at load time by node-gyp-build: the target's must be the one
    // chosen. Its 0.45 prebuild crashes Node 20 while loading (Electron 41 runs Node 24), so it is
    // only loaded on Node 22 or later.
    const loadArgon2 = Number(process.versions.node.split('.')[0]) >= 22;
    const script = [
      "const path = require('node:path');",
      "const Database = require('better-sqlite3');",
      "const db = new Database(':memory:'); if (db.prepare('select 1 as x').get().x !== 1) throw new Error('sqlite');",
      "require('serialport'); require('@serialport/stream');",
      "console.log(path.relative(process.cwd(), require('node-gyp-build').path(path.dirname(require.resolve('argon2/package.json')))));",
      loadArgon2 ? "require('argon2');" : '',
    ].join('\n');
    // From inside the copy, so that nothing resolves from the repository's node_modules.
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: copy,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('node_modules/argon2/prebuilds/linux-x64/argon2.glibc.node');
  });

  test("the bundled ffmpeg runs and does the recorder's segmenting and archive", () => {
    const ffmpeg = path.join(appDir, 'resources/ffmpeg/ffmpeg');
    const ffprobe = path.join(appDir, 'resources/ffmpeg/ffprobe');
    expect(execFileSync(ffmpeg, ['-version'], { encoding: 'utf8' })).toMatch(/^ffmpeg version/);
    const work = path.join(tmp, 'mux');
    mkdirSync(work, { recursive: true });
    // What the renderer's MediaRecorder sends: WebM with VP8 and Opus.
    execFileSync(ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x48:rate=10:duration=2',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=2',
      '-c:v',
      'libvpx',
      '-c:a',
      'libopus',
      '-f',
      'webm',
      path.join(work, 'input.webm'),
    ]);
    // The recorder's own arguments: segmentArgs, then archiveArgs with no chapters.
    execFileSync(ffmpeg, segmentArgs({ run: 1, startNumber: 0, segmentSeconds: 1 }), {
      cwd: work,
      input: readFileSync(path.join(work, 'input.webm')),
    });
    const segments = readdirSync(work)
      .filter((f) => /^seg_\d+\.mkv$/.test(f)) // SEGMENT_PATTERN's names
      .sort();
    expect(segments.length).toBeGreaterThan(0);
    writeFileSync(path.join(work, 'concat.txt'), segments.map((s) => `file '${s}'`).join('\n'));
    execFileSync(ffmpeg, archiveArgs(false, 'archive.webm'), { cwd: work });
    const seconds = Number(
      execFileSync(
        ffprobe,
        [
          '-v',
          'error',
          '-show_entries',
          'format=duration',
          '-of',
          'default=noprint_wrappers=1:nokey=1',
          path.join(work, 'archive.webm'),
        ],
        { encoding: 'utf8' },
      ).trim(),
    );
    expect(seconds).toBeGreaterThan(1.5);
  });

  test('the fuses are flipped as electron-builder.yml says', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'yunnan-visitation-terminal'));
    const names: Record<string, FuseV1Options> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
      loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
      grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
    };
    const ENABLED = 0x31;
    const DISABLED = 0x30;
    for (const [name, wanted] of Object.entries(config.electronFuses)) {
      const index = names[name];
      expect(index, name).toBeDefined();
      expect((wire as Record<number, number>)[index as number], name).toBe(wanted ? ENABLED : DISABLED);
    }
    expect(config.electronFuses.runAsNode).toBe(false);
  });

  test('payload: the terminal without Electron stays under 60 MiB', () => {
    const asarBytes = sizeOf(path.join(appDir, 'resources/app.asar'));
    const unpackedBytes = sizeOf(path.join(appDir, 'resources/app.asar.unpacked'));
    const ffmpegBytes = sizeOf(path.join(appDir, 'resources/ffmpeg'));
    const mib = (n: number): string => `${(n / MiB).toFixed(1)} MiB`;
    console.log(
      `packaging linux-x64: payload ${mib(asarBytes + unpackedBytes)} (app.asar ${mib(asarBytes)}, unpacked addons ${mib(unpackedBytes)}); ` +
        `ffmpeg+ffprobe ${mib(ffmpegBytes)} (Debian's, dynamically linked; a real build ships static ones, far larger); ` +
        `architectures checked: ${[...new Set(report.checked.map((c) => `${c.header.format}/${c.header.arch ?? '?'}`))].join(', ')} over ${report.checked.length} files`,
    );
    expect(asarBytes + unpackedBytes).toBeLessThan(PAYLOAD_LIMIT);
  });
});
