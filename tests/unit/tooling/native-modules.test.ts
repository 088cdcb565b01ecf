// better-sqlite3 for an installer target: the development build is copied only in the packaging
// test's mode, and an addon for the wrong CPU or compiled against the wrong headers (a V8 ABI
// other than Electron's) is refused, with what to do.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { moduleAbiOf } from '../../../scripts/build/binary-arch';
import { addonProblem, electronAbi, expectedAbiOf, prepareNativeModules } from '../../../scripts/build/native-modules';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE_BUILD = path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const tmp = mkdtempSync(path.join(tmpdir(), 'native-modules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const HOST = { platform: process.platform, arch: process.arch };
const OTHER_ARCH = { platform: 'linux', arch: process.arch === 'arm64' ? 'x64' : 'arm64' };

describe.skipIf(process.platform !== 'linux')('native addons for a target', () => {
  test("Electron 41's ABI, and Node's in the packaging test's mode", () => {
    expect(electronAbi('41.7.1')).toBe('145');
    expect(expectedAbiOf('41.7.1', false)).toBe('145');
    expect(expectedAbiOf('41.7.1', true)).toBe(process.versions.modules);
  });

  test('the development build: registered under Node ABI, refused for Electron or another CPU', () => {
    expect(moduleAbiOf(readFileSync(NODE_BUILD))).toBe(process.versions.modules);
    expect(addonProblem(NODE_BUILD, HOST, process.versions.modules)).toBeNull();
    expect(addonProblem(NODE_BUILD, HOST, '145')).toMatch(/应为 145[\s\S]*nodedir/);
    expect(addonProblem(NODE_BUILD, OTHER_ARCH, process.versions.modules)).toMatch(/架构不符[\s\S]*cannot cross-compile/);
  });

  test('skipping the rebuild copies the development build, stamps it and reuses it; the development copy is untouched', async () => {
    const before = readFileSync(NODE_BUILD);
    const options = { root: ROOT, buildDir: tmp, target: HOST, electronVersion: '41.7.1', skipRebuild: true };
    const first = await prepareNativeModules(options);
    expect(first).toMatchObject({ mode: 'node-prebuilt', reused: false });
    expect(existsSync(path.join(first.dir, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(first.dir, 'stamp.json'), 'utf8'))).toMatchObject({
      mode: 'node-prebuilt',
      electronVersion: '41.7.1',
    });
    expect(await prepareNativeModules(options)).toMatchObject({ reused: true });
    expect(readFileSync(NODE_BUILD).equals(before)).toBe(true);
  });
});
