// The central store's clock as this terminal measures it: samples of the offset (NTP-style,
// from the heartbeat's exchange) and the store's time derived from the local clock.
export interface StoreClock {
  record(sample: { offsetMs: number; rttMs: number; at: Date }): void;
  offsetMs(): number | null;
  now(): Date;
}

export function createStoreClock(localNow: () => Date): StoreClock {
  let offset: number | null = null;
  return {
    record(sample) {
      offset = sample.offsetMs;
    },
    offsetMs: () => offset,
    now: () => new Date(localNow().getTime() + (offset ?? 0)),
  };
}
