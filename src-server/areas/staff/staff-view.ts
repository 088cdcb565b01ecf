// How a staff account is shown over the API (never the password hash); the shape is
// declared with the endpoints (src-shared/store-api/endpoints/staff.ts).
import type { AppContext } from '../../context';
import type { Staff, StaffRole } from '../../db/schema';
import type { StaffView } from '../../../src-shared/store-api/endpoints/staff';

export function toStaffView(row: Staff, roles: StaffRole[], now: Date): StaffView {
  const locked = row.locked_until !== null && row.locked_until > now.toISOString();
  return {
    id: row.id,
    organisationId: row.organisation_id,
    username: row.username,
    displayName: row.display_name,
    roles: [...roles].sort(),
    active: row.active === 1,
    lockedUntil: locked ? row.locked_until : null,
    createdAt: row.created_at,
  };
}

/** Staff rows with their roles, in the order given. */
export async function withRoles(ctx: AppContext, rows: Staff[]): Promise<StaffView[]> {
  if (rows.length === 0) return [];
  const roles = await ctx.db
    .selectFrom('staff_roles')
    .select(['staff_id', 'role'])
    .where(
      'staff_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const now = ctx.clock();
  return rows.map((row) =>
    toStaffView(
      row,
      roles.filter((r) => r.staff_id === row.id).map((r) => r.role),
      now,
    ),
  );
}
