// What a heartbeat reports, read from where it lives: the local store (equipment checks,
// the unsent audit chain, outbox and uploads, today's visit), the OS and the recordings'
// disk. Reads only; the tables belong to their own modules.
import { arch, platform, release, uptime } from 'node:os';
import type { Database } from 'better-sqlite3';
import { chinaDate } from '../../src-shared/calendar';
import type { EquipmentRow } from './collect-heartbeat';
import { pushedSeq } from '../sync/push-audit';

export const osFacts = (): { platform: string; release: string; arch: string } => ({
  platform: platform(),
  release: release(),
  arch: arch(),
});
export const osUptimeSeconds = (): number => uptime();

export function readEquipment(db: Database): EquipmentRow[] {
  return db
    .prepare<[], { name: string; ok: number; detail: string; checked_at: string }>(
      `SELECT e.name, e.ok, e.detail, e.checked_at FROM equipment_checks e
       WHERE e.checked_at = (SELECT MAX(checked_at) FROM equipment_checks WHERE name = e.name)`,
    )
    .all()
    .map((r) => ({ name: r.name, ok: r.ok === 1, detail: r.detail, checkedAt: r.checked_at }));
}

/** What still waits to reach the store: audit entries, outbox events and upload bytes. */
export function readBacklog(db: Database, terminalId: string): { events: number; bytes: number; oldestAt: string | null } {
  type Row = { n: number; bytes: number | null; oldest: string | null };
  const audit = db
    .prepare<[string, number], Row>(
      'SELECT COUNT(*) AS n, SUM(length(payload)) AS bytes, MIN(at) AS oldest FROM audit_log WHERE terminal_id = ? AND seq > ?',
    )
    .get(terminalId, pushedSeq(db));
  const outbox = db
    .prepare<[], Row>(
      'SELECT COUNT(*) AS n, SUM(length(payload)) AS bytes, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL',
    )
    .get();
  const uploads = db
    .prepare<[], { bytes: number | null }>(
      "SELECT SUM(MAX(bytes - sent_bytes, 0)) AS bytes FROM sync_uploads WHERE state IN ('pending', 'uploaded')",
    )
    .get();
  const oldest = [audit?.oldest, outbox?.oldest].filter((x): x is string => typeof x === 'string').sort()[0] ?? null;
  return {
    events: (audit?.n ?? 0) + (outbox?.n ?? 0),
    bytes: (audit?.bytes ?? 0) + (outbox?.bytes ?? 0) + (uploads?.bytes ?? 0),
    oldestAt: oldest,
  };
}

/** The visit that matters now: one in progress, else one checking in, else today's next scheduled one. */
export function readVisitState(db: Database, now: Date): { state: string; visitId: string | null } {
  const row = db
    .prepare<[string], { visit_id: string; status: string }>(
      `SELECT visit_id, status FROM visits WHERE date = ? AND status IN ('in-progress', 'checking-in', 'scheduled')
       ORDER BY CASE status WHEN 'in-progress' THEN 0 WHEN 'checking-in' THEN 1 ELSE 2 END, start_time LIMIT 1`,
    )
    .get(chinaDate(now));
  return row ? { state: row.status, visitId: row.visit_id } : { state: 'idle', visitId: null };
}
