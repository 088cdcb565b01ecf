// Whether a terminal's stored audit chain shows that it started the call of a visit
// (`call.started`, written by the terminal when both peers' media connected). Read inside
// the ingest transaction, so entries of the batch being stored count too. The payload is
// the canonical JSON the terminal hashed; its visitId is read by the engine.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Engine } from '../../db/connect';

export const CALL_STARTED = 'call.started';

/** With `before`, only a start earlier in that chain than that entry. */
export async function chainShowsCallStarted(
  trx: Kysely<Database>,
  engine: Engine,
  terminalId: string,
  visitId: string,
  before?: { chainId: string; seq: number },
): Promise<boolean> {
  const visitOf =
    engine === 'sqlite' ? sql<string>`json_extract(payload, '$.visitId')` : sql<string>`(payload::json ->> 'visitId')`;
  const row = await trx
    .selectFrom('terminal_events')
    .select('seq')
    .where('terminal_id', '=', terminalId)
    .where('kind', '=', CALL_STARTED)
    .where(visitOf, '=', visitId)
    .$if(before !== undefined, (q) => q.where('chain_id', '=', before?.chainId ?? '').where('seq', '<', before?.seq ?? 0))
    .executeTakeFirst();
  return row !== undefined;
}
