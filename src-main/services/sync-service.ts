// sync.*: how far the terminal is behind the central store: unsent outbox rows, and the
// last success and error the sync worker recorded in kv.
import type { Database } from 'better-sqlite3';
import type { KioskServices } from '../../src-shared/ipc/types';
import { getKv, KV } from '../store/kv';
import type { ServiceContext } from './context';

export type SyncStatus = Awaited<ReturnType<KioskServices['sync']['status']>>;

export const readSyncStatus = (db: Database): SyncStatus => ({
  queuedEvents: (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n,
  lastSuccessAt: getKv(db, KV.syncLastSuccessAt),
  lastError: getKv(db, KV.syncLastError),
});

export const createSyncService = (ctx: ServiceContext): KioskServices['sync'] => ({
  status: () => readSyncStatus(ctx.db),
});
