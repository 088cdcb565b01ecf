// Main's one logger reaches the services: a core service's failure goes to the logger handed
// to openTerminal (the shell's writes main.log), not to a console nobody reads on a kiosk.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createLog } from '../../../src-main/electron/log';
import { createLogger, type LogRecord } from '../../../src-main/log/logger';
import { openTerminal, STORE_FILE_NAME } from '../../../src-main/terminal';

const BUREAU_CONFIG = fileURLToPath(new URL('../../../harness/fixtures/terminal-config/bureau.json', import.meta.url));

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

describe('one logger, injected through openTerminal', () => {
  test("the visit day's failing background check reaches the injected logger as a structured error line", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-logger-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const records: LogRecord[] = [];
    const lines: string[] = [];
    const logger = createLogger((record, line) => {
      records.push(record);
      lines.push(line);
    });
    const stderr = vi.spyOn(process.stderr, 'write');
    cleanup.push(() => stderr.mockRestore());
    const terminal = await openTerminal({ configPath: BUREAU_CONFIG, dataDir, logger, sync: { autoStart: false } });
    cleanup.push(() => terminal.close());

    // A damaged store: the R10.1 forfeit check (every second) can no longer read the plans.
    const other = new Database(join(dataDir, STORE_FILE_NAME));
    other.exec('ALTER TABLE visit_plans RENAME TO visit_plans_gone');
    other.close();

    await vi.waitFor(() => expect(records.some((r) => r.area === 'visit-day' && r.level === 'error')).toBe(true), {
      timeout: 5_000,
      interval: 100,
    });
    const failure = records.find((r) => r.area === 'visit-day' && r.level === 'error');
    expect(failure).toMatchObject({ msg: '定时检查失败', error: { message: expect.stringContaining('visit_plans') } });
    expect(typeof failure?.time).toBe('string');
    // Each record is one JSON line.
    expect(lines.every((l) => !l.includes('\n') && typeof JSON.parse(l) === 'object')).toBe(true);
    // Nothing of it went around the logger to stderr.
    expect(stderr.mock.calls.some(([chunk]) => String(chunk).includes('visit_plans'))).toBe(false);
  });

  test('a logger keeps its bindings, serialises errors, and a failing sink never throws', () => {
    const records: LogRecord[] = [];
    const logger = createLogger(
      (r) => records.push(r),
      () => new Date('2026-03-02T01:00:00.000Z'),
    ).child({ area: 'call' });
    logger.warn('重连', { visitId: 'V-1', error: new TypeError('坏了') });
    expect(records).toEqual([
      {
        time: '2026-03-02T01:00:00.000Z',
        level: 'warn',
        msg: '重连',
        area: 'call',
        visitId: 'V-1',
        error: expect.objectContaining({ name: 'TypeError', message: '坏了' }),
      },
    ]);
    const broken = createLogger(() => {
      throw new Error('disk full');
    });
    expect(() => broken.error('x')).not.toThrow();
  });

  test("the shell's logger writes one JSON line a record to main.log (the lines a kiosk leaves behind)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-mainlog-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    cleanup.push(() => stderr.mockRestore());
    const log = createLog(join(dir, 'logs'));
    log('终端已启动');
    log.logger.child({ area: 'call' }).error('定时检查失败', { error: new Error('磁盘已满') });
    const lines = readFileSync(join(dir, 'logs', 'main.log'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as LogRecord);
    expect(lines).toMatchObject([
      { level: 'info', msg: '终端已启动' },
      { level: 'error', msg: '定时检查失败', area: 'call', error: { message: '磁盘已满' } },
    ]);
    // stderr carries the same lines.
    expect(stderr.mock.calls.map(([c]) => String(c)).join('')).toContain('磁盘已满');
  });
});
