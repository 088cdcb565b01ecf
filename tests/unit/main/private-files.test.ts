// probe 15.10: the terminal's data (visitors' ID numbers, administrators' password hashes,
// recordings, logs) is owner-only on POSIX: folders 0700, files 0600; an older install's
// open modes are tightened at start and the start's audit entry says which.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTerminalConfig, withDataDir } from '../../../src-main/config';
import { createLog } from '../../../src-main/electron/log';
import { openStore } from '../../../src-main/store/open-store';
import { openTerminal, STORE_FILE_NAME } from '../../../src-main/terminal';
import { PRISON_CONFIG } from './helpers/open-test-terminal';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-modes-');
const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const posix = process.platform !== 'win32';

const startedPayloads = (path: string): Array<Record<string, unknown>> => {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db.prepare("SELECT payload FROM audit_log WHERE kind = 'terminal.started' ORDER BY seq").all() as Array<{ payload: string }>
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  } finally {
    db.close();
  }
};

describe.runIf(posix)('probe 15.10: owner-only terminal data', () => {
  test('a new terminal: data folder and recordings folder 0700; the database and its -wal and -shm 0600', async () => {
    const dataDir = join(tempDir(), 'data');
    const { recordingDir } = withDataDir(loadTerminalConfig(PRISON_CONFIG), dataDir);
    const terminal = await openTerminal({ configPath: PRISON_CONFIG, dataDir, sync: { autoStart: false } });
    try {
      const db = join(dataDir, STORE_FILE_NAME);
      expect(existsSync(`${db}-wal`) && existsSync(`${db}-shm`)).toBe(true);
      expect({
        dataDir: modeOf(dataDir),
        recordingDir: modeOf(recordingDir),
        db: modeOf(db),
        wal: modeOf(`${db}-wal`),
        shm: modeOf(`${db}-shm`),
      }).toEqual({ dataDir: '700', recordingDir: '700', db: '600', wal: '600', shm: '600' });
    } finally {
      terminal.close();
    }
  });

  test('openStore on its own creates the file and its -wal and -shm 0600, in a new folder 0700', () => {
    const folder = join(tempDir(), 'store');
    const store = openStore({ path: join(folder, 'terminal.db') });
    try {
      expect([folder, store.path, `${store.path}-wal`, `${store.path}-shm`].map(modeOf)).toEqual(['700', '600', '600', '600']);
      expect(store.health.tightened).toEqual([]);
    } finally {
      store.close();
    }
  });

  test('an existing 0644 database in 0755 folders is tightened at start, and terminal.started records it', async () => {
    const dataDir = join(tempDir(), 'data');
    const { recordingDir } = withDataDir(loadTerminalConfig(PRISON_CONFIG), dataDir);
    (await openTerminal({ configPath: PRISON_CONFIG, dataDir, sync: { autoStart: false } })).close();
    const db = join(dataDir, STORE_FILE_NAME);
    // As an older release left them.
    chmodSync(dataDir, 0o755);
    chmodSync(recordingDir, 0o755);
    chmodSync(db, 0o644);
    const terminal = await openTerminal({ configPath: PRISON_CONFIG, dataDir, sync: { autoStart: false } });
    try {
      expect([dataDir, recordingDir, db, `${db}-wal`, `${db}-shm`].map(modeOf)).toEqual(['700', '700', '600', '600', '600']);
    } finally {
      terminal.close();
    }
    const [first, second] = startedPayloads(db);
    expect(first).not.toHaveProperty('permissionsTightened');
    expect(second?.permissionsTightened).toEqual([dataDir, recordingDir, db]);
  });

  test("the shell's log folder is 0700 and its log 0600; an older 0644 log is tightened", () => {
    const logDir = join(tempDir(), 'logs');
    createLog(logDir)('第一行');
    expect([modeOf(logDir), modeOf(join(logDir, 'main.log'))]).toEqual(['700', '600']);
    chmodSync(join(logDir, 'main.log'), 0o644);
    createLog(logDir)('第二行');
    expect(modeOf(join(logDir, 'main.log'))).toBe('600');
  });
});
