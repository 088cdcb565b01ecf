// Where the day's snapshot comes from. The sync worker (being built against the central
// store's GET /api/sync/visits) implements VisitSource over HTTP; until then tests and the
// demo use a fixed snapshot. Either way the snapshot lands through importDaySnapshot.
import type { Database } from 'better-sqlite3';
import { importDaySnapshot, type ImportOutcome, type ImportTarget } from './import-snapshot';
import type { DaySnapshotInput } from './snapshot-schema';

export interface VisitSource {
  /** The room's visits on `date` (YYYY-MM-DD) and the site's staff credential hashes. */
  fetchDay(request: { siteId: string; roomId: string; date: string }): Promise<unknown>;
}

/** A source that always answers with the same snapshot (tests, demo, a USB hand-over). */
export const fixedVisitSource = (snapshot: DaySnapshotInput): VisitSource => ({
  fetchDay: () => Promise.resolve(structuredClone(snapshot)),
});

/** Pulls one day from a source and stores it; what the sync worker will call on each pull. */
export async function refreshDay(db: Database, source: VisitSource, date: string, target: ImportTarget): Promise<ImportOutcome> {
  const snapshot = await source.fetchDay({ siteId: target.siteId, roomId: target.roomId, date });
  return importDaySnapshot(db, snapshot, target);
}
