// Lock-out after repeated failed logins (README "Accounts"): maxFailures
// failures within windowMinutes lock the account for lockMinutes. Pure, so
// the policy is tested without a database.
import type { LockoutConfig } from '../config';

export interface LockState {
  failed_logins: number;
  first_failed_at: string | null;
  locked_until: string | null;
}

export const isLocked = (state: LockState, now: Date): boolean =>
  state.locked_until !== null && state.locked_until > now.toISOString();

export function afterFailure(state: LockState, now: Date, policy: LockoutConfig): LockState {
  const windowStart = new Date(now.getTime() - policy.windowMinutes * 60_000).toISOString();
  const inWindow = state.first_failed_at !== null && state.first_failed_at > windowStart;
  const failed = inWindow ? state.failed_logins + 1 : 1;
  if (failed >= policy.maxFailures) {
    return {
      failed_logins: 0,
      first_failed_at: null,
      locked_until: new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString(),
    };
  }
  return { failed_logins: failed, first_failed_at: inWindow ? state.first_failed_at : now.toISOString(), locked_until: null };
}

export const AFTER_SUCCESS: LockState = { failed_logins: 0, first_failed_at: null, locked_until: null };
