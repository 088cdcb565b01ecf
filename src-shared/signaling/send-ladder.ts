// Issue #23 item 4, the sending side: an explicit encoding ladder chosen from the link this
// terminal's own video crosses (the other side's receiver reports: loss and round trip), and
// the moment the link comes back after an outage (R18.1) so a key frame can go at once.
// Why a ladder: left to itself Chromium's 'balanced' preference drops a 360-line picture to
// 270 lines at under 10 fps as soon as the congestion estimate falls (it does on a lossy,
// jittery line far below the line's real rate), and the poor line asks for ≥ 10 fps
// at ≥ 360 lines. 360 lines at 15 fps fit in 300–500 kbit/s, so on a poor link the picture is
// held at 360 lines ('maintain-resolution': the encoder coarsens and drops frames, it does not
// shrink), capped in rate and bitrate so the line keeps room for the sound and retransmissions.
// On a bad link the sound matters more than the picture: 'balanced' again, lower caps.
// Pure: the renderer (src-renderer/call/link-watch.ts) feeds it getStats readings.

export type Rung = 'good' | 'poor' | 'bad';

/** What the sender reads off its own connection. */
export interface SendReading {
  /** The other side's loss of this side's video, % (remote-inbound-rtp fractionLost); null if no report yet. */
  lossPct: number | null;
  /** Round trip, ms; null if unknown. */
  rttMs: number | null;
}

/**
 * The lines into each rung: the poor profile is 200 ms and 3 % loss, its bad one
 * 400 ms and 8 %. Loss decides the bad rung: a busy terminal's measured round trip runs
 * well above the line's (a poor line read 250–510 ms on a loaded machine, with spikes to 960), loss does not.
 */
export const LADDER = {
  poor: { lossPct: 2, rttMs: 180 },
  bad: { lossPct: 6, rttMs: 1_000 },
  /** Readings in a row that must agree before the rung changes: worse quickly, better slowly. */
  down: 3,
  up: 6,
} as const;

export function rungOf(r: SendReading): Rung {
  const loss = r.lossPct ?? 0;
  const rtt = r.rttMs ?? 0;
  if (loss >= LADDER.bad.lossPct || rtt >= LADDER.bad.rttMs) return 'bad';
  if (loss >= LADDER.poor.lossPct || rtt >= LADDER.poor.rttMs) return 'poor';
  return 'good';
}

const ORDER: Record<Rung, number> = { good: 0, poor: 1, bad: 2 };

/**
 * The rung with hysteresis: `down` readings in a row worse than the rung step down (to the
 * mildest of them: a bad line that reads poor now and then still leaves "good"), `up` in a
 * row better step up (to the least good of them).
 */
export class LadderState {
  rung: Rung = 'good';
  private streak: { worse: boolean; count: number; to: Rung } | null = null;

  /** Returns the new rung when it changed, else null. */
  read(r: SendReading): Rung | null {
    const seen = rungOf(r);
    if (seen === this.rung) {
      this.streak = null;
      return null;
    }
    const worse = ORDER[seen] > ORDER[this.rung];
    if (!this.streak || this.streak.worse !== worse) this.streak = { worse, count: 0, to: seen };
    const s = this.streak;
    s.count += 1;
    if (worse ? ORDER[seen] < ORDER[s.to] : ORDER[seen] > ORDER[s.to]) s.to = seen;
    if (s.count < (worse ? LADDER.down : LADDER.up)) return null;
    this.rung = s.to;
    this.streak = null;
    return this.rung;
  }
}

export interface VideoEncoding {
  degradationPreference: 'balanced' | 'maintain-resolution';
  /** ≥ 1; 1 = the camera's own size. */
  scaleResolutionDownBy: number;
  /** null: the camera's own rate, no cap. */
  maxFramerate: number | null;
  /** bit/s; null: as the congestion estimate allows. */
  maxBitrate: number | null;
}

/** The picture height each impaired rung is held at (the "360p or better"). */
export const LADDER_HEIGHT = 360;

/** The video sender's settings for `rung`, for a camera delivering `captureHeight` lines. */
export function encodingFor(rung: Rung, captureHeight: number): VideoEncoding {
  if (rung === 'good')
    return { degradationPreference: 'balanced', scaleResolutionDownBy: 1, maxFramerate: null, maxBitrate: null };
  const scale = captureHeight > LADDER_HEIGHT ? captureHeight / LADDER_HEIGHT : 1;
  if (rung === 'poor')
    return { degradationPreference: 'maintain-resolution', scaleResolutionDownBy: scale, maxFramerate: 15, maxBitrate: 500_000 };
  return { degradationPreference: 'balanced', scaleResolutionDownBy: scale, maxFramerate: 10, maxBitrate: 250_000 };
}

/**
 * R18.1: the other side's packets stopped (an outage) and now flow again. Fed the count of
 * packets received so far (audio and video) at each reading; `read` is true once when they
 * flow again after standing still for at least `stallMs`.
 */
export class ReturnWatch {
  private last = -1;
  private lastChange = 0;
  /** A reading since the last change saw no new packet. */
  private still = false;

  constructor(private readonly stallMs = 1_500) {}

  read(packets: number, now: number): boolean {
    if (packets === this.last) {
      this.still = true;
      return false;
    }
    // A rebuilt connection starts its counters again: that is no return.
    const back = this.last >= 0 && packets > this.last && this.still && now - this.lastChange >= this.stallMs;
    this.last = packets;
    this.lastChange = now;
    this.still = false;
    return back;
  }
}
