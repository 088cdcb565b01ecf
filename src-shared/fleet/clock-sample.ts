// The NTP arithmetic over one exchange: t0 sent (terminal's clock), t1 received and t2
// answered (store's clock), t3 answer received (terminal's clock). offset is how far the
// store's clock is ahead of the terminal's; rtt excludes the store's own time.
export interface ClockSample {
  readonly offsetMs: number;
  readonly rttMs: number;
}

export function clockSample(t0: number, t1: number, t2: number, t3: number): ClockSample {
  return { offsetMs: (t1 - t0 + (t2 - t3)) / 2, rttMs: Math.max(0, t3 - t0 - (t2 - t1)) };
}
