// The store's clock on every /api answer: its time in milliseconds since the epoch, set as
// the answer leaves (src-server/http/store-time.ts). The terminal reads it with the request's
// round trip to estimate its own clock's offset (src-main/clock/); the Date header's
// one-second resolution is too coarse for the two-second alert.
export const STORE_TIME_HEADER = 'x-store-time';

/** A header value the terminal accepts: digits only, a plausible epoch (2000–2200). */
export function parseStoreTime(value: string | null): number | null {
  if (value === null || !/^\d{12,14}$/.test(value)) return null;
  const ms = Number(value);
  return ms >= 946_684_800_000 && ms <= 7_258_118_400_000 ? ms : null;
}
