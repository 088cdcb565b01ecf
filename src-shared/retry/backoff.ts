// Exponential back-off for every retry loop (sync, signaling, ID-card reader, ffmpeg
// restarts), so one formula decides how quickly a failing peer is knocked at again.
export interface Backoff {
  /** Delay before the first retry. */
  readonly initialMs: number;
  /** No delay grows beyond this. */
  readonly maxMs: number;
  /** Growth per attempt; 2 unless given. */
  readonly factor?: number;
}

/** Delay before retry number `attempt` (0-based): initialMs · factor^attempt, at most maxMs. */
export function backoffDelay(attempt: number, backoff: Backoff): number {
  const delay = backoff.initialMs * (backoff.factor ?? 2) ** Math.max(0, attempt);
  return Math.min(backoff.maxMs, Number.isFinite(delay) ? delay : backoff.maxMs);
}

/**
 * "Equal jitter": half the delay fixed, half random, so many clients coming back after
 * an outage do not all knock at the same moment. `random` is 0 ≤ x < 1 (fixed in tests).
 */
export function withEqualJitter(delayMs: number, random: () => number = Math.random): number {
  return Math.round(delayMs / 2 + (delayMs / 2) * random());
}
