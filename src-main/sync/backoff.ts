// Exponential back-off with "equal jitter": half the delay fixed, half random, so a
// site's terminals coming back after an outage do not all knock at the same moment.
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  /** 0 ≤ x < 1; Math.random by default, fixed in tests. */
  readonly random?: () => number;
}

/** Delay before attempt number `failures` + 1 (failures ≥ 1). */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
  const random = options.random ?? Math.random;
  return Math.round(exp / 2 + (exp / 2) * random());
}
