// Reopen delays after an unplug: quick at first (a cable reseated), then
// slower, so an absent reader costs nothing.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000, factor: 2 };

/** Delay before reopen attempt number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const delay = options.initialMs * options.factor ** Math.max(0, attempt);
  return Math.min(options.maxMs, Number.isFinite(delay) ? delay : options.maxMs);
}
