// The README's two commands set a fresh machine up themselves (npm's pretest and predemo run
// scripts/setup.mjs): npm packages when node_modules differs from the lock, the Debian
// packages each command needs. Here: what counts as "differs", which packages each command
// asks apt for, and that a machine with everything present is left alone, quietly.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';

interface Lock {
  packages: Record<string, { version?: string; optional?: boolean; devOptional?: boolean }>;
}
interface SetupModule {
  lockfileDrift(lock: Lock, installed: Lock | null): string[];
  aptPackagesFor(job: 'test' | 'demo', osId: string): Array<{ what: string; pkg: string }>;
}

const SCRIPT = fileURLToPath(new URL('../../../scripts/setup.mjs', import.meta.url));
const load = async () => (await import(pathToFileURL(SCRIPT).href)) as SetupModule;

const lock: Lock = {
  packages: {
    '': { version: '0.1.0' },
    'node_modules/zod': { version: '4.6.7' },
    'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', optional: true },
    'node_modules/fsevents': { version: '2.3.3', devOptional: true },
  },
};

describe('scripts/setup.mjs', () => {
  test('node_modules matches the lock when every package it needs is there at the locked version', async () => {
    const { lockfileDrift } = await load();
    // Other platforms' optional packages are never installed: not a difference.
    expect(lockfileDrift(lock, { packages: { 'node_modules/zod': { version: '4.6.7' } } })).toEqual([]);
    expect(lockfileDrift(lock, null)).toEqual(['node_modules/.package-lock.json is missing']);
    expect(lockfileDrift(lock, { packages: {} })).toEqual(['node_modules/zod is not installed']);
    expect(lockfileDrift(lock, { packages: { 'node_modules/zod': { version: '3.0.0' } } })).toEqual([
      'node_modules/zod is 3.0.0, the lock says 4.6.7',
    ]);
    expect(
      lockfileDrift(lock, {
        packages: { 'node_modules/zod': { version: '4.6.7' }, 'node_modules/left-pad': { version: '1.0.0' } },
      }),
    ).toEqual(['node_modules/left-pad is not in package-lock.json']);
  });

  test('the demo needs Chromium, ffmpeg and CJK fonts; the tests poppler-utils as well; Ubuntu names Chromium differently', async () => {
    const { aptPackagesFor } = await load();
    expect(aptPackagesFor('demo', 'debian').map((p) => p.pkg)).toEqual(['chromium', 'ffmpeg', 'fonts-noto-cjk']);
    expect(aptPackagesFor('test', 'debian').map((p) => p.pkg)).toEqual(['chromium', 'ffmpeg', 'fonts-noto-cjk', 'poppler-utils']);
    expect(aptPackagesFor('test', 'ubuntu')[0]?.pkg).toBe('chromium-browser');
  });

  test('with everything present it installs nothing and says nothing; an unknown job is refused', () => {
    const run = (job: string) => spawnSync(process.execPath, [SCRIPT, job], { encoding: 'utf8', timeout: 60_000 });
    const demo = run('demo');
    expect(demo.status).toBe(0);
    expect(demo.stdout).not.toMatch(/installing/);
    const bogus = run('bogus');
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/usage/);
  });
});
