// Where each captured audio buffer goes on the recording's timeline (µs from t0), and
// which holes are filled with silence. A starved PC loses audio in the capture path (the
// mixer renders late and skips; measured in call.test.ts under load: 5–11 holes of ~20 ms in
// 30 s, many more on a loaded CI machine). Left as holes, every tool that decodes the archive
// sequentially (ffmpeg, most players) pulls the later sound earlier, so by the end of a visit
// the voices run seconds ahead of the faces and the sound ends before the picture (R13.1:
// the recording is evidence; it must stay in sync). Filled, the sound keeps the visit's clock.

/** A hole in the capture longer than this is filled with silence (half of one 10 ms buffer: a lost buffer is a hole, timestamp rounding is not). */
export const GAP_US = 5_000;
/** Audio is never placed further ahead of the wall clock than this. */
export const AHEAD_US = 50_000;

export interface Placement {
  /** Where the buffer starts on the recording's timeline. */
  readonly atUs: number;
  /** Silence to write first, [fromUs, atUs), when the capture skipped; null when none. */
  readonly silenceFromUs: number | null;
}

export interface TimelineFigures {
  readonly buffers: number;
  readonly holes: number;
  readonly silenceUs: number;
}

/**
 * The capture clock's own timestamps (true to late delivery), placed so the first buffer sits
 * at its arrival; re-anchored only if that would put audio ahead of the wall clock. Placements
 * never overlap the sound already written (strictly increasing timestamps, #22 item 6).
 */
export class AudioTimeline {
  private anchorUs: number | null = null;
  private endUs: number | null = null;
  private buffers = 0;
  private holes = 0;
  private silenceUs = 0;

  /** `arrivedUs`: when the buffer's first sample was captured, by the wall clock (µs from t0). */
  place(captureUs: number, durationUs: number, arrivedUs: number): Placement {
    if (this.anchorUs === null || captureUs + this.anchorUs > arrivedUs + AHEAD_US) this.anchorUs = arrivedUs - captureUs;
    let atUs = Math.max(0, Math.round(captureUs + this.anchorUs));
    let silenceFromUs: number | null = null;
    if (this.endUs !== null) {
      if (atUs - this.endUs > GAP_US) {
        silenceFromUs = this.endUs;
        this.holes += 1;
        this.silenceUs += atUs - this.endUs;
      } else {
        // Rounding, or a re-anchor that moved the clock back: continue where the last buffer ended.
        atUs = this.endUs;
      }
    }
    this.buffers += 1;
    this.endUs = atUs + Math.round(durationUs);
    return { atUs, silenceFromUs };
  }

  /** The sound ran dry before the stop (the capture stalled): silence up to it, counted. */
  padTo(stopUs: number): number | null {
    if (this.endUs === null || stopUs - this.endUs <= GAP_US) return null;
    const from = this.endUs;
    this.holes += 1;
    this.silenceUs += stopUs - from;
    this.endUs = stopUs;
    return from;
  }

  figures(): TimelineFigures {
    return { buffers: this.buffers, holes: this.holes, silenceUs: this.silenceUs };
  }
}
