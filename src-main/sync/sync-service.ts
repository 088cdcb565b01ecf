// sync.*: how far the terminal is behind the central store: the worker's state,
// unsent outbox rows and audit entries, uploads with progress, the last success and error.
// The console's two buttons are attributed and audited: "sync now" names the administrators
// logged in (or 'console' before anyone is: it only runs the round the timer would run);
// clearing a standing refused-chain alarm (R26.1) needs the terminal unlocked, i.e. two
// administrators (R25.1), both named in the audit entry.
import type { Database } from 'better-sqlite3';
import type { KioskServices } from '../../src-shared/ipc/types';
import { ServiceError } from '../../src-shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import type { TerminalConfig } from '../config/schema';
import type { AdminSessionState } from '../visit-day/admin-session';
import { readCredential } from './credential';
import type { Attribution, SyncWorker } from './worker';

export interface SyncServiceContext {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly session: Pick<AdminSessionState, 'snapshot'>;
  readonly now: () => Date;
  /** The terminal's one worker (idle until enrolled). */
  readonly sync: SyncWorker;
}

function attribution(ctx: SyncServiceContext): Attribution & { locked: boolean } {
  const { admins, locked } = ctx.session.snapshot();
  return { actor: admins[0]?.staffId ?? 'console', admins: admins.map((a) => a.staffId), locked };
}

export const createSyncService = (ctx: SyncServiceContext): KioskServices['sync'] => ({
  status: () => ctx.sync.status(),
  syncNow: async () => {
    // Not enrolled: a round could send nothing, so the press changes (and records) nothing.
    if (readCredential(ctx.config.dataDir) === null) return ctx.sync.status();
    const by = attribution(ctx);
    appendAudit(
      ctx.db,
      ctx.config.terminalId,
      { kind: 'sync.syncNowRequested', actor: by.actor, payload: { admins: [...by.admins] } },
      ctx.now(),
    );
    await ctx.sync.runOnce();
    return ctx.sync.status();
  },
  clearAlarm: () => {
    const status = ctx.sync.status();
    if (!status.alarm) return status; // nothing to resolve: nothing recorded
    const by = attribution(ctx);
    if (by.locked) throw new ServiceError('CONFLICT', '解除审计链告警须两名管理员同时在场登录（R25.1、R26.1）');
    return ctx.sync.clearAlarm({ actor: by.actor, admins: by.admins });
  },
});
