// The terminal's clock against the central store, wired: store-http's readings become
// samples of the StoreClock, and a change of verdict (clock-policy.ts) is audited (R26.1),
// logged and pushed to the console. Only changes are audited: a terminal 40 s off writes
// one entry, not one per sync round.
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import type { ClockStatus } from '../../src-shared/ipc/contract';
import type { Logger } from '../log/logger';
import type { Refusal } from '../visit-day/refusal';
import { clockRefusal, clockStatus, type ClockVerdict } from './clock-policy';
import { sampleAt, type StoreClock } from './store-clock';

export interface StoreTimeReading {
  readonly storeTimeMs: number;
  readonly rttMs: number;
}

export interface ClockWatchOptions {
  readonly clock: StoreClock;
  /** The uncorrected clock the samples are measured against. */
  readonly localNow: () => Date;
  readonly limitMs: number;
  readonly logger: Logger;
  /** Writes the audit entry (kind clock.offset) with this payload. */
  readonly audit: (payload: JsonObject) => void;
  /** The status changed: tell the console. */
  readonly changed: (status: ClockStatus) => void;
}

export interface ClockWatch {
  /** One exchange's reading, as its answer arrives. */
  reading(reading: StoreTimeReading): void;
  status(): ClockStatus;
  /** The readiness blocker while the clock is beyond the limit. */
  refusal(): Refusal | null;
}

export function watchStoreClock(o: ClockWatchOptions): ClockWatch {
  let verdict: ClockVerdict = 'unknown';
  const status = (): ClockStatus => clockStatus(o.clock.offsetMs(), o.limitMs, verdict);
  return {
    reading(reading) {
      const sample = sampleAt(reading, o.localNow());
      o.clock.record(sample);
      const now = status();
      if (now.state === verdict) return;
      const previous = verdict;
      verdict = now.state;
      // Back to ok after a warning is worth a line too; unknown → ok is the normal start.
      if (now.state !== 'ok' || previous !== 'unknown') {
        o.audit({ state: now.state, previous, offsetMs: now.offsetMs, rttMs: Math.round(sample.rttMs), limitMs: o.limitMs });
      }
      if (now.state === 'ok') o.logger.info('本机时钟与中心库一致', { offsetMs: now.offsetMs });
      else o.logger.warn(now.message ?? '本机时钟与中心库不一致', { offsetMs: now.offsetMs, rttMs: sample.rttMs });
      o.changed(now);
    },
    status,
    refusal: () => clockRefusal(status()),
  };
}
