// A real bureau terminal (openTerminal: real SQLite in a temp folder) with a controllable
// clock, the day's snapshot imported, and the ID card simulator on serialport's mock
// binding registered as its reader driver.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Ga467SerialReader } from '../../../src-main/idcard/serial/ga467-serial-reader';
import { createSimulatedSerial, loadCardFixture, ReaderSimulator } from '../../../src-main/idcard/simulator';
import { loadTerminalConfig } from '../../../src-main/config/load';
import { openTerminal, STORE_FILE_NAME } from '../../../src-main/terminal';
import type { OpenTerminalOptions, Terminal } from '../../../src-main/terminal-types';
import { importDaySnapshot, registerIdCardDriver } from '../../../src-main/visit-day';
import {
  CONFIG_WITH_READER,
  daySnapshot,
  PRISON_CONFIG_WITH_READER,
  READER_DRIVER,
  READER_PATH,
  STAFF,
  at,
} from '../../../harness/fixtures/visit-day/day-snapshot';
import type { DaySnapshotInput } from '../../../src-main/visit-day/snapshot-schema';
import { useTempDirs } from '../main/helpers/temp-dir';

export interface DayTerminal {
  terminal: Terminal;
  db: Database.Database;
  clock: { now: Date; set(hhmm: string): void };
  simulator: ReaderSimulator;
  placeCard(path: string): void;
  loginBoth(): Promise<void>;
}

const simulator = new ReaderSimulator();
const serial = createSimulatedSerial(simulator, READER_PATH);
registerIdCardDriver(
  READER_DRIVER,
  (settings) =>
    new Ga467SerialReader({
      path: settings.path ?? READER_PATH,
      openPort: serial.openPort,
      commandTimeoutMs: 1_000,
      ...(settings.now ? { now: settings.now } : {}),
    }),
);

export interface DayTerminalOptions {
  /** R11.2: the prison's terminal instead of the bureau's (the same day's visits). */
  side?: 'bureau' | 'prison';
  /** Changes the day's snapshot before it is imported. */
  snapshot?: (s: DaySnapshotInput) => DaySnapshotInput;
  /** Where the recorder looks for ffmpeg (R12.1's recorder check). */
  terminal?: Pick<OpenTerminalOptions, 'recording' | 'resourcesPath'>;
}

export function useDayTerminals(): (start?: string, options?: DayTerminalOptions) => Promise<DayTerminal> {
  const tempDir = useTempDirs('kiosk-visit-day-');
  const open: Array<() => void> = [];
  afterEach(() => {
    for (const close of open.splice(0)) close();
    simulator.removeCard();
  });
  return async (start = '09:40', options = {}) => {
    const configPath = options.side === 'prison' ? PRISON_CONFIG_WITH_READER : CONFIG_WITH_READER;
    const dataDir = tempDir();
    const clock = {
      now: at(start),
      set(hhmm: string) {
        clock.now = at(hhmm);
      },
    };
    const terminal = await openTerminal({ configPath, dataDir, now: () => clock.now, ...options.terminal });
    const db = new Database(join(dataDir, STORE_FILE_NAME));
    db.pragma('busy_timeout = 5000');
    open.push(() => {
      db.close();
      terminal.close();
    });
    const config = loadTerminalConfig(configPath);
    const base = await daySnapshot();
    const snapshot = (options.snapshot ?? ((s) => s))({
      ...base,
      siteId: config.site.id,
      staff: base.staff.map((s) => ({ ...s, siteId: config.site.id })),
    });
    importDaySnapshot(db, snapshot, {
      terminalId: config.terminalId,
      siteId: config.site.id,
      roomId: config.room.id,
      now: clock.now,
    });
    return {
      terminal,
      db,
      clock,
      simulator,
      placeCard: (path) => simulator.placeCard(loadCardFixture(path)),
      async loginBoth() {
        for (const s of [STAFF.li, STAFF.he]) {
          const r = await terminal.services.auth.login({ username: s.username, password: s.password });
          if (!r.accepted) throw new Error(`login failed: ${r.refusal.message}`);
        }
      },
    };
  };
}

export const count = (db: Database.Database, sql: string, ...args: unknown[]): number =>
  (db.prepare(sql).get(...args) as { n: number }).n;
