// Issue #22 item 3: an upload's URL is written without waiting for the disk (synchronous =
// NORMAL for that one commit); every other commit of the terminal stays FULL, and the write
// survives closing and reopening the store (a killed process keeps it in WAL mode).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../../src-main/store';
import { writeResumeHint } from '../../../src-main/store/resume-hint';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-hint-');
const FULL = 2;

describe('writeResumeHint', () => {
  test('writes the row, then the connection is back at synchronous = FULL; the row is there after a reopen', () => {
    const path = join(tempDir(), 'terminal.db');
    const store = openStore({ path });
    store.db.exec('CREATE TABLE hint (k TEXT PRIMARY KEY, v TEXT)');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(FULL);
    let levelInside = -1;
    writeResumeHint(store.db, () => {
      levelInside = store.db.pragma('synchronous', { simple: true }) as number;
      store.db.prepare('INSERT INTO hint VALUES (?, ?)').run('url', '/api/uploads/abc');
    });
    expect(levelInside).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(FULL);
    store.close();
    const again = openStore({ path });
    expect(again.db.prepare('SELECT v FROM hint').get()).toEqual({ v: '/api/uploads/abc' });
    again.close();
  });

  test('inside a transaction (where the level cannot change) it writes as part of that commit; a throw still restores FULL', () => {
    const store = openStore({ path: join(tempDir(), 'terminal.db') });
    store.db.exec('CREATE TABLE hint (k TEXT PRIMARY KEY, v TEXT)');
    store.db.transaction(() => writeResumeHint(store.db, () => store.db.prepare("INSERT INTO hint VALUES ('a', 'b')").run()))();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM hint').get()).toEqual({ n: 1 });
    expect(() =>
      writeResumeHint(store.db, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(FULL);
    store.close();
  });
});
