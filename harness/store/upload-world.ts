// What the upload tests need on top of the seeded world: enrolled terminals
// with tokens, and visits between two rooms (written straight into the tables
// of migration 0004, since scheduling is another area's API).
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { newId } from '../../src-server/ids';

// One enrolment through the API for every suite (sync-helpers.ts owns it).
export { enrolTerminal, type EnrolledTerminal } from './sync-helpers';

export interface VisitSeed {
  prisonId: string;
  wardId: string;
  /** The prison's room. */
  roomId: string;
  /** The bureau's (or the other prison's) room. */
  remoteRoomId: string;
  partnerId: string;
}

let seq = randomInt(1_000_000, 2_000_000);

// One visit a day per seed: the slot indexes of 0004 forbid two at the same start in a room.
const slotDate = (n: number) => new Date(Date.UTC(2026, 3, 1) + (n % 3000) * 86_400_000).toISOString().slice(0, 10);

/** A scheduled visit between two rooms, with the inmate and the application it needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw inserts into another area's tables
export async function seedVisit(db: Kysely<any>, seed: VisitSeed): Promise<string> {
  const now = new Date().toISOString();
  const staff = await sql<{ id: string }>`select id from staff order by created_at limit 1`.execute(db);
  const staffId = staff.rows[0]?.id;
  if (staffId === undefined) throw new Error('no staff account to create the visit');
  const inmateId = newId();
  const applicationId = newId();
  const visitId = newId();
  seq += 1;
  await sql`insert into inmates (id, prison_id, ward_id, inmate_number, name, id_number, birth_date, citizenship, citizenship_country,
      limited_civil_capacity, admitted_on, created_at, updated_at)
    values (${inmateId}, ${seed.prisonId}, ${seed.wardId}, ${`U-${seq}`}, '张三', null, '1980-01-01', 'chinese', null, 0, null, ${now}, ${now})`.execute(
    db,
  );
  await sql`insert into applications (id, form, channel, path, inmate_id, prison_id, organisation_id, partner_id, status, outcome, category,
      received_on, preferred_date, preferred_start, preferred_minutes, decision, refusal_reason, refusal_requirements, created_by, created_at, updated_at)
    values (${applicationId}, 'form-2', 'desk', 'relative', ${inmateId}, ${seed.prisonId}, ${seed.partnerId}, ${seed.partnerId}, 'scheduled', null, 'family',
      '2026-03-02', null, null, 30, '{}', null, null, ${staffId}, ${now}, ${now})`.execute(db);
  await sql`insert into visits (id, application_id, inmate_id, room_id, remote_room_id, date, start_time, minutes, status, priority_reschedule_of,
      updated_seq, created_at, updated_at)
    values (${visitId}, ${applicationId}, ${inmateId}, ${seed.roomId}, ${seed.remoteRoomId}, ${slotDate(seq)}, '09:00',
      30, 'scheduled', null, ${seq}, ${now}, ${now})`.execute(db);
  return visitId;
}
