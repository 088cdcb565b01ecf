// The terminal's estimate of the central store's clock, NTP-style: each exchange gives an
// offset (store time minus the middle of the local round trip) whose error is at most half
// its round trip, so of the last few samples the one with the lowest round trip wins, and
// samples with a long round trip are not trusted at all. now() is the local clock moved by
// the estimate (unchanged while none is known).

export interface ClockSample {
  /** Store time minus local time, at the middle of the round trip. */
  readonly offsetMs: number;
  readonly rttMs: number;
  /** Local time of the answer. */
  readonly at: Date;
}

export interface StoreClock {
  record(sample: { offsetMs: number; rttMs: number; at: Date }): void;
  offsetMs(): number | null;
  now(): Date;
}

/** Samples kept: with a round every 30 s, the best of the last four minutes. */
export const CLOCK_WINDOW = 8;
/** A sample whose answer took longer is too uncertain (±half of it) for a 2 s alert. */
export const MAX_SAMPLE_RTT_MS = 1_000;
/** A sample this far beyond the current estimate's error bounds means a clock was set: start again. */
export const STEP_MARGIN_MS = 1_000;

/** The estimate from the samples kept: the lowest round trip (the newest of equals); null without any. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (best === null || s.rttMs <= best.rttMs) best = s;
  return best;
}

export const usableSample = (s: { offsetMs: number; rttMs: number; at: Date }): boolean =>
  Number.isFinite(s.offsetMs) &&
  Number.isFinite(s.rttMs) &&
  s.rttMs >= 0 &&
  s.rttMs <= MAX_SAMPLE_RTT_MS &&
  Number.isFinite(s.at.getTime());

/**
 * The window after a new sample: the last CLOCK_WINDOW usable ones, or only the new one when
 * it cannot be the same clock as the estimate (one side's clock was set since).
 */
export function nextWindow(samples: readonly ClockSample[], sample: ClockSample): readonly ClockSample[] {
  if (!usableSample(sample)) return samples;
  const best = bestSample(samples);
  if (best !== null && Math.abs(sample.offsetMs - best.offsetMs) > (sample.rttMs + best.rttMs) / 2 + STEP_MARGIN_MS)
    return [sample];
  return [...samples, sample].slice(-CLOCK_WINDOW);
}

export function createStoreClock(localNow: () => Date): StoreClock {
  let samples: readonly ClockSample[] = [];
  const offsetMs = (): number | null => bestSample(samples)?.offsetMs ?? null;
  return {
    record(sample) {
      samples = nextWindow(samples, { offsetMs: sample.offsetMs, rttMs: sample.rttMs, at: sample.at });
    },
    offsetMs,
    now: () => new Date(localNow().getTime() + Math.round(offsetMs() ?? 0)),
  };
}

/** A sample from the store's time and the round trip, taken with the local clock as the answer arrives. */
export function sampleAt(reading: { storeTimeMs: number; rttMs: number }, answeredAt: Date): ClockSample {
  return { offsetMs: reading.storeTimeMs - (answeredAt.getTime() - reading.rttMs / 2), rttMs: reading.rttMs, at: answeredAt };
}
