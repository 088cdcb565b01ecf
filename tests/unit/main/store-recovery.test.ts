// Integrity check at start: a damaged or foreign file is moved aside with
// its companions and reported, and a fresh store is created — never silently reused.
import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  closeSync,
  writeSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { latestVersion, openStore, StoreOpenError } from '../../../src-main/store';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-recovery-');
const AT = new Date('2025-05-04T08:30:00.000Z');
const now = () => AT;
const EXPECTED_ASIDE = 'terminal.db.corrupt-2025-05-04T08-30-00-000Z';

/** A real store with enough rows to span many pages, closed cleanly. */
function realDatabase(dir: string): string {
  const path = join(dir, 'terminal.db');
  const store = openStore({ path });
  const insert = store.db.prepare(
    "INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at) VALUES (?, '2025-05-04', '09:00', 30, ?, 1, 'scheduled', '{}', 't')",
  );
  store.db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`V${i}`, `姓名${i}`.repeat(5));
  })();
  store.close();
  return path;
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function expectFreshAndReported(dir: string, path: string, original: Buffer): void {
  const store = openStore({ path, now });
  try {
    expect(store.health).toMatchObject({
      integrity: 'recovered',
      movedAsideTo: join(dir, EXPECTED_ASIDE),
      schemaVersion: latestVersion(),
    });
    expect(store.health.problem).toBeTruthy();
    expect(readFileSync(join(dir, EXPECTED_ASIDE)).equals(original)).toBe(true);
    // Fresh, empty and usable.
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM visits').get()).toEqual({ n: 0 });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    store.close();
  }
  // The next start finds a healthy store: the report was about that one start.
  const next = openStore({ path, now });
  expect(next.health.integrity).toBe('ok');
  next.close();
}

describe('local store: damaged files', () => {
  test('a file that is not SQLite at all (random bytes) is moved aside, reported, and a fresh store created', () => {
    const dir = tempDir();
    const path = join(dir, 'terminal.db');
    const junk = randomBytes(8192);
    writeFileSync(path, junk);
    expectFreshAndReported(dir, path, junk);
  });

  test('a text file in place of the database is moved aside too', () => {
    const dir = tempDir();
    const path = join(dir, 'terminal.db');
    writeFileSync(path, '这不是数据库\n');
    expectFreshAndReported(dir, path, readFileSync(path));
  });

  test('a real database with pages overwritten by random bytes is moved aside', () => {
    const dir = tempDir();
    const path = realDatabase(dir);
    const pageSize = 4096;
    // Keep page 1 (the header and schema) so SQLite opens it; damage the table's pages.
    overwrite(path, pageSize * 3, randomBytes(pageSize * 4));
    expectFreshAndReported(dir, path, readFileSync(path));
  });

  test('a real database truncated mid-file is moved aside', () => {
    const dir = tempDir();
    const path = realDatabase(dir);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    expectFreshAndReported(dir, path, readFileSync(path));
  });

  test('a damaged database is moved aside together with its -wal and -shm files', () => {
    const dir = tempDir();
    const source = realDatabase(tempDir());
    const path = join(dir, 'terminal.db');
    // Leave a live WAL behind, as a crash does: copy the files while a writer is open.
    const live = openStore({ path: source });
    live.db.prepare("INSERT INTO kv (key, value, updated_at) VALUES ('k', 'v', 't')").run();
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(source + suffix, path + suffix);
    live.close();
    overwrite(path, 4096 * 5, randomBytes(4096 * 6));
    const wal = readFileSync(`${path}-wal`);

    const store = openStore({ path, now });
    try {
      expect(store.health.integrity).toBe('recovered');
      const aside = join(dir, EXPECTED_ASIDE);
      expect(existsSync(aside)).toBe(true);
      expect(readFileSync(`${aside}-wal`).equals(wal)).toBe(true);
      expect(existsSync(`${aside}-shm`)).toBe(true);
    } finally {
      store.close();
    }
  });

  test('a second damaged file the same millisecond does not overwrite the first one moved aside', () => {
    const dir = tempDir();
    const path = join(dir, 'terminal.db');
    writeFileSync(path, 'first');
    openStore({ path, now }).close();
    writeFileSync(path, 'second');
    const store = openStore({ path, now });
    store.close();
    expect(store.health.movedAsideTo).toBe(join(dir, `${EXPECTED_ASIDE}-2`));
    expect(readFileSync(join(dir, EXPECTED_ASIDE), 'utf8')).toBe('first');
    expect(readFileSync(join(dir, `${EXPECTED_ASIDE}-2`), 'utf8')).toBe('second');
  });

  test('an empty file is an empty SQLite database, not damage', () => {
    const path = join(tempDir(), 'terminal.db');
    writeFileSync(path, '');
    const store = openStore({ path, now });
    expect(store.health).toMatchObject({ integrity: 'ok', movedAsideTo: null });
    store.close();
  });

  test('a path that cannot be read (a folder) is an error, not damage: nothing is moved', () => {
    const dir = tempDir();
    const path = join(dir, 'terminal.db');
    mkdirSync(path);
    expect(() => openStore({ path, now })).toThrow(StoreOpenError);
    expect(readdirSync(dir)).toEqual(['terminal.db']);
  });

  test('the healthy case reads back what it wrote, with no moved-aside file', () => {
    const dir = tempDir();
    const path = realDatabase(dir);
    const store = openStore({ path, now });
    expect(store.health).toMatchObject({ integrity: 'ok', movedAsideTo: null, problem: null });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM visits').get()).toEqual({ n: 3000 });
    store.close();
    expect(readdirSync(dir).some((f) => f.includes('.corrupt-'))).toBe(false);
    // Sanity: the file is a plain SQLite file another tool can open.
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(latestVersion());
    raw.close();
  });
});
