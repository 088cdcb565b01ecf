// The lock-out state of one account, changed atomically on both engines. The
// policy stays the pure function of ./lockout; each change is a compare-and-set
// (an UPDATE conditioned on the state it was computed from), retried when a
// parallel login changed the row in between, so parallel wrong passwords are
// each counted exactly once.
import type { Kysely } from 'kysely';
import type { LockoutConfig } from '../config';
import type { Database } from '../db/schema';
import { AFTER_SUCCESS, afterFailure, isLocked } from './lockout';
import type { LockState } from './lockout';

/** Each round lets at least one parallel login through, and the account locks after maxFailures: a bound never reached in practice. */
const MAX_ROUNDS = 100;

const readState = (db: Kysely<Database>, staffId: string): Promise<LockState | undefined> =>
  db
    .selectFrom('staff')
    .select(['failed_logins', 'first_failed_at', 'locked_until'])
    .where('id', '=', staffId)
    .executeTakeFirst();

/** Counts one failed login; answers the state after it (a locked account stays as it is). */
export async function recordFailedLogin(
  db: Kysely<Database>,
  staffId: string,
  now: Date,
  policy: LockoutConfig,
): Promise<LockState | null> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const state = await readState(db, staffId);
    if (!state) return null;
    if (isLocked(state, now)) return state;
    const next = afterFailure(state, now, policy);
    const result = await db
      .updateTable('staff')
      .set(next)
      .where('id', '=', staffId)
      .where('failed_logins', '=', state.failed_logins)
      .where('first_failed_at', state.first_failed_at === null ? 'is' : '=', state.first_failed_at)
      .where('locked_until', state.locked_until === null ? 'is' : '=', state.locked_until)
      .executeTakeFirst();
    if (result.numUpdatedRows === 1n) return next;
  }
  throw new Error(`lock-out state of ${staffId} kept changing under parallel logins`);
}

/**
 * A correct password logs in only if, at this instant, the account is active
 * and not locked: the check and the reset are one UPDATE, so a lock set by a
 * parallel wrong guess cannot be skipped by a stale read.
 */
export async function admitLogin(db: Kysely<Database>, staffId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set(AFTER_SUCCESS)
    .where('id', '=', staffId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
