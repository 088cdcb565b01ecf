// Pulled configuration, kept in the local kv so it holds offline:
//   retention  → the deletion rule: the longest of the terminal's own setting, the
//                store's, and the legal minimum (R13.1; deleting is irreversible, so
//                neither side can shorten the other's);
//   calendar   → the terminal's working-day calendar (R14.1 overrides win over the package);
//   ICE        → read by the call (pulledIceConfig) when signaling gave none;
//   limits     → shown and used as the batch size ceiling.
import type { Database } from 'better-sqlite3';
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../../src-shared/calendar';
import { MIN_RETENTION_DAYS } from '../../src-shared/retention/minimum';
import type { IceConfig } from '../../src-shared/signaling/protocol';
import { syncedConfigSchema, type SyncedConfig } from '../../src-shared/sync/config';
import { syncEndpoints } from '../../src-shared/store-api/endpoints/sync';
import { appendAudit } from '../audit/audit-log';
import { getKv, setKv } from '../store/kv';
import type { CentralClient } from '../central-store/terminal-client';
import { SYNC_KV } from './kv-keys';

/** The last configuration pulled, or null before the first pull (or if the kv row is damaged). */
export function pulledConfig(db: Database): SyncedConfig | null {
  const raw = getKv(db, SYNC_KV.config);
  if (raw === null) return null;
  try {
    const parsed = syncedConfigSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Pulls by cursor; stores and audits a changed configuration. Returns whether it changed. */
export async function pullConfig(db: Database, client: CentralClient, terminalId: string, now: () => Date): Promise<boolean> {
  const cursor = getKv(db, SYNC_KV.configCursor);
  const page = await client.call(syncEndpoints.config, { query: cursor ? { cursor } : {} });
  if (!page.changed) return false;
  const at = now();
  db.transaction(() => {
    setKv(db, SYNC_KV.config, JSON.stringify(page.config), at);
    setKv(db, SYNC_KV.configCursor, page.cursor, at);
    appendAudit(
      db,
      terminalId,
      {
        kind: 'sync.configApplied',
        payload: {
          cursor: page.cursor,
          retentionDays: page.config.retentionDays,
          iceServers: page.config.ice.iceServers.length,
          calendarYears: page.config.calendar.years.length,
          calendarDays: page.config.calendar.days.length,
        },
      },
      at,
    );
  })();
  return true;
}

/** R13.1: the retention the deletion rule applies. */
export function effectiveRetentionDays(db: Database, localDays: number): number {
  const central = pulledConfig(db)?.retentionDays ?? 0;
  return Math.max(MIN_RETENTION_DAYS, Number.isFinite(localDays) ? localDays : 0, central);
}

/** R14.1: the working-day calendar with the store's overrides (the package's data alone before the first pull). */
export const terminalCalendar = (db: Database): WorkingDayCalendar => createWorkingDayCalendar(pulledConfig(db)?.calendar ?? {});

/** The STUN/TURN servers the store configured, for the call; null before the first pull. */
export const pulledIceConfig = (db: Database): IceConfig | null => pulledConfig(db)?.ice ?? null;
