// The one writer of prison_arrangements and room_arrangements: a prison's arrangements
// replaced whole in one transaction (rooms not listed lose their own hours), and kept
// on the record in staff_audit with what was set.
import type { StaffCaller } from '../../auth/caller';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { invalidField } from '../../http/api-error';
import type { ArrangementsBody } from '../../../src-shared/store-api/endpoints/arrangements';
import { auditStaffAction } from '../audit/staff-audit';
import { prisonOfRoom } from './load-policy';

export async function saveArrangements(
  ctx: AppContext,
  me: StaffCaller,
  prisonId: string,
  body: ArrangementsBody,
): Promise<void> {
  for (const [i, room] of body.rooms.entries()) {
    if ((await prisonOfRoom(ctx.db, room.roomId)) !== prisonId)
      throw invalidField(`body.rooms.${i}.roomId`, '须为本监狱（或其监区）的会见室');
  }
  const now = nowIso(ctx.clock);
  const row = {
    visits_per_month: body.adult.visitsPerMonth,
    max_minutes: body.adult.maxMinutes,
    max_visitors: body.adult.maxVisitors,
    juvenile_visits_per_month: body.juvenile.visitsPerMonth,
    juvenile_max_minutes: body.juvenile.maxMinutes,
    juvenile_max_visitors: body.juvenile.maxVisitors,
    visiting_hours: JSON.stringify(body.visitingHours),
    visiting_days: JSON.stringify([...body.visitingDays].sort()),
    updated_by: me.staffId,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('prison_arrangements')
      .values({ prison_id: prisonId, ...row })
      .onConflict((oc) => oc.column('prison_id').doUpdateSet(row))
      .execute();
    await trx.deleteFrom('room_arrangements').where('prison_id', '=', prisonId).execute();
    const rooms = body.rooms.filter((r) => r.visitingHours.length > 0 || r.visitingDays.length > 0);
    if (rooms.length > 0)
      await trx
        .insertInto('room_arrangements')
        .values(
          rooms.map((r) => ({
            room_id: r.roomId,
            prison_id: prisonId,
            visiting_hours: JSON.stringify(r.visitingHours),
            visiting_days: JSON.stringify([...r.visitingDays].sort()),
            updated_by: me.staffId,
            updated_at: now,
          })),
        )
        .execute();
  });
  await auditStaffAction(ctx, me, 'prison.arrangements.set', prisonId, { ...body });
}
