// Two archives of one visit played side by side (issue #19 item 3): each terminal started
// recording at its own moment, so each side sits at an offset on the visit's timeline. The
// prison's picture leads; the other follows it whenever it drifts more than a few frames.
// Pure arithmetic here; the page applies it to its two <video> elements.

export interface PlayerSide {
  /** Where this archive starts on the visit's timeline. */
  readonly offsetMs: number;
  readonly durationMs: number;
}

/** Allowed drift before the follower is moved (a quarter of a second: lips and words stay together). */
export const MAX_DRIFT_S = 0.25;

/** Where a side's archive must be (seconds) for a moment of the visit; clamped to the archive. */
export const sideSeconds = (visitMs: number, side: PlayerSide): number =>
  Math.min(Math.max(0, visitMs - side.offsetMs), side.durationMs) / 1000;

/** The visit's moment a side's archive shows at `seconds`. */
export const visitMsOf = (seconds: number, side: PlayerSide): number => Math.round(seconds * 1000) + side.offsetMs;

/** The visit's length: until the later archive ends. */
export const visitLengthMs = (sides: readonly PlayerSide[]): number =>
  sides.reduce((max, s) => Math.max(max, s.offsetMs + s.durationMs), 0);

/** The seconds a follower must jump to, or null when it is close enough. */
export function followerCorrection(leaderVisitMs: number, follower: PlayerSide, followerSeconds: number): number | null {
  const want = sideSeconds(leaderVisitMs, follower);
  return Math.abs(want - followerSeconds) > MAX_DRIFT_S ? want : null;
}
