// How inmates are shown over the API, and the record the regulation module
// reads (src-shared/regulation Inmate): loadRegulationInmate() builds exactly
// that shape, so the rules never see a database row.
import { z } from 'zod';
import { citizenshipSchema, STATUS_PERIOD_LABELS, SUSPENSION_REASON_CODES } from '../../../src-shared/regulation';
import type { Citizenship, Inmate as RegulationInmate, StatusPeriod } from '../../../src-shared/regulation';
import type { Kysely } from 'kysely';
import type { Database, Inmate } from '../../db/schema';

const STATUS_PERIOD_KINDS = Object.keys(STATUS_PERIOD_LABELS) as [keyof typeof STATUS_PERIOD_LABELS, ...(keyof typeof STATUS_PERIOD_LABELS)[]];

export const inmateSummarySchema = z
  .object({
    id: z.string(),
    inmateNumber: z.string(),
    name: z.string(),
    prisonId: z.string(),
    wardId: z.string(),
    idNumber: z.string().nullable(),
    birthDate: z.string(),
    citizenship: citizenshipSchema,
    limitedCivilCapacity: z.boolean(),
    admittedOn: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InmateSummary' });

export const statusPeriodRecordSchema = z
  .object({ id: z.string(), kind: z.enum(STATUS_PERIOD_KINDS), start: z.string(), end: z.string().nullable(), reason: z.string().optional() })
  .meta({ id: 'StatusPeriodRecord' });
export const penaltyRecordSchema = z
  .object({ id: z.string(), kind: z.enum(['warning', 'demerit', 'confinement']), date: z.string() })
  .meta({ id: 'PenaltyRecord' });
export const suspensionRecordSchema = z
  .object({ id: z.string(), start: z.string(), end: z.string(), reason: z.enum(SUSPENSION_REASON_CODES), decidedBy: z.string() })
  .meta({ id: 'SuspensionRecord' });

export const inmateRecordSchema = inmateSummarySchema
  .extend({
    statusPeriods: z.array(statusPeriodRecordSchema),
    penalties: z.array(penaltyRecordSchema),
    suspensions: z.array(suspensionRecordSchema),
  })
  .meta({ id: 'InmateRecord' });

export type InmateSummary = z.infer<typeof inmateSummarySchema>;
export type InmateRecord = z.infer<typeof inmateRecordSchema>;
type StatusPeriodRecord = z.infer<typeof statusPeriodRecordSchema>;

function citizenshipOf(row: Inmate): Citizenship {
  if (row.citizenship === 'foreign') return { kind: 'foreign', country: row.citizenship_country ?? '未知' };
  return { kind: row.citizenship };
}

export const toInmateSummary = (row: Inmate): InmateSummary => ({
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
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The full record of one inmate (caller has already checked scope). */
export async function loadInmateRecord(db: Kysely<Database>, row: Inmate): Promise<InmateRecord> {
  const [periods, penalties, suspensions] = await Promise.all([
    db.selectFrom('inmate_status_periods').selectAll().where('inmate_id', '=', row.id).orderBy('starts_on').orderBy('id').execute(),
    db.selectFrom('inmate_penalties').selectAll().where('inmate_id', '=', row.id).orderBy('decided_on').orderBy('id').execute(),
    db.selectFrom('inmate_suspensions').selectAll().where('inmate_id', '=', row.id).orderBy('starts_on').orderBy('id').execute(),
  ]);
  return {
    ...toInmateSummary(row),
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
