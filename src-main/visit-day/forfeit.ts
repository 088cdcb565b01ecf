// R10.1: a party that has not checked in by the start is treated as having given up the
// visit: recorded as forfeited (视为放弃), which does not count as a used visit. Only
// visits with an imported roster are decided here; nobody checked in means forfeited.
import type { Database } from 'better-sqlite3';
import { recordStep } from './record-step';
import { isPrisonSide } from './terminal-side';
import { readDetails } from './visit-details';
import { OPEN_VISIT_STATUSES, openPlannedVisitsWithoutCheckin, transitionVisit } from './visit-store';
import { visitStart } from './visit-time';

export function forfeitDueVisits(db: Database, terminalId: string, now: Date): string[] {
  // Only the relatives' side can see whether they came: the prison's terminal never checks
  // anyone in, so it does not decide R10.1 (the visit then never starts there either).
  if (isPrisonSide(db)) return [];
  const forfeited: string[] = [];
  for (const v of openPlannedVisitsWithoutCheckin(db)) {
    if (visitStart(v.date, v.startTime) > now) continue;
    // A cancelled visit is not forfeited by anyone (nor counted): it simply does not take place.
    if (readDetails(db, v.visitId).cancelled) continue;
    const at = now.toISOString();
    recordStep(
      db,
      terminalId,
      {
        kind: 'visit.forfeited',
        actor: 'system',
        payload: {
          visitId: v.visitId,
          requirement: 'R10.1',
          reason: '会见开始时会见人未到场签到，视为放弃本次会见',
          countsAsUsed: false,
        },
      },
      now,
      () => {
        transitionVisit(db, v.visitId, OPEN_VISIT_STATUSES, 'forfeited', at);
        db.prepare('UPDATE visit_plans SET forfeited_at = ? WHERE visit_id = ?').run(at, v.visitId);
      },
    );
    forfeited.push(v.visitId);
  }
  return forfeited;
}
