// How inmates are shown over the API, and the record the regulation module
// reads (src-shared/regulation Inmate): loadRegulationInmate() builds exactly
// that shape, so the rules never see a database row.
import type { InmateRecord, InmateSummary, StatusPeriodRecord } from '../../../src-shared/desk/records';
import type { SUSPENSION_REASON_CODES } from '../../../src-shared/regulation';
import type { Citizenship, Inmate as RegulationInmate, StatusPeriod } from '../../../src-shared/regulation';
import type { Kysely } from 'kysely';
import type { Database, Inmate } from '../../db/schema';

// The shapes are shared with the desk (src-shared/desk/records): one definition for both sides.
export {
  inmateRecordSchema,
  inmateSummarySchema,
  penaltyRecordSchema,
  statusPeriodRecordSchema,
  suspensionRecordSchema,
} from '../../../src-shared/desk/records';
export type { InmateRecord, InmateSummary } from '../../../src-shared/desk/records';

function citizenshipOf(row: Inmate): Citizenship {
  if (row.citizenship === 'foreign') return { kind: 'foreign', country: row.citizenship_country ?? '未知' };
  return { kind: row.citizenship };
}

/** The names of the wards these rows sit in (the forms print the ward's name, R8.1, R9.1). */
export async function wardNamesOf(db: Kysely<Database>, rows: readonly Pick<Inmate, 'ward_id'>[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.ward_id))];
  if (ids.length === 0) return new Map();
  const wards = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(wards.map((w) => [w.id, w.name]));
}

export const toInmateSummary = (row: Inmate, wardNames: ReadonlyMap<string, string>): InmateSummary => ({
  id: row.id,
  inmateNumber: row.inmate_number,
  name: row.name,
  prisonId: row.prison_id,
  wardId: row.ward_id,
  idNumber: row.id_number,
  birthDate: row.birth_date,
  citizenship: citizenshipOf(row),
  limitedCivilCapacity: row.limited_civil_capacity === 1,
  admittedOn: row.admitted_on,
  homeAddress: row.home_address,
  wardName: wardNames.get(row.ward_id) ?? '',
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The full record of one inmate (caller has already checked scope). */
export async function loadInmateRecord(db: Kysely<Database>, row: Inmate): Promise<InmateRecord> {
  const [periods, penalties, suspensions, wardNames] = await Promise.all([
    db
      .selectFrom('inmate_status_periods')
      .selectAll()
      .where('inmate_id', '=', row.id)
      .orderBy('starts_on')
      .orderBy('id')
      .execute(),
    db.selectFrom('inmate_penalties').selectAll().where('inmate_id', '=', row.id).orderBy('decided_on').orderBy('id').execute(),
    db.selectFrom('inmate_suspensions').selectAll().where('inmate_id', '=', row.id).orderBy('starts_on').orderBy('id').execute(),
    wardNamesOf(db, [row]),
  ]);
  return {
    ...toInmateSummary(row, wardNames),
    statusPeriods: periods.map((p): StatusPeriodRecord => ({
      id: p.id,
      kind: p.kind as StatusPeriodRecord['kind'],
      start: p.starts_on,
      end: p.ends_on,
      ...(p.reason !== null ? { reason: p.reason } : {}),
    })),
    penalties: penalties.map((p) => ({ id: p.id, kind: p.kind as 'warning' | 'demerit' | 'confinement', date: p.decided_on })),
    suspensions: suspensions.map((s) => ({
      id: s.id,
      start: s.starts_on,
      end: s.ends_on,
      reason: s.reason_code as (typeof SUSPENSION_REASON_CODES)[number],
      decidedBy: s.decided_by,
    })),
  };
}

/** The record in the regulation module's shape, for decideVisit() and friends (item 5). */
export function toRegulationInmate(record: InmateRecord): RegulationInmate {
  return {
    id: record.id,
    name: record.name,
    prisonId: record.prisonId,
    wardId: record.wardId,
    citizenship: record.citizenship,
    birthDate: record.birthDate,
    limitedCivilCapacity: record.limitedCivilCapacity,
    statusPeriods: record.statusPeriods.map(({ kind, start, end, reason }): StatusPeriod =>
      kind === 'other-restriction' ? { kind, start, end, reason: reason ?? '' } : { kind, start, end },
    ),
    penalties: record.penalties.map(({ kind, date }) => ({ kind, date })),
    suspensions: record.suspensions.map(({ start, end, reason, decidedBy }) => ({ start, end, reason, decidedBy })),
  };
}
