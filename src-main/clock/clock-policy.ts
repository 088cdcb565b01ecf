// What the measured offset against the central store means for this terminal: unknown (no
// usable exchange yet), ok, warn (over 2 s: the administrators are told, and the terminal
// runs on the store's time), refuse (over the configured limit: no visit starts, since a
// clock that far off means something is wrong beyond a drifting quartz; R10.1 forfeits at
// the start time and R14.2's minutes are counted by it).
import type { ClockStatus } from '../../src-shared/ipc/contract';
import { refusal, type Refusal } from '../visit-day/refusal';

export type ClockVerdict = ClockStatus['state'];

/** Beyond this the administrators are warned. */
export const CLOCK_WARN_MS = 2_000;
/** A warned clock is ok again only below this, so an offset near 2 s does not flap (and audit) every round. */
export const CLOCK_CLEAR_MS = 1_500;
/** The configuration's default for clockLimitSeconds: above it no visit starts. */
export const DEFAULT_CLOCK_LIMIT_SECONDS = 300;

/** `previous`: the verdict so far (a warning holds down to CLOCK_CLEAR_MS). */
export function clockVerdict(offsetMs: number | null, limitMs: number, previous: ClockVerdict = 'unknown'): ClockVerdict {
  if (offsetMs === null) return 'unknown';
  const off = Math.abs(offsetMs);
  if (off > limitMs) return 'refuse';
  const warned = previous === 'warn' || previous === 'refuse';
  return off > (warned ? CLOCK_CLEAR_MS : CLOCK_WARN_MS) ? 'warn' : 'ok';
}

/** Whole seconds for the console; one decimal under ten seconds. */
const seconds = (ms: number): string => {
  const s = Math.abs(ms) / 1000;
  return s < 10 ? s.toFixed(1) : String(Math.round(s));
};

export function clockStatus(offsetMs: number | null, limitMs: number, previous: ClockVerdict = 'unknown'): ClockStatus {
  const state = clockVerdict(offsetMs, limitMs, previous);
  const rounded = offsetMs === null ? null : Math.round(offsetMs);
  if (state === 'warn')
    return { state, offsetMs: rounded, message: `本机时钟与中心库相差 ${seconds(offsetMs ?? 0)} 秒，已按中心库时间校正` };
  if (state === 'refuse') {
    return {
      state,
      offsetMs: rounded,
      message: `本机时钟与中心库相差 ${seconds(offsetMs ?? 0)} 秒，超过 ${Math.round(limitMs / 1000)} 秒的上限，不能开始会见；请校正本机时钟后重试`,
    };
  }
  return { state, offsetMs: rounded, message: null };
}

/** The readiness blocker while the clock is beyond the limit. */
export const clockRefusal = (status: ClockStatus): Refusal | null =>
  status.state === 'refuse' && status.message !== null ? refusal('R10.1', 'clock-off', status.message) : null;
