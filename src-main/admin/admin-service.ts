// admin.*: site information from the configuration, the newest audit entries (R26.1),
// and the terminal's enrolment with the central store.
import type { Database } from 'better-sqlite3';
import type { KioskServices } from '../../src-shared/ipc/types';
import { recentAuditEntries, visitAuditEntries } from '../audit/audit-log';
import type { TerminalConfig } from '../config/schema';
import { enrolTerminal } from '../sync/enrol';
import { readDisplaySettings, writeDisplaySettings } from './display-settings';
import type { DisplaySettings } from '../../src-shared/ipc/display-contract';
import type { SyncWorker } from '../sync/worker';

export interface AdminServiceContext {
  readonly db: Database;
  readonly config: TerminalConfig;
  /** package.json's version, shown on the site information screen. */
  readonly appVersion: string;
  readonly now: () => Date;
  readonly sync: Pick<SyncWorker, 'runOnce'>;
  /** Issue #21: tells every window of the terminal (the event hub). */
  readonly displayChanged?: (settings: DisplaySettings) => void;
}

export const createAdminService = (ctx: AdminServiceContext): KioskServices['admin'] => ({
  siteInfo: () => ({
    terminalId: ctx.config.terminalId,
    siteName: ctx.config.site.name,
    siteKind: ctx.config.site.kind,
    roomName: ctx.config.room.name,
    appVersion: ctx.appVersion,
    language: ctx.config.language,
    // A configuration without a mode is a kiosk.
    mode: ctx.config.mode ?? 'kiosk',
  }),
  recentAudit: ({ limit }) =>
    recentAuditEntries(ctx.db, ctx.config.terminalId, limit).map((e) => ({ seq: e.seq, at: e.at, kind: e.kind, hash: e.hash })),
  // The payload is canonical JSON written by main itself; an unreadable one shows as empty.
  visitAudit: ({ visitId, afterSeq, limit }) =>
    visitAuditEntries(ctx.db, ctx.config.terminalId, visitId, afterSeq ?? 0, limit).map((e) => ({
      seq: e.seq,
      at: e.at,
      kind: e.kind,
      actor: e.actor,
      payload: parsePayload(e.payload),
    })),
  // The credential goes to the data folder; the worker picks it up at once.
  enrol: async ({ code }) => {
    const outcome = await enrolTerminal(ctx.db, ctx.config, code, ctx.now());
    void ctx.sync.runOnce().catch(() => undefined);
    return outcome;
  },
  displaySettings: () => readDisplaySettings(ctx.db),
  setLargeType: ({ largeType }) => announce(ctx, writeDisplaySettings(ctx.db, { largeType }, ctx.now())),
  setSpeech: (speech) => announce(ctx, writeDisplaySettings(ctx.db, { speech }, ctx.now())),
});

function announce(ctx: AdminServiceContext, settings: DisplaySettings): DisplaySettings {
  ctx.displayChanged?.(settings);
  return settings;
}

function parsePayload(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
