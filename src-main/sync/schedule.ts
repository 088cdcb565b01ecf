// When the next sync round runs: at once while more work waits, after the interval when
// all is sent (or the chain alarm stands, or the terminal is not enrolled), else after an
// exponential back-off with jitter that grows with the failures in a row. The timer never
// keeps the process alive on its own.
import { backoffDelay, withEqualJitter } from '../../src-shared/retry/backoff';
import type { SyncState } from './status';

export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: SyncTimers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface ScheduleOptions {
  /** Between rounds when all is sent. */
  readonly intervalMs: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly random?: () => number;
}

/** The delay before the next round after one that ended so; `failures` (in a row) is read only after a failure. */
export function nextRoundIn(
  outcome: { ok: boolean; state: SyncState; more: boolean },
  failures: () => number,
  o: ScheduleOptions,
): number {
  if (outcome.state === 'unenrolled') return o.intervalMs;
  if (outcome.ok && outcome.more) return 0;
  if (outcome.ok || outcome.state === 'alarm') return o.intervalMs;
  const delay = backoffDelay(Math.min(30, failures() - 1), {
    initialMs: o.backoffBaseMs ?? 2_000,
    maxMs: o.backoffMaxMs ?? 300_000,
  });
  return withEqualJitter(delay, o.random);
}

/** The one pending round; `nextAttemptAt` is shown on the console. */
export class RoundTimer {
  private handle: unknown = null;
  private stopped = false;
  nextAttemptAt: string | null = null;

  constructor(
    private readonly timers: SyncTimers,
    private readonly now: () => Date,
    private readonly fire: () => void,
  ) {}

  schedule(ms: number): void {
    if (this.stopped) return;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.nextAttemptAt = new Date(this.now().getTime() + ms).toISOString();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.fire();
    }, ms);
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }
}
