// Every visit-day step goes to the audit log (R26.1) and to the outbox for the central
// store, in ONE transaction: a step is either on both or on neither.
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';
import { enqueueOutbox } from '../store/outbox';
import type { JsonObject } from '../../src-shared/audit/canonical-json';

export interface Step {
  /** e.g. 'checkin.accepted', 'auth.login'. */
  readonly kind: string;
  /** Staff id, or 'system' for the terminal's own decisions (e.g. a forfeit at the start time). */
  readonly actor: string;
  readonly payload: JsonObject;
}

export function recordStep(db: Database, terminalId: string, step: Step, now: Date, write?: () => void): void {
  db.transaction(() => {
    write?.();
    const entry = appendAudit(db, terminalId, { kind: step.kind, actor: step.actor, payload: step.payload }, now);
    enqueueOutbox(
      db,
      step.kind,
      { terminalId, auditSeq: entry.seq, auditHash: entry.hash, actor: step.actor, ...step.payload },
      entry.at,
    );
  }).immediate();
}
