// sync.*: how far the terminal is behind the central store: the worker's state,
// unsent outbox rows and audit entries, uploads with progress, the last success and error.
// The console's two buttons are attributed and audited: "sync now" names the administrators
// logged in (or 'console' before anyone is: it only runs the round the timer would run);
// clearing a standing refused-chain alarm (R26.1) needs the terminal unlocked, i.e. two
// administrators (R25.1), both named in the audit entry.
import type { KioskServices } from '../../src-shared/ipc/types';
import { ServiceError } from '../../src-shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import { readCredential } from '../sync/credential';
import { readSyncStatus, type SyncStatus } from '../sync/status';
import type { Attribution } from '../sync/worker';
import type { ServiceContext } from './context';

export { readSyncStatus, type SyncStatus };

function attribution(ctx: ServiceContext): Attribution & { locked: boolean } {
  const { admins, locked } = ctx.session.snapshot();
  return { actor: admins[0]?.staffId ?? 'console', admins: admins.map((a) => a.staffId), locked };
}

export const createSyncService = (ctx: ServiceContext): KioskServices['sync'] => ({
  status: () => ctx.sync?.status() ?? readSyncStatus(ctx.db, ctx.config.terminalId),
  syncNow: async () => {
    // Not enrolled: a round could send nothing, so the press changes (and records) nothing.
    if (!ctx.sync || readCredential(ctx.config.dataDir) === null) return ctx.sync?.status() ?? readSyncStatus(ctx.db, ctx.config.terminalId);
    const by = attribution(ctx);
    appendAudit(ctx.db, ctx.config.terminalId, { kind: 'sync.syncNowRequested', actor: by.actor, payload: { admins: [...by.admins] } }, ctx.now());
    await ctx.sync.runOnce();
    return ctx.sync.status();
  },
  clearAlarm: () => {
    const status = ctx.sync?.status() ?? readSyncStatus(ctx.db, ctx.config.terminalId);
    if (!status.alarm) return status; // nothing to resolve: nothing recorded
    const by = attribution(ctx);
    if (by.locked) throw new ServiceError('CONFLICT', '解除审计链告警须两名管理员同时在场登录（R25.1、R26.1）');
    if (!ctx.sync) throw new ServiceError('CONFLICT', '同步程序未运行，无法解除告警');
    return ctx.sync.clearAlarm({ actor: by.actor, admins: by.admins });
  },
});
