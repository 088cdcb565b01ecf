// sync.*: how far the terminal is behind the central store (issue 8): the worker's state,
// unsent outbox rows and audit entries, uploads with progress, the last success and error.
import type { KioskServices } from '../../src-shared/ipc/types';
import { readSyncStatus, type SyncStatus } from '../sync/status';
import type { ServiceContext } from './context';

export { readSyncStatus, type SyncStatus };

export const createSyncService = (ctx: ServiceContext): KioskServices['sync'] => ({
  status: () => ctx.sync?.status() ?? readSyncStatus(ctx.db, ctx.config.terminalId),
  syncNow: async () => {
    if (!ctx.sync) return readSyncStatus(ctx.db, ctx.config.terminalId);
    await ctx.sync.runOnce();
    return ctx.sync.status();
  },
  clearAlarm: () => ctx.sync?.clearAlarm() ?? readSyncStatus(ctx.db, ctx.config.terminalId),
});
