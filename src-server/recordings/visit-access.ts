// Which visits a terminal may upload for: a terminal acts only for its own
// room, so it must be one of the visit's two rooms (room_id, remote_room_id).
import type { TerminalCaller } from '../auth/caller';
import type { AppContext } from '../context';
import { forbidden, invalidField } from '../http/api-error';

// The visits table belongs to the applications area (migration 0004); only the
// two room columns are read here.
type VisitRooms = {
  visits: { id: string; room_id: string; remote_room_id: string | null };
};

/** Throws 400 (metadata.visitId) for an unknown visit, 403 when the terminal's room is not one of the visit's. */
export async function assertTerminalOfVisit(
  ctx: AppContext,
  caller: TerminalCaller,
  visitId: string,
  field = 'metadata.visitId',
): Promise<void> {
  const visit = await ctx.db
    .withTables<VisitRooms>()
    .selectFrom('visits')
    .select(['visits.room_id', 'visits.remote_room_id'])
    .where('visits.id', '=', visitId)
    .executeTakeFirst();
  if (!visit) throw invalidField(field, '会见不存在');
  if (visit.room_id !== caller.roomId && visit.remote_room_id !== caller.roomId) {
    throw forbidden('本终端不属于该会见的会见室，不能为其上传或查询录像');
  }
}
