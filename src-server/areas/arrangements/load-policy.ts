// A prison's arrangements as the regulation module reads them (PrisonPolicy): its own
// limits, hours and days and its rooms', or R14.2 as written when it has set none.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { defaultPrisonPolicy, prisonPolicySchema } from '../../../src-shared/regulation/prison-policy';
import type { PrisonPolicy } from '../../../src-shared/regulation/prison-policy';

const list = <T>(json: string): T[] => JSON.parse(json) as T[];

export async function loadPrisonPolicy(db: Kysely<Database>, prisonId: string): Promise<PrisonPolicy> {
  const [row, rooms] = await Promise.all([
    db.selectFrom('prison_arrangements').selectAll().where('prison_id', '=', prisonId).executeTakeFirst(),
    db.selectFrom('room_arrangements').selectAll().where('prison_id', '=', prisonId).orderBy('room_id').execute(),
  ]);
  const base = defaultPrisonPolicy(prisonId);
  const policy = {
    ...base,
    ...(row
      ? {
          adult: {
            visitsPerMonth: Number(row.visits_per_month),
            maxMinutes: Number(row.max_minutes),
            maxVisitors: Number(row.max_visitors),
          },
          juvenile: {
            visitsPerMonth: Number(row.juvenile_visits_per_month),
            maxMinutes: Number(row.juvenile_max_minutes),
            maxVisitors: Number(row.juvenile_max_visitors),
          },
          visitingHours: list<{ start: string; end: string }>(row.visiting_hours),
          visitingDays: list<number>(row.visiting_days),
        }
      : {}),
    rooms: rooms.map((r) => ({
      roomId: r.room_id,
      visitingHours: list<{ start: string; end: string }>(r.visiting_hours),
      visitingDays: list<number>(r.visiting_days),
    })),
  };
  // Stored only after the same check; parsed again so a row edited by hand cannot loosen R14.2.
  return prisonPolicySchema.parse(policy);
}

/** The prison a room belongs to (its own organisation, or the ward's parent); null for a bureau's room. */
export async function prisonOfRoom(db: Kysely<Database>, roomId: string): Promise<string | null> {
  const row = await db
    .selectFrom('rooms')
    .innerJoin('organisations as o', 'o.id', 'rooms.organisation_id')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .select(['o.id as orgId', 'o.kind as orgKind', 'p.id as parentId', 'p.kind as parentKind'])
    .where('rooms.id', '=', roomId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.orgKind === 'prison') return row.orgId;
  if (row.orgKind === 'ward' && row.parentKind === 'prison') return row.parentId;
  return null;
}
