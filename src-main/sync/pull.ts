// Pull: the room's visits by cursor and the site's administrators with
// their argon2id hashes, kept locally; today's part becomes the day snapshot that check-in
// and offline login read (importDaySnapshot), so the terminal runs a week without the store.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { RELATIONSHIP_CODES, type RelationshipCode } from '../../src-shared/regulation/relationships';
import { syncEndpoints } from '../../src-shared/store-api/endpoints/sync';
import { staffPageSchema, type StaffPage, type SyncedVisit } from '../../src-shared/sync/schemas';
import { chinaDate } from '../../src-shared/calendar/china-time';
import { getKv, setKv } from '../store/kv';
import { importDaySnapshot, type ImportOutcome, type ImportTarget } from '../visit-day/import-snapshot';
import type { DaySnapshotInput } from '../visit-day/snapshot-schema';
import type { CentralClient } from '../central-store/terminal-client';
import { SYNC_KV } from './kv-keys';

const PAGE = 200;
const RELATIONSHIPS = new Set<string>(RELATIONSHIP_CODES);

/** Pages through the visit feed from the stored cursor; returns how many visits changed. */
export async function pullVisits(db: Database, client: CentralClient, now: () => Date, maxPages = 20): Promise<number> {
  const upsert = db.prepare(
    `INSERT INTO sync_visits (visit_id, date, status, seq, body, pulled_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (visit_id) DO UPDATE SET date = excluded.date, status = excluded.status, seq = excluded.seq, body = excluded.body, pulled_at = excluded.pulled_at`,
  );
  let changed = 0;
  for (let page = 0; page < maxPages; page++) {
    const cursor = Number(getKv(db, SYNC_KV.visitsCursor) ?? '0');
    const answer = await client.call(syncEndpoints.visits, { query: { cursor, limit: PAGE } });
    const at = now();
    // The page and its cursor in one transaction: a crash never skips or repeats a page.
    db.transaction(() => {
      for (const v of answer.visits) upsert.run(v.id, v.date, v.status, v.seq, JSON.stringify(v), at.toISOString());
      setKv(db, SYNC_KV.visitsCursor, String(answer.cursor), at);
    })();
    changed += answer.visits.length;
    if (!answer.hasMore) break;
  }
  return changed;
}

export async function pullStaff(db: Database, client: CentralClient, now: () => Date): Promise<StaffPage> {
  const page = await client.call(syncEndpoints.staff, {});
  setKv(db, SYNC_KV.staff, JSON.stringify(page), now());
  return page;
}

type SnapshotVisit = DaySnapshotInput['visits'][number];

/** A pulled visit as the day snapshot wants it; null when check-in could not use it. */
function toSnapshotVisit(v: SyncedVisit, roomId: string): SnapshotVisit | null {
  // R36.1/R37.1 family visitors only: special visitors (R34.1) have no relationship code
  // and are checked in by the administrators outside this list.
  const visitors = v.visitors
    .filter(
      (p): p is typeof p & { relationship: RelationshipCode } =>
        p.relationship !== null && RELATIONSHIPS.has(p.relationship) && p.documentNumber.length >= 6,
    )
    .slice(0, 6)
    .map((p) => ({ visitorId: p.id, name: p.name, documentNumber: p.documentNumber, relationship: p.relationship }));
  if (visitors.length === 0 || v.inmate.id === '') return null;
  return {
    // R10.1: forfeited at the other terminal (the store marked it); otherwise still to take place.
    status: v.status === 'forfeited' ? 'forfeited' : 'scheduled',
    visitId: v.id,
    roomId,
    date: v.date,
    startTime: v.startTime,
    minutes: v.minutes,
    inmate: { inmateId: v.inmate.id, name: v.inmate.name },
    visitors,
    languages: v.languages,
    // R14.2/R14.3: the prison's own limit or the warden's approval, as the store approved it.
    ...(v.maxVisitors !== undefined ? { maxVisitors: v.maxVisitors } : {}),
  };
}

export function buildDaySnapshot(db: Database, target: ImportTarget, date: string): DaySnapshotInput {
  const visits = db
    .prepare<[string], { body: string }>(
      "SELECT body FROM sync_visits WHERE date = ? AND status IN ('scheduled', 'forfeited') ORDER BY json_extract(body, '$.startTime'), visit_id",
    )
    .all(date)
    .map((r) => toSnapshotVisit(JSON.parse(r.body) as SyncedVisit, target.roomId))
    .filter((v): v is SnapshotVisit => v !== null)
    .slice(0, 200);
  const staffJson = getKv(db, SYNC_KV.staff);
  const staff = staffJson === null ? [] : staffPageSchema.parse(JSON.parse(staffJson)).staff;
  return {
    siteId: target.siteId,
    roomId: target.roomId,
    date,
    generatedAt: target.now.toISOString(),
    visits,
    // The store scoped the list to this site already (GET /api/sync/staff).
    staff: staff
      .filter((s) => s.passwordHash.startsWith('$argon2id$') && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(s.id))
      .slice(0, 500)
      .map((s) => ({
        staffId: s.id,
        siteId: target.siteId,
        username: s.username,
        name: s.name,
        passwordHash: s.passwordHash,
        active: s.active,
      })),
  };
}

/** Imports today's snapshot when it differs from the last one imported (each import is audited). */
export function importToday(db: Database, target: ImportTarget): ImportOutcome | null {
  const date = chinaDate(target.now);
  const snapshot = buildDaySnapshot(db, target, date);
  const digest = createHash('sha256')
    .update(JSON.stringify({ ...snapshot, generatedAt: '' }))
    .digest('hex');
  if (getKv(db, SYNC_KV.importedDigest) === digest) return null;
  const outcome = importDaySnapshot(db, snapshot, target);
  setKv(db, SYNC_KV.importedDigest, digest, target.now);
  return outcome;
}
