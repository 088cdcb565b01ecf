// R19.1 after the visit: every deposited item is handed back to its owner. Items still in
// custody are listed for the administrators (with whether the visit is over), so a visitor
// leaving without their phone is seen, not found days later in a drawer.
import type { Database } from 'better-sqlite3';
import { DEPOSIT_LABELS } from './deposits';
import type { DepositItem, VisitStatus } from './visit-model';
import { readDetails, shownStatus } from './visit-details';
import type { StoredVisitStatus } from './visit-store';
import { documentTail } from './visit-time';

export interface OutstandingReturn {
  visitId: string;
  date: string;
  startTime: string;
  inmateName: string;
  visitStatus: VisitStatus;
  /** The visit has ended (or will not take place): the owner is leaving or has left. */
  visitOver: boolean;
  itemId: number;
  item: DepositItem;
  itemLabel: string;
  description: string;
  owner: string;
  documentTail: string;
  depositedAt: string;
}

const OVER: ReadonlySet<VisitStatus> = new Set(['completed', 'forfeited', 'interrupted', 'terminated', 'cancelled']);

export function outstandingReturns(db: Database): OutstandingReturn[] {
  return db
    .prepare<
      [],
      {
        visit_id: string;
        date: string;
        start_time: string;
        inmate_name: string;
        status: StoredVisitStatus;
        id: number;
        item: DepositItem;
        description: string;
        owner: string | null;
        document_number: string;
        deposited_at: string;
      }
    >(
      `SELECT v.visit_id, v.date, v.start_time, v.inmate_name, v.status, i.id, i.item, i.description, a.name AS owner, i.document_number, i.deposited_at
       FROM deposit_items i JOIN visits v ON v.visit_id = i.visit_id
       LEFT JOIN approved_visitors a ON a.visit_id = i.visit_id AND a.document_number = i.document_number
       WHERE i.deposited_at IS NOT NULL AND i.returned_at IS NULL
       ORDER BY v.date, v.start_time, i.id`,
    )
    .all()
    .map((r) => {
      const status: VisitStatus = shownStatus(readDetails(db, r.visit_id), r.status);
      return {
        visitId: r.visit_id,
        date: r.date,
        startTime: r.start_time,
        inmateName: r.inmate_name,
        visitStatus: status,
        visitOver: OVER.has(status),
        itemId: r.id,
        item: r.item,
        itemLabel: DEPOSIT_LABELS[r.item],
        description: r.description,
        owner: r.owner ?? '',
        documentTail: documentTail(r.document_number),
        depositedAt: r.deposited_at,
      };
    });
}
