// checkin.*: who has checked in for a visit (R10.1, R11.1).
import { ServiceError } from '../../src-shared/ipc/result';
import type { KioskServices } from '../../src-shared/ipc/types';
import { visitExists } from '../visit-day/visit-store';
import type { ServiceContext } from './context';

interface CheckinRow {
  visit_id: string;
  document_number: string;
  name: string;
  checked_in_at: string;
}

export const createCheckinService = (ctx: ServiceContext): Pick<KioskServices['checkin'], 'listForVisit'> => ({
  listForVisit: ({ visitId }) => {
    if (!visitExists(ctx.db, visitId)) throw new ServiceError('NOT_FOUND', `没有找到编号为 ${visitId} 的会见。`);
    return ctx.db
      .prepare<[string], CheckinRow>(
        'SELECT visit_id, document_number, name, checked_in_at FROM checkins WHERE visit_id = ? ORDER BY checked_in_at, id',
      )
      .all(visitId)
      .map((row) => ({ visitId: row.visit_id, documentNumber: row.document_number, name: row.name, checkedInAt: row.checked_in_at }));
  },
});
