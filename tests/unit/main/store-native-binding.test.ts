// npm start loads better-sqlite3's addon compiled for Electron through the nativeBinding
// option; the store must honour it (and fail clearly when the file is not there).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { openStore, StoreOpenError } from '../../../src-main/store';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-binding-');
const nodeAddon = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build/Release/better_sqlite3.node',
);

test('the store opens with an explicit native binding', () => {
  const store = openStore({ path: join(tempDir(), 'terminal.db'), nativeBinding: nodeAddon });
  expect(store.health.integrity).toBe('ok');
  store.close();
});

test('a missing native binding is a StoreOpenError, not a crash', () => {
  expect(() => openStore({ path: join(tempDir(), 'terminal.db'), nativeBinding: join(tempDir(), 'absent.node') })).toThrow(
    StoreOpenError,
  );
});

test('a healthy database is never moved aside because the addon failed to load', () => {
  const path = join(tempDir(), 'terminal.db');
  openStore({ path }).close();
  expect(() => openStore({ path, nativeBinding: join(tempDir(), 'absent.node') })).toThrow(StoreOpenError);
  const reopened = openStore({ path });
  expect(reopened.health).toMatchObject({ integrity: 'ok', movedAsideTo: null });
  reopened.close();
});
