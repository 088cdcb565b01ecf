// admin.*: site information from the configuration, and the newest audit entries (R26.1).
import type { KioskServices } from '../../src-shared/ipc/types';
import { recentAuditEntries } from '../audit/audit-log';
import type { ServiceContext } from './context';
import { enrolTerminal } from '../sync/enrol';

export const createAdminService = (ctx: ServiceContext): KioskServices['admin'] => ({
  siteInfo: () => ({
    terminalId: ctx.config.terminalId,
    siteName: ctx.config.site.name,
    siteKind: ctx.config.site.kind,
    roomName: ctx.config.room.name,
    appVersion: ctx.appVersion,
    language: ctx.config.language,
    // Present only when configured; absent means kiosk.
    ...(ctx.config.mode ? { mode: ctx.config.mode } : {}),
  }),
  recentAudit: ({ limit }) =>
    recentAuditEntries(ctx.db, ctx.config.terminalId, limit).map((e) => ({ seq: e.seq, at: e.at, kind: e.kind, hash: e.hash })),
  // The credential goes to the data folder; the worker picks it up at once.
  enrol: async ({ code }) => {
    const outcome = await enrolTerminal(ctx.db, ctx.config, code, ctx.now());
    void ctx.sync?.runOnce().catch(() => undefined);
    return outcome;
  },
});
