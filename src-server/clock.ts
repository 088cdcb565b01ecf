// Injected time source, so tests can move the clock (token expiry, lock-out).
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Timestamps are stored as ISO-8601 UTC text on both engines (db/schema.ts). */
export function isoAfter(clock: Clock, minutes: number): string {
  return new Date(clock().getTime() + minutes * 60_000).toISOString();
}

export function nowIso(clock: Clock): string {
  return clock().toISOString();
}
