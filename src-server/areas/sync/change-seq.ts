// The store-wide change sequence that sync cursors count in (monotonic, not
// timestamps: clocks jump, sequences do not). Whoever changes a row a terminal
// pulls (a visit's booking, time or status) sets that row's `updated_seq` to
// nextChangeSeq(trx) INSIDE the same transaction. The counter row is locked
// until commit, so numbers are handed out in commit order and a terminal
// paging with `updated_seq > cursor` never skips a change that committed late.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function nextChangeSeq(db: Kysely<Database>): Promise<number> {
  const row = await db
    .updateTable('sync_sequence')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'changes')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
