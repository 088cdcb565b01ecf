// `npm start` / `npm run dev` without Electron's binary: one explanatory paragraph
// (zh-CN, then English) and a non-zero exit. ELECTRON_OVERRIDE_DIST_PATH is the electron
// package's own override; pointing it at an empty folder makes the binary absent even
// on a machine where it was downloaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const empty = mkdtempSync(path.join(tmpdir(), 'no-electron-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const run = (script: string) =>
  spawnSync(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(empty, 'missing'), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });

describe.each(['scripts/start.mjs', 'scripts/dev.mjs'])('%s without the Electron binary', (script) => {
  let result: ReturnType<typeof run>;
  beforeAll(() => {
    result = run(script);
  });

  test('exits non-zero without starting anything', () => {
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stdout).toBe('');
  });

  test('explains in Chinese, then in English, how to get Electron and what to run instead', () => {
    const text = result.stderr;
    const zh = text.indexOf('无法启动会见终端');
    const en = text.indexOf('Cannot start the terminal');
    expect(zh).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(zh);
    expect(text).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(text).toContain('node node_modules/electron/install.js');
    for (const command of ['npm run demo', 'npm run test:e2e', 'npm run server']) expect(text).toContain(command);
    // The variable is still set in this environment: the message says to unset it first.
    expect(text).toContain('unset it first');
  });
});
