// What a terminal pulls: its room's visits, through a deliberately small view
// of the `visits` table that applications/scheduling own.
//
// Agreed columns (the rest of that table is theirs):
//   id              text, UUID                    the visit
//   room_id         text → rooms.id               the prison's room (the inmate's side)
//   remote_room_id  text → rooms.id               the bureau's / office's (or, R7.1, the other prison's) room
//   date            text 'YYYY-MM-DD' (CST)
//   start_time      text 'HH:MM' (CST)
//   minutes         integer                       booked length
//   status          text                          their state names, passed through as is
//   updated_seq     integer                       nextChangeSeq(trx) (./change-seq) on EVERY change
//                                                 a terminal should see, in the same transaction;
//                                                 unique per change, so a page boundary never splits a seq
// Both rooms' terminals see the visit; signaling admits exactly those two rooms.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface VisitFeedRow {
  id: string;
  room_id: string;
  remote_room_id: string;
  date: string;
  start_time: string;
  minutes: number;
  status: string;
  updated_seq: number;
}

const withVisits = (db: Kysely<Database>) => db.withTables<{ visits: VisitFeedRow }>();

const COLUMNS = ['id', 'room_id', 'remote_room_id', 'date', 'start_time', 'minutes', 'status', 'updated_seq'] as const;

const normalise = (row: VisitFeedRow): VisitFeedRow => ({
  ...row,
  minutes: Number(row.minutes),
  updated_seq: Number(row.updated_seq),
});

/** Visits of the room (on either side) changed after `cursor`, oldest change first. */
export async function listRoomVisitsChangedSince(
  db: Kysely<Database>,
  roomId: string,
  cursor: number,
  limit: number,
): Promise<VisitFeedRow[]> {
  const rows = await withVisits(db)
    .selectFrom('visits')
    .select(COLUMNS)
    .where((eb) => eb.or([eb('room_id', '=', roomId), eb('remote_room_id', '=', roomId)]))
    .where('updated_seq', '>', cursor)
    .orderBy('updated_seq')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

/** The two rooms (and state) of one visit, for signaling; null if there is no such visit. */
export async function findVisitRooms(
  db: Kysely<Database>,
  visitId: string,
): Promise<Pick<VisitFeedRow, 'id' | 'room_id' | 'remote_room_id' | 'status'> | null> {
  const row = await withVisits(db)
    .selectFrom('visits')
    .select(['id', 'room_id', 'remote_room_id', 'status'])
    .where('id', '=', visitId)
    .executeTakeFirst();
  return row ?? null;
}
