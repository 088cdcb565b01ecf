// The set-up the call e2e files share: the real central store with signaling,
// its world, both rooms' terminals enrolled, the visits between them at the store, each
// terminal's configuration file, and the same visits in each terminal's day snapshot.
import type Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importDaySnapshot } from '../../../src-main/visit-day';
import type { DaySnapshotInput } from '../../../src-main/visit-day/snapshot-schema';
import type { SignalingOptions } from '../../../src-server/signaling/routes';
import { DAY, VISITORS } from '../../../harness/fixtures/visit-day/day-snapshot';
import { buildWorld, type World } from '../../../harness/store/world';
import type { TestStore } from '../../../harness/store/store';
import { startSignalingStore } from '../../integration/server/signaling/signal-helpers';
import { enrolTerminal, insertVisit } from '../../../harness/store/sync-helpers';

export interface CallVisit {
  startTime: string;
  minutes?: number;
}

export type StoreVisit = CallVisit & { visitId: string };

export interface CallStore {
  store: TestStore;
  world: World;
  /** The enrolled terminals' bearer tokens. */
  tokens: { prison: string; bureau: string };
  /** The visits as asked for, with their ids at the store. */
  visits: StoreVisit[];
}

export type TerminalName = 'prison' | 'bureau';

/**
 * The store, prison A's and bureau A's terminals enrolled, and visits between their rooms on
 * the terminals' day. The store keeps the terminals' clock: it believes an outcome only inside
 * the visit's window.
 */
export async function startCallStore(signaling: SignalingOptions, visits: CallVisit[], now: () => Date): Promise<CallStore> {
  const store = await startSignalingStore('sqlite', signaling, now);
  const world = await buildWorld(store);
  const prison = await enrolTerminal(store, world.tokens.prisonAAdmin, world.prisonA.roomId);
  const bureau = await enrolTerminal(store, world.tokens.bureauAAdmin, world.bureauA.roomId);
  const stored: StoreVisit[] = [];
  for (const v of visits) {
    const visitId = await insertVisit(store.app.ctx.db, {
      roomId: world.prisonA.roomId,
      remoteRoomId: world.bureauA.roomId,
      date: DAY,
      startTime: v.startTime,
      ...(v.minutes ? { minutes: v.minutes } : {}),
    });
    stored.push({ ...v, visitId });
  }
  return { store, world, tokens: { prison: prison.token, bureau: bureau.token }, visits: stored };
}

export interface TerminalConfigFile {
  config: { terminalId: string; site: { id: string } };
  configPath: string;
  recordingDir: string;
}

/** The fixture's configuration for `name`, pointed at the store, written into `dir`. */
export function writeTerminalConfig(dir: string, name: TerminalName, storeUrl: string): TerminalConfigFile {
  const fixture = fileURLToPath(new URL(`../../../harness/fixtures/terminal-config/${name}.json`, import.meta.url));
  const config = JSON.parse(readFileSync(fixture, 'utf8')) as TerminalConfigFile['config'];
  const configPath = joinPath(dir, `${name}.json`);
  const recordingDir = joinPath(dir, `${name}-recordings`);
  writeFileSync(configPath, JSON.stringify({ ...config, centralStoreUrl: storeUrl, recordingDir }));
  return { config, configPath, recordingDir };
}

/** The day's snapshot at a terminal: the store's visits (inmate 张建国, visitor 张伟), the site's staff. */
export function seedCallDay(
  db: Database.Database,
  base: DaySnapshotInput,
  file: TerminalConfigFile,
  visits: StoreVisit[],
  now: Date,
): void {
  const siteId = file.config.site.id;
  const snapshot: DaySnapshotInput = {
    ...base,
    siteId,
    visits: visits.map((v) => ({
      visitId: v.visitId,
      roomId: 'room1',
      date: DAY,
      startTime: v.startTime,
      minutes: v.minutes ?? 30,
      inmate: { inmateId: 'I-1', name: '张建国' },
      visitors: [VISITORS.zhangWei],
    })),
    staff: base.staff.map((s) => ({ ...s, siteId })),
  };
  importDaySnapshot(db, snapshot, { terminalId: file.config.terminalId, siteId, roomId: 'room1', now });
}
