// R18.1: calls this terminal was in when its process died (crash, power cut) come back
// from their checkpoints: paused, reconnecting, and rejoined through the store's relay
// as soon as the window is back. One whose grace time ran out meanwhile ends as
// interrupted here, and the store hears it.
import type { Database } from 'better-sqlite3';
import type { AdminSessionState } from '../visit-day/admin-session';
import { adminsAwayAtRestore } from './admin-gap';
import { CallMachine } from './call-machine';
import type { ResolvedCallOptions } from './call-options';
import type { CallRecord } from './call-record';
import { readCheckpoints } from './checkpoints';
import type { EffectRunner } from './effect-runner';
import type { LiveCalls } from './live-calls';

export interface RestoreDeps {
  readonly db: Database;
  readonly now: () => Date;
  readonly options: Pick<ResolvedCallOptions, 'graceMs' | 'renegotiateMs' | 'signaling'>;
  readonly calls: LiveCalls;
  readonly record: CallRecord;
  readonly runner: EffectRunner;
  /** R25.1: who is logged in (after a restart, nobody: the call stands still until two are). */
  readonly session: AdminSessionState;
}

export async function restoreCalls(d: RestoreDeps): Promise<void> {
  const rows = readCheckpoints(d.db);
  if (rows.length === 0) return;
  const { graceMs, renegotiateMs } = d.options;
  const now = d.now().getTime();
  for (const row of rows) {
    if (row.problem !== null) {
      d.record.audit('call.checkpointUnreadable', 'system', { visitId: row.visitId, problem: row.problem });
      d.record.forget(row.visitId);
      continue;
    }
    const machine = CallMachine.restore(row.checkpoint, { graceMs, renegotiateMs }, row.savedAt, now);
    const call = d.calls.adopt(machine);
    d.record.audit('call.restored', 'system', {
      visitId: row.visitId,
      requirement: 'R18.1',
      elapsedMs: Math.round(row.checkpoint.elapsedMs),
      generation: machine.generation,
      downMs: Math.max(0, now - row.savedAt),
      graceMs,
    });
    const endpoint = await Promise.resolve(d.options.signaling?.()).catch(() => null);
    if (endpoint) d.runner.connect(call, endpoint);
    // A grace time already spent ends the visit now (the outcome waits for the relay).
    d.runner.apply(call, machine.tick(d.now().getTime()));
    // R25.1: a live call stands still until two administrators are logged in again here (admin-gap.ts).
    d.runner.run(call, adminsAwayAtRestore(machine, d.session.snapshot(), row.savedAt, now));
    d.runner.publish(call);
  }
}
