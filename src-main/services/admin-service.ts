// admin.*: site information from the configuration, and the newest audit entries (R26.1).
import type { KioskServices } from '../../src-shared/ipc/types';
import { recentAuditEntries } from '../audit/audit-log';
import type { ServiceContext } from './context';

export const createAdminService = (ctx: ServiceContext): KioskServices['admin'] => ({
  siteInfo: () => ({
    terminalId: ctx.config.terminalId,
    siteName: ctx.config.site.name,
    siteKind: ctx.config.site.kind,
    roomName: ctx.config.room.name,
    appVersion: ctx.appVersion,
    language: ctx.config.language,
  }),
  recentAudit: ({ limit }) =>
    recentAuditEntries(ctx.db, ctx.config.terminalId, limit).map((e) => ({ seq: e.seq, at: e.at, kind: e.kind, hash: e.hash })),
});
