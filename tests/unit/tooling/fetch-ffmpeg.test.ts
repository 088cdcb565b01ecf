// Where the installer's ffmpeg comes from and when the build refuses it: an environment folder,
// a folder filled before, ffmpeg-static's download (mirror and release variables); missing
// tools, another CPU and a dynamically linked build fail with the variable to set.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { ffmpegDirOf, ffmpegEnvName, FFMPEG_STATIC_RELEASE, prepareFfmpeg } from '../../../scripts/build/fetch-ffmpeg';

const tmp = mkdtempSync(path.join(tmpdir(), 'fetch-ffmpeg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string): string => {
  const dir = path.join(tmp, `${name}-${(n += 1)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A static (no PT_INTERP) ELF64 header for a CPU: enough for the header check. */
function staticElf(machine: number): Buffer {
  const bytes = Buffer.alloc(0x200);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  bytes.writeUInt16LE(machine, 0x12);
  return bytes;
}

/** A folder holding ffmpeg and ffprobe copied from a binary of this machine (dynamically linked). */
function folderWith(names: string[], source = '/bin/true'): string {
  const dir = fresh('source');
  for (const name of names) copyFileSync(source, path.join(dir, name));
  return dir;
}

const LINUX_X64 = { platform: 'linux', arch: 'x64' };
const LINUX_ARM64 = { platform: 'linux', arch: 'arm64' };
const root = fresh('root');

describe.skipIf(process.platform !== 'linux' || process.arch !== 'x64')('prepareFfmpeg', () => {
  test('the variable is named after the target', () => {
    expect(ffmpegEnvName(LINUX_ARM64)).toBe('FFMPEG_DIR_LINUX_ARM64');
    expect(ffmpegEnvName({ platform: 'win32', arch: 'x64' })).toBe('FFMPEG_DIR_WIN32_X64');
  });

  test('from FFMPEG_DIR_<PLATFORM>_<ARCH>: copied, checked; a dynamic build only when allowed', async () => {
    const source = folderWith(['ffmpeg', 'ffprobe']);
    const buildDir = fresh('build');
    await expect(prepareFfmpeg({ root, buildDir, target: LINUX_X64, env: { FFMPEG_DIR_LINUX_X64: source } })).rejects.toThrow(
      /动态链接[\s\S]*FFMPEG_DIR_LINUX_X64/,
    );
    const prepared = await prepareFfmpeg({
      root,
      buildDir,
      target: LINUX_X64,
      env: { FFMPEG_DIR_LINUX_X64: source, FFMPEG_ALLOW_DYNAMIC: '1' },
    });
    expect(prepared).toEqual({ dir: ffmpegDirOf(buildDir, LINUX_X64), source: 'env-folder', from: source });
    expect(existsSync(path.join(prepared.dir, 'ffprobe'))).toBe(true);
  });

  test('a tool missing from the folder, or built for another CPU, fails the build and says what to set', async () => {
    const buildDir = fresh('build');
    const onlyFfmpeg = folderWith(['ffmpeg']);
    await expect(
      prepareFfmpeg({ root, buildDir, target: LINUX_X64, env: { FFMPEG_DIR_LINUX_X64: onlyFfmpeg, FFMPEG_ALLOW_DYNAMIC: '1' } }),
    ).rejects.toThrow(/ffprobe[\s\S]*FFMPEG_DIR_LINUX_X64=/);
    const x64Tools = folderWith(['ffmpeg', 'ffprobe']);
    await expect(
      prepareFfmpeg({
        root,
        buildDir,
        target: LINUX_ARM64,
        env: { FFMPEG_DIR_LINUX_ARM64: x64Tools, FFMPEG_ALLOW_DYNAMIC: '1' },
      }),
    ).rejects.toThrow(/ffmpeg: 架构不符（elf x64; expected elf arm64）[\s\S]*FFMPEG_DIR_LINUX_ARM64/);
  });

  test("ffmpeg-static's download: its mirror and release variables, both tools, the licence; then reused", async () => {
    const buildDir = fresh('build');
    const requested: string[] = [];
    const fetchBytes = (url: string): Promise<Uint8Array> => {
      requested.push(url);
      return Promise.resolve(url.endsWith('.LICENSE') ? Buffer.from('GPL') : gzipSync(staticElf(0xb7)));
    };
    const env = { FFMPEG_BINARIES_URL: 'https://mirror.example/ffmpeg-static/', FFMPEG_BINARY_RELEASE: 'b9.9' };
    const prepared = await prepareFfmpeg({ root, buildDir, target: LINUX_ARM64, env, fetchBytes });
    expect(prepared.source).toBe('download');
    expect(requested).toEqual([
      'https://mirror.example/ffmpeg-static/b9.9/ffmpeg-linux-arm64.gz',
      'https://mirror.example/ffmpeg-static/b9.9/ffprobe-linux-arm64.gz',
      'https://mirror.example/ffmpeg-static/b9.9/linux-arm64.LICENSE',
    ]);
    expect(readFileSync(path.join(prepared.dir, 'LICENSE.txt'), 'utf8')).toBe('GPL');
    // A second build of the same target takes the folder as it is.
    const again = await prepareFfmpeg({ root, buildDir, target: LINUX_ARM64, env, fetchBytes });
    expect(again.source).toBe('prepared');
    expect(requested.length).toBe(3);
  });

  test("without the package or the variable: ffmpeg-static 5.3.0's release from GitHub; Windows tools end in .exe", async () => {
    const requested: string[] = [];
    const fetchBytes = (url: string): Promise<Uint8Array> => {
      requested.push(url);
      return Promise.reject(new Error('offline'));
    };
    const failure = prepareFfmpeg({
      root,
      buildDir: fresh('build'),
      target: { platform: 'win32', arch: 'x64' },
      env: {},
      fetchBytes,
    });
    await expect(failure).rejects.toThrow(/下载失败[\s\S]*offline[\s\S]*FFMPEG_DIR_WIN32_X64[\s\S]*FFMPEG_BINARIES_URL/);
    expect(requested).toEqual([
      `https://github.com/eugeneware/ffmpeg-static/releases/download/${FFMPEG_STATIC_RELEASE}/ffmpeg-win32-x64.gz`,
    ]);
  });

  test('a download for the wrong CPU is refused', async () => {
    const fetchBytes = (url: string): Promise<Uint8Array> =>
      Promise.resolve(url.endsWith('.LICENSE') ? Buffer.from('GPL') : gzipSync(staticElf(0x3e)));
    await expect(prepareFfmpeg({ root, buildDir: fresh('build'), target: LINUX_ARM64, env: {}, fetchBytes })).rejects.toThrow(
      /下载的文件不合用[\s\S]*架构不符/,
    );
  });

  test('an environment folder wins over a folder filled before', async () => {
    const buildDir = fresh('build');
    const dir = ffmpegDirOf(buildDir, LINUX_X64);
    mkdirSync(dir, { recursive: true });
    for (const name of ['ffmpeg', 'ffprobe']) writeFileSync(path.join(dir, name), staticElf(0x3e));
    expect((await prepareFfmpeg({ root, buildDir, target: LINUX_X64, env: {} })).source).toBe('prepared');
    const source = folderWith(['ffmpeg', 'ffprobe']);
    expect(
      (
        await prepareFfmpeg({
          root,
          buildDir,
          target: LINUX_X64,
          env: { FFMPEG_DIR_LINUX_X64: source, FFMPEG_ALLOW_DYNAMIC: '1' },
        })
      ).source,
    ).toBe('env-folder');
  });
});
