// Issue #20 item 3: each scheduled job's last run, shared by the nodes. A run is claimed by a
// conditional update (its period has passed since the last one), so a period runs once in the
// cluster even when two nodes believe they lead for a moment around a handover. A job's first
// sight starts its clock: the first run comes one period later, as with a plain timer.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** True when this node may run the job now (and the run is recorded). */
export async function claimRun(
  db: Kysely<Database>,
  job: { name: string; periodMs: number },
  node: string,
  nowMs: number,
): Promise<boolean> {
  await db
    .insertInto('scheduled_job_runs')
    .values({ name: job.name, last_run_ms: nowMs, last_node: node, runs: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const claimed = await db
    .updateTable('scheduled_job_runs')
    .set((eb) => ({ last_run_ms: nowMs, last_node: node, runs: eb('runs', '+', 1) }))
    .where('name', '=', job.name)
    .where('last_run_ms', '<=', nowMs - job.periodMs)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
