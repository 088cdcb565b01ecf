// What a call leaves in the terminal's store: its audit entries attributed to the
// administrators or the terminal (R26.1, with the outbox through recordStep), the visit's
// status moved with the entry that moves it (visit-store.ts owns the move), and its R18.1
// checkpoint, at most a second old, gone once the visit is final.
import type { Database } from 'better-sqlite3';
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import { FINAL_VISIT_STATUSES } from '../../src-shared/signaling/protocol';
import { recordStep } from '../visit-day/record-step';
import { OPEN_VISIT_STATUSES, transitionVisit, type StoredVisitStatus } from '../visit-day/visit-store';
import type { CallStatus } from './call-effects';
import { deleteCheckpoint, saveCheckpoint } from './checkpoints';
import type { LiveCall } from './live-calls';

/** A live call is checkpointed at least this often (the countdown a restart may lose). */
const CHECKPOINT_EVERY_MS = 1_000;

/** The call starts a visit still open here and ends one open or started (it may end before the media connected). */
const CALL_MOVES_FROM: Readonly<Record<CallStatus, readonly StoredVisitStatus[]>> = {
  'in-progress': OPEN_VISIT_STATUSES,
  completed: [...OPEN_VISIT_STATUSES, 'in-progress'],
  terminated: [...OPEN_VISIT_STATUSES, 'in-progress'],
  interrupted: [...OPEN_VISIT_STATUSES, 'in-progress'],
};

export class CallRecord {
  constructor(private readonly d: { db: Database; terminalId: string; now: () => Date }) {}

  /** One audit entry; with `move`, the visit's status changes in the same transaction. */
  audit(kind: string, actor: string, payload: JsonObject, move?: { visitId: string; status: CallStatus }): void {
    const now = this.d.now();
    recordStep(
      this.d.db,
      this.d.terminalId,
      { kind, actor, payload },
      now,
      move === undefined
        ? undefined
        : () => {
            transitionVisit(this.d.db, move.visitId, CALL_MOVES_FROM[move.status], move.status, now.toISOString());
            // An ended call is not rejoined after a restart.
            if (FINAL_VISIT_STATUSES.includes(move.status as never)) deleteCheckpoint(this.d.db, move.visitId);
          },
    );
  }

  /** R18.1: what a restart needs, at most a second old (at once when the call's shape changed). */
  checkpoint(call: LiveCall): void {
    if (call.closed || !this.d.db.open) return;
    const now = this.d.now().getTime();
    const cp = call.machine.checkpoint(now);
    if (!cp) return;
    const key = `${cp.phase}|${cp.generation}|${cp.allowedMs}|${cp.hold ? 1 : 0}|${cp.notices.length}|${cp.warned.join(',')}`;
    if (call.saved && call.saved.key === key && now - call.saved.at < CHECKPOINT_EVERY_MS) return;
    saveCheckpoint(this.d.db, cp, new Date(now));
    call.saved = { at: now, key };
  }

  /** A checkpoint that could not be read is dropped (its visit is reported, not guessed at). */
  forget(visitId: string): void {
    deleteCheckpoint(this.d.db, visitId);
  }
}
