// The desk service (src-main/desk) against a REAL central store on 127.0.0.1:0
// (SQLite; the store's own suites cover PostgreSQL): the province of
// harness/store/world and one desk per clerk, each with its own
// in-memory session, as each front desk would have.
import { fileURLToPath } from 'node:url';
import { createDeskService } from '../../../../src-main/desk';
import type { DeskServiceOptions } from '../../../../src-main/desk';
import type { TerminalConfig } from '../../../../src-main/config/schema';
import type { KioskServices } from '../../../../src-shared/ipc/types';
import type { DeskOutcome } from '../../../../src-shared/desk/outcome';
import { startOn } from '../../server/applications/fixtures';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';

export type Desk = KioskServices['desk'];

export const READER_PATH = '/dev/ttySIM-desk';
export const READER_DRIVER = 'ga467-simulated-desk';
export const CARD_FIXTURE = (name: string) =>
  fileURLToPath(new URL(`../../../../harness/fixtures/idcards/${name}.json`, import.meta.url));

export function deskConfig(centralStoreUrl: string, reader = false): TerminalConfig {
  return {
    terminalId: 'desk-1',
    site: { id: 'site-desk', name: '甲县司法局', kind: 'bureau' },
    room: { id: 'room-desk', name: '窗口' },
    centralStoreUrl,
    dataDir: '/tmp/desk-unused',
    recordingDir: '/tmp/desk-unused/rec',
    retentionDays: 184,
    language: 'zh-CN',
    inactivityLockMinutes: 10,
    mode: 'desk',
    ...(reader ? { idCardReader: { driver: READER_DRIVER, path: READER_PATH } } : {}),
    configPath: '/tmp/desk-unused/config.json',
  };
}

export interface DeskWorld {
  store: TestStore;
  w: World;
  url: string;
  /** A fresh desk (not logged in) pointed at the store. */
  desk(options?: DeskServiceOptions & { reader?: boolean }): Desk;
  /** A desk logged in as `username`. */
  deskAs(username: string): Promise<Desk>;
}

export const STAFF_PASSWORD = 'Staff-password-1';

export async function startDeskWorld(date: string): Promise<DeskWorld> {
  const { store, w } = await startOn('sqlite', date);
  const url = store.app.server.address();
  const base = typeof url === 'object' && url !== null ? `http://127.0.0.1:${url.port}` : String(url);
  const now = () => store.clock.now();
  const desk = (options: DeskServiceOptions & { reader?: boolean } = {}) =>
    createDeskService({ config: deskConfig(base, options.reader ?? false), now }, options);
  return {
    store,
    w,
    url: base,
    desk,
    async deskAs(username) {
      const d = desk();
      const res = await d.login({ username, password: username === 'admin' ? 'Provincial-admin-1' : STAFF_PASSWORD });
      if (!res.accepted) throw new Error(`desk login ${username}: ${res.refusal.message}`);
      return d;
    },
  };
}

/** The value of an accepted outcome; a refusal fails the test with its message. */
export async function value<T>(outcome: Promise<DeskOutcome<T>> | DeskOutcome<T>): Promise<T> {
  const o = await outcome;
  if (!o.accepted)
    throw new Error(
      `refused: ${o.refusal.code} ${o.refusal.requirement ?? ''} ${o.refusal.message} ${JSON.stringify(o.refusal.issues ?? [])}`,
    );
  return o.value;
}

/** The refusal of a refused outcome; an acceptance fails the test. */
export async function refusal<T>(outcome: Promise<DeskOutcome<T>> | DeskOutcome<T>) {
  const o = await outcome;
  if (o.accepted) throw new Error(`expected a refusal, got ${JSON.stringify(o.value).slice(0, 300)}`);
  return o.refusal;
}
