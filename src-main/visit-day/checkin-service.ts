// checkin.*: who has checked in for a visit (R10.1, R11.1), and the check-in steps of
// the visit day: card or manual entry, interpreter, notice, deposits, documents.
import type { Database } from 'better-sqlite3';
import { ServiceError } from '../../src-shared/ipc/result';
import type { KioskServices } from '../../src-shared/ipc/types';
import type { VisitDay } from './visit-day';
import { visitExists } from './visit-store';

interface CheckinRow {
  visit_id: string;
  document_number: string;
  name: string;
  checked_in_at: string;
}

export const createCheckinService = (db: Database, day: VisitDay): KioskServices['checkin'] => ({
  listForVisit: ({ visitId }) => {
    if (!visitExists(db, visitId)) throw new ServiceError('NOT_FOUND', `没有找到编号为 ${visitId} 的会见。`);
    return db
      .prepare<[string], CheckinRow>(
        'SELECT visit_id, document_number, name, checked_in_at FROM checkins WHERE visit_id = ? ORDER BY checked_in_at, id',
      )
      .all(visitId)
      .map((row) => ({
        visitId: row.visit_id,
        documentNumber: row.document_number,
        name: row.name,
        checkedInAt: row.checked_in_at,
      }));
  },
  roster: ({ visitId }) => day.roster(visitId),
  readCard: ({ visitId }) => day.readCard(visitId),
  manual: ({ visitId, entry }) => day.manualCheckin(visitId, entry),
  interpreter: ({ visitId, ...input }) => day.interpreter(visitId, input),
  acknowledgeNotice: ({ visitId, documentNumber }) => day.acknowledgeNotice(visitId, documentNumber),
  declareDeposits: ({ visitId, documentNumber, items }) => day.declareDeposits(visitId, documentNumber, items),
  depositItem: ({ visitId, itemId, action }) => day.depositItem(visitId, itemId, action),
  refuseDeposit: ({ visitId, documentNumber }) => day.refuseDeposit(visitId, documentNumber),
  inmateInPosition: ({ visitId }) => day.inmateInPosition(visitId),
  checkDocuments: ({ visitId, ...presented }) => day.checkDocuments(visitId, presented),
  outstandingReturns: () => day.outstandingReturns(),
});
