// The sync worker's test world: the REAL central store (SQLite) with a seeded province,
// and a terminal's REAL local store in a temp folder, enrolled through admin.enrol's code
// path. Tests drive rounds with runOnce(); timers and the clock are injected.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { TerminalConfig } from '../../src-main/config/schema';
import { openStore, type Store } from '../../src-main/store/open-store';
import { enrolTerminal } from '../../src-main/sync/enrol';
import { createSyncWorker, type SyncTimers, type SyncWorker, type SyncWorkerOptions } from '../../src-main/sync/worker';
import { openTerminal } from '../../src-main/terminal';
import type { FleetOptions } from '../../src-main/fleet/fleet-reporter';
import type { Terminal, TerminalSyncOptions } from '../../src-main/terminal-types';
import { startStore, type TestStore } from '../store/store';
import { buildWorld, type World } from '../store/world';

export class Clock {
  constructor(private ms = Date.parse('2026-03-02T01:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Timers that never fire by themselves: the test sees the delays the worker asked for. */
export function manualTimers(): SyncTimers & { delays: number[] } {
  const delays: number[] = [];
  return { delays, setTimeout: (_fn, ms) => (delays.push(ms), delays.length), clearTimeout: () => undefined };
}

export interface CentralWorld {
  store: TestStore;
  w: World;
  stop(): Promise<void>;
}

/** `baseDir`: put the store's data folder and SQLite file there (tmpfs for the fault schedules). */
export async function startCentral(
  options: { baseDir?: string } = {},
): Promise<CentralWorld & { file: string; dataDir: string }> {
  const own = options.baseDir ? mkdtempSync(join(options.baseDir, 'sync-central-')) : null;
  const store = await startStore(
    'sqlite',
    own ? { dataDir: own, database: { engine: 'sqlite', file: join(own, 'central-store.sqlite') } } : {},
  );
  const w = await buildWorld(store);
  const file = own ? join(own, 'central-store.sqlite') : (store.fresh.database as { file: string }).file;
  return {
    store,
    w,
    file,
    dataDir: own ?? store.fresh.dataDir,
    stop: async () => {
      await store.stop();
      if (own) rmSync(own, { recursive: true, force: true });
    },
  };
}

export interface TestTerminal {
  config: TerminalConfig;
  store: Store;
  db: Database;
  clock: Clock;
  dir: string;
  /** A worker on this store; `url` to go through a proxy. */
  worker(options?: Partial<SyncWorkerOptions> & { url?: string }): SyncWorker;
  /**
   * The whole terminal (openTerminal) on this folder, its worker driven by the test like worker()'s:
   * the test clock, manual timers, no automatic start; its heartbeat likewise (sendNow), with `fleet`'s
   * overrides (a nearly full disk, an unplugged card reader, a version). Close it before close().
   */
  open(sync?: TerminalSyncOptions, fleet?: FleetOptions): Promise<Terminal>;
  reopen(): void;
  close(): void;
}

/** `baseDir`: where the terminal's folder goes (the fault schedules use tmpfs: thousands of fsyncs). */
export async function enrolledTerminal(
  central: CentralWorld,
  options: { enrol?: boolean; baseDir?: string; terminalId?: string; site?: 'prisonA' | 'bureauA' } = {},
): Promise<TestTerminal> {
  // The room it enrols in (and its configuration names): the first prison's by default, or the first bureau's.
  const at =
    options.site === 'bureauA'
      ? {
          site: { id: central.w.bureauA.id, name: '甲县司法局', kind: 'bureau' as const },
          room: { id: central.w.bureauA.roomId, name: '会见室' },
          admin: central.w.tokens.bureauAAdmin,
        }
      : {
          site: { id: central.w.prisonA.id, name: '甲监狱', kind: 'prison' as const },
          room: { id: central.w.prisonA.roomId, name: '一监区会见室' },
          admin: central.w.tokens.prisonAAdmin,
        };
  const dir = mkdtempSync(join(options.baseDir ?? tmpdir(), 'sync-terminal-'));
  const clock = new Clock();
  const config: TerminalConfig = {
    terminalId: options.terminalId ?? randomUUID(),
    site: at.site,
    room: at.room,
    centralStoreUrl: central.store.url,
    dataDir: dir,
    recordingDir: join(dir, 'recordings'),
    retentionDays: 184,
    language: 'zh-CN',
    inactivityLockMinutes: 10,
    configPath: join(dir, 'config.json'),
  };
  mkdirSync(config.recordingDir, { recursive: true });
  let store = openStore({ path: join(dir, 'terminal.db'), now: clock.now });
  const t: TestTerminal = {
    config,
    get store() {
      return store;
    },
    get db() {
      return store.db;
    },
    clock,
    dir,
    worker: (o = {}) => {
      const { url, ...rest } = o;
      return createSyncWorker({
        db: store.db,
        config: url ? { ...config, centralStoreUrl: url } : config,
        now: clock.now,
        timers: manualTimers(),
        random: () => 0.5,
        ...rest,
      });
    },
    open: async (sync = {}, fleet = {}) => {
      const { configPath, ...file } = config;
      writeFileSync(configPath, JSON.stringify(file));
      return openTerminal({
        configPath,
        now: clock.now,
        sync: { timers: manualTimers(), random: () => 0.5, autoStart: false, ...sync },
        fleet: { autoStart: false, ...fleet },
      });
    },
    reopen() {
      store.close();
      store = openStore({ path: join(dir, 'terminal.db'), now: clock.now });
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.enrol !== false) {
    const code = await central.store.call('POST', '/api/terminals/enrolment-codes', {
      token: at.admin,
      body: { roomId: at.room.id },
    });
    await enrolTerminal(store.db, config, code.body.code, clock.now());
  }
  return t;
}

export const serverEventCount = async (central: CentralWorld, terminalId: string): Promise<number> =>
  Number(
    (
      await central.store.app.ctx.db
        .selectFrom('terminal_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('terminal_id', '=', terminalId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const localAuditCount = (db: Database): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
