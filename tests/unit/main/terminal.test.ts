// openTerminal: configuration → store → services, the start/stop audit entries, the data
// folder override, and refusal or recovery of a bad store as the shell will see it.
import { latestVersion } from '../../../src-main/store/migrations';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../src-main/audit';
import { ConfigError, loadTerminalConfig, withDataDir } from '../../../src-main/config';
import { createDispatcher } from '../../../src-main/ipc/dispatch';
import { logTwoAdminsIn } from '../../../harness/terminal/log-admins-in';
import { StoreVersionError } from '../../../src-main/store';
import { openTerminal, STORE_FILE_NAME } from '../../../src-main/terminal';
import { BUREAU_CONFIG, PRISON_CONFIG } from './helpers/open-test-terminal';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-terminal-');
const fixed = (iso: string) => () => new Date(iso);

const auditKinds = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as Array<{ kind: string }>).map((r) => r.kind);
  } finally {
    db.close();
  }
};

describe('openTerminal', () => {
  test('R26.1 every open appends terminal.started and every close terminal.stopped, on one verifiable chain', async () => {
    const dataDir = tempDir();
    for (let i = 0; i < 2; i++) (await openTerminal({ configPath: PRISON_CONFIG, dataDir })).close();
    const path = join(dataDir, STORE_FILE_NAME);
    expect(auditKinds(path)).toEqual(['terminal.started', 'terminal.stopped', 'terminal.started', 'terminal.stopped']);
    const db = new Database(path, { readonly: true });
    expect(verifyAuditChain(db, 'ynjy01-room1')).toMatchObject({ ok: true, count: 4 });
    db.close();
  });

  test('terminal.started records the version, the site and the store’s health, at the injected time', async () => {
    const dataDir = tempDir();
    const terminal = await openTerminal({ configPath: BUREAU_CONFIG, dataDir, now: fixed('2025-05-04T00:00:00.000Z') });
    terminal.close();
    const db = new Database(join(dataDir, STORE_FILE_NAME), { readonly: true });
    const row = db.prepare("SELECT at, actor, payload FROM audit_log WHERE kind = 'terminal.started'").get() as {
      at: string;
      actor: string;
      payload: string;
    };
    db.close();
    expect(row.at).toBe('2025-05-04T00:00:00.000Z');
    expect(row.actor).toBe('system');
    expect(JSON.parse(row.payload)).toMatchObject({
      siteId: 'kmgd-sfj',
      roomId: 'room1',
      schemaVersion: latestVersion(),
      storeIntegrity: 'ok',
      movedAsideTo: null,
    });
  });

  test('the data folder override holds the store, and the configured data folder is not touched', async () => {
    const dataDir = tempDir();
    const configured = loadTerminalConfig(PRISON_CONFIG).dataDir;
    const existedBefore = existsSync(configured);
    const terminal = await openTerminal({ configPath: PRISON_CONFIG, dataDir });
    terminal.close();
    expect(existsSync(join(dataDir, STORE_FILE_NAME))).toBe(true);
    expect(existsSync(configured)).toBe(existedBefore);
  });

  test('with a data folder override, a recording folder inside the configured data folder moves with it', () => {
    const config = loadTerminalConfig(PRISON_CONFIG);
    const moved = withDataDir(config, '/tmp/kiosk-override');
    expect(moved.dataDir).toBe('/tmp/kiosk-override');
    expect(moved.recordingDir).toBe('/tmp/kiosk-override/recordings');
    const outside = withDataDir({ ...config, recordingDir: '/srv/recordings' }, '/tmp/kiosk-override');
    expect(outside.recordingDir).toBe('/srv/recordings');
    expect(withDataDir(config, undefined)).toBe(config);
  });

  test('a bad configuration stops the start with a ConfigError and creates no store', async () => {
    const dir = tempDir();
    const configPath = join(dir, 'terminal.json');
    const good = JSON.parse(readFileSync(PRISON_CONFIG, 'utf8')) as Record<string, unknown>;
    writeFileSync(configPath, JSON.stringify({ ...good, retentionDays: 90 }));
    const dataDir = join(dir, 'data');
    await expect(openTerminal({ configPath, dataDir })).rejects.toBeInstanceOf(ConfigError);
    expect(existsSync(dataDir)).toBe(false);
  });

  test('a store from a newer version stops the start and is left byte-identical', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, STORE_FILE_NAME);
    const db = new Database(path);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    const bytes = readFileSync(path);
    await expect(openTerminal({ configPath: PRISON_CONFIG, dataDir })).rejects.toBeInstanceOf(StoreVersionError);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  test('R26.1 a damaged store is recovered: device.storeHealth reports where it went, and so does the audit log', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, STORE_FILE_NAME), 'not a database at all');
    const terminal = await openTerminal({ configPath: PRISON_CONFIG, dataDir, now: fixed('2025-05-04T08:30:00.000Z') });
    const dispatch = createDispatcher(terminal);
    // R25.1: the console shows the store's health to the two administrators.
    await logTwoAdminsIn(terminal, dataDir, 'ynjy01');
    const movedAsideTo = join(dataDir, `${STORE_FILE_NAME}.corrupt-2025-05-04T08-30-00-000Z`);
    expect(await dispatch('kiosk:device.storeHealth', undefined)).toEqual({
      ok: true,
      value: { schemaVersion: latestVersion(), integrity: 'recovered', movedAsideTo },
    });
    terminal.close();
    expect(readFileSync(movedAsideTo, 'utf8')).toBe('not a database at all');
    const db = new Database(join(dataDir, STORE_FILE_NAME), { readonly: true });
    const payload = JSON.parse((db.prepare('SELECT payload FROM audit_log WHERE seq = 1').get() as { payload: string }).payload);
    db.close();
    expect(payload).toMatchObject({ storeIntegrity: 'recovered', movedAsideTo, problem: expect.stringContaining('不是 SQLite') });
  });

  test('onEvent returns an unsubscribe, and close may be called twice', async () => {
    const terminal = await openTerminal({ configPath: PRISON_CONFIG, dataDir: tempDir() });
    const unsubscribe = terminal.onEvent(() => undefined);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    terminal.close();
    expect(() => terminal.close()).not.toThrow();
  });
});
