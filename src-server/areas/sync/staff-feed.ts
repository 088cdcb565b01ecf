// GET /api/sync/staff (R25.1): the administrators who may log in at a terminal
// offline, with their argon2id hashes. Scoped to the terminal's own site only: the room's
// organisation, plus the prison above a ward or the bureau above an office (their
// administrators run the ward's or office's room). Never another site's staff.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { StaffPage } from '../../../src-shared/sync/schemas';

export async function siteOrganisationsOfRoom(db: Kysely<Database>, roomId: string): Promise<string[]> {
  const room = await db
    .selectFrom('rooms')
    .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
    .select(['organisations.id', 'organisations.kind', 'organisations.parent_id'])
    .where('rooms.id', '=', roomId)
    .executeTakeFirst();
  if (!room) return [];
  const below = room.kind === 'ward' || room.kind === 'office';
  return below && room.parent_id !== null ? [room.id, room.parent_id] : [room.id];
}

export async function listSiteStaff(db: Kysely<Database>, roomId: string): Promise<StaffPage> {
  const organisationIds = await siteOrganisationsOfRoom(db, roomId);
  if (organisationIds.length === 0) return { organisationIds, staff: [] };
  const rows = await db
    .selectFrom('staff')
    .innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id')
    .select(['staff.id', 'staff.organisation_id', 'staff.username', 'staff.display_name', 'staff.password_hash', 'staff.active'])
    .where('staff.organisation_id', 'in', organisationIds)
    .where('staff_roles.role', '=', 'administrator')
    .orderBy('staff.username')
    .execute();
  return {
    organisationIds,
    staff: rows.map((s) => ({
      id: s.id,
      organisationId: s.organisation_id,
      username: s.username,
      name: s.display_name,
      passwordHash: s.password_hash,
      active: Number(s.active) === 1,
    })),
  };
}
