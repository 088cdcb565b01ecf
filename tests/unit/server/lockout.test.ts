import { describe, expect, it } from 'vitest';
import { AFTER_SUCCESS, afterFailure, isLocked } from '../../../src-server/auth/lockout';
import { DEFAULT_LOCKOUT } from '../../../src-server/config';

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 8, 0) + minutes * 60_000);

describe('login lock-out policy (5 failures within 15 minutes → locked 15 minutes)', () => {
  it('locks on the fifth failure within the window', () => {
    let state = AFTER_SUCCESS;
    for (let i = 0; i < 4; i++) {
      state = afterFailure(state, at(i), DEFAULT_LOCKOUT);
      expect(isLocked(state, at(i))).toBe(false);
    }
    state = afterFailure(state, at(4), DEFAULT_LOCKOUT);
    expect(isLocked(state, at(4))).toBe(true);
    expect(state.locked_until).toBe(at(19).toISOString());
    expect(isLocked(state, at(18.9))).toBe(true);
    expect(isLocked(state, at(19))).toBe(false);
  });

  it('a failure after the window starts a new count', () => {
    let state = AFTER_SUCCESS;
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i), DEFAULT_LOCKOUT);
    state = afterFailure(state, at(16), DEFAULT_LOCKOUT);
    expect(state).toEqual({ failed_logins: 1, first_failed_at: at(16).toISOString(), locked_until: null });
  });
});
