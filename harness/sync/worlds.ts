// Worlds for the fault tests: a central store whose process can be
// killed and restarted on the same data folder, visits to hang recordings on, and a
// drain loop that runs rounds until everything is sent.
import { fileURLToPath } from 'node:url';
import type { SyncWorker } from '../../src-main/sync/worker';
import type { ServerConfig } from '../../src-server/config';
import { insertVisit } from '../store/sync-helpers';
import { startStore, testConfig, type TestStore } from '../store/store';
import { buildWorld, type World } from '../store/world';
import { startChild, type Child } from './child-process';

export const CENTRAL_CHILD = fileURLToPath(new URL('./central-child.ts', import.meta.url));
export const TERMINAL_CHILD = fileURLToPath(new URL('./terminal-child.ts', import.meta.url));

let visitCounter = 0;
/** A scheduled visit in the prison A room (each on its own slot: recordings are matched by visit + file name). */
export async function newVisit(store: TestStore, w: World): Promise<string> {
  const k = visitCounter++;
  const day = new Date(Date.UTC(2026, 3, 1) + Math.floor(k / 8) * 86_400_000).toISOString().slice(0, 10);
  return insertVisit(store.app.ctx.db, {
    roomId: w.prisonA.roomId,
    remoteRoomId: w.bureauA.roomId,
    date: day,
    startTime: `${String(8 + (k % 8)).padStart(2, '0')}:00`,
  });
}

export interface KillableCentral {
  readonly config: ServerConfig;
  readonly file: string;
  readonly dataDir: string;
  child: Child<{ url: string }>;
  port(): number;
  /** SIGKILL, then a new process on the same data folder and database; returns its port. */
  restart(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Seeds a store in this process (world, visits, enrolments through `prepare`), closes
 * it, and runs it on as a child process on the same files.
 */
export async function killableCentral<T>(
  prepare: (store: TestStore, w: World) => Promise<T>,
): Promise<{ central: KillableCentral; seeded: T; w: World }> {
  const store = await startStore('sqlite');
  const w = await buildWorld(store);
  const seeded = await prepare(store, w);
  await store.app.close();
  const config = testConfig(store.fresh);
  const spawn = () => startChild<{ url: string }>(CENTRAL_CHILD, [JSON.stringify(config)]);
  const central: KillableCentral = {
    config,
    file: (store.fresh.database as { file: string }).file,
    dataDir: store.fresh.dataDir,
    child: await spawn(),
    port() {
      return Number(new URL(this.child.ready.url).port);
    },
    async restart() {
      await this.child.kill();
      this.child = await spawn();
      return this.port();
    },
    async stop() {
      await this.child.kill();
      await store.fresh.drop();
    },
  };
  return { central, seeded, w };
}

/** Rounds until all is sent (or `max` rounds): the recovery after the faults. */
export async function drain(worker: SyncWorker, max = 30): Promise<{ rounds: number; ok: boolean; lastError: string | null }> {
  for (let i = 1; i <= max; i++) {
    const outcome = await worker.runOnce();
    if (outcome.ok && !outcome.more) return { rounds: i, ok: true, lastError: null };
  }
  return { rounds: max, ok: false, lastError: worker.status().lastError ?? null };
}
