// One approved visit written straight into a central store's database, with the parents its
// foreign keys need (an inmate, an approved Form 2 application): set-up for tests, the simulated
// terminals and benchmarks, not the thing measured. updated_seq comes from nextChangeSeq in the
// caller's transaction, as the store books a visit (areas/sync/change-seq.ts: the terminals' pull cursor).
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database, VisitStatus } from '../../src-server/db/schema';
import { nextChangeSeq } from '../../src-server/areas/sync/change-seq';

export interface ApprovedVisitRows {
  prisonId: string;
  wardId: string;
  /** The bureau (or other prison) that holds the application and its room. */
  partnerId: string;
  /** A staff id (the application's creator). */
  createdBy: string;
  /** The prison (ward) room and the partner's room. */
  roomId: string;
  remoteRoomId: string;
  date: string;
  startTime: string;
  minutes: number;
  status?: VisitStatus;
  inmateNumber: string;
  inmateName: string;
  /** Created/updated timestamps (ISO); received_on is its date unless given. */
  now: string;
  receivedOn?: string;
  visitId?: string;
}

/** Call inside a transaction (the visit's change sequence must commit with it). Returns the visit id. */
export async function insertApprovedVisit(trx: Kysely<Database>, rows: ApprovedVisitRows): Promise<string> {
  const inmateId = randomUUID();
  const applicationId = randomUUID();
  const visitId = rows.visitId ?? randomUUID();
  const { now } = rows;
  await trx
    .insertInto('inmates')
    .values({
      id: inmateId,
      prison_id: rows.prisonId,
      ward_id: rows.wardId,
      inmate_number: rows.inmateNumber,
      name: rows.inmateName,
      id_number: null,
      birth_date: '1980-01-01',
      citizenship: 'chinese',
      citizenship_country: null,
      limited_civil_capacity: 0,
      admitted_on: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('applications')
    .values({
      id: applicationId,
      form: 'form-2',
      channel: 'desk',
      path: 'relative',
      inmate_id: inmateId,
      prison_id: rows.prisonId,
      organisation_id: rows.partnerId,
      partner_id: rows.partnerId,
      status: 'approved',
      outcome: 'approved',
      category: 'family',
      received_on: rows.receivedOn ?? now.slice(0, 10),
      preferred_date: null,
      preferred_start: null,
      preferred_minutes: 30,
      decision: '{}',
      refusal_reason: null,
      refusal_requirements: null,
      created_by: rows.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('visits')
    .values({
      id: visitId,
      application_id: applicationId,
      inmate_id: inmateId,
      room_id: rows.roomId,
      remote_room_id: rows.remoteRoomId,
      date: rows.date,
      start_time: rows.startTime,
      minutes: rows.minutes,
      status: rows.status ?? 'scheduled',
      priority_reschedule_of: null,
      updated_seq: await nextChangeSeq(trx),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return visitId;
}
