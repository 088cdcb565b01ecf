// Every desk method answers a DeskOutcome (src-shared/desk/outcome.ts). Screens want one
// failure path: the value, or a DeskRefusalError carrying the store's zh-CN sentence and
// the requirement id (R14.1, R15.1(4) …) that refused it. A broken IPC call (KioskCallError)
// becomes a refusal too, so a screen always has something to show and nothing changed.
import { KioskCallError } from '../../kiosk-client';
import type { DeskOutcome, DeskRefusal } from '../../kiosk-types';

export class DeskRefusalError extends Error {
  readonly refusal: DeskRefusal;
  constructor(refusal: DeskRefusal) {
    super(refusal.message);
    this.name = 'DeskRefusalError';
    this.refusal = refusal;
  }
}

export async function deskCall<T>(pending: Promise<DeskOutcome<T>>): Promise<T> {
  let outcome: DeskOutcome<T>;
  try {
    outcome = await pending;
  } catch (error) {
    if (error instanceof KioskCallError) {
      throw new DeskRefusalError({ requirement: null, code: error.code, message: error.message, issues: error.issues });
    }
    throw new DeskRefusalError({
      requirement: null,
      code: 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  if (outcome.accepted) return outcome.value;
  throw new DeskRefusalError(outcome.refusal);
}

export const refusalOf = (error: unknown): DeskRefusal =>
  error instanceof DeskRefusalError
    ? error.refusal
    : { requirement: null, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
