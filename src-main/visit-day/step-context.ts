// What a visit-day step needs: the store, this terminal, the time, and who acts (R25.1:
// the operating administrator, with the other logged-in administrator(s) named).
import type { Database } from 'better-sqlite3';
import type { LoggedInAdmin } from './admin-session';
import { recordStep } from './record-step';
import type { JsonObject } from '../../src-shared/audit/canonical-json';

export interface StepContext {
  readonly db: Database;
  readonly terminalId: string;
  readonly now: Date;
  readonly operator: LoggedInAdmin;
  readonly supervisors: readonly LoggedInAdmin[];
}

/** Records a step attributed by name to the operator and the supervising administrator(s). */
export function recordAttributed(ctx: StepContext, kind: string, payload: JsonObject, write?: () => void): void {
  recordStep(
    ctx.db,
    ctx.terminalId,
    {
      kind,
      actor: ctx.operator.staffId,
      payload: { ...payload, operator: ctx.operator.name, supervisors: ctx.supervisors.map((s) => s.name) },
    },
    ctx.now,
    write,
  );
}
