// R13.1: the recording's sound keeps the visit's clock when a starved PC loses captured
// audio: holes are filled with silence (never closed up, which pulled the later sound
// earlier than the picture and ended it seconds before the visit), timestamps only grow.
import { describe, expect, test } from 'vitest';
import { AHEAD_US, AudioTimeline, GAP_US } from '../../../../src-renderer/recording/audio-timeline';

const BUFFER_US = 10_000;

/** Feeds buffers captured at `captureUs` (µs), arriving `lagUs` after capture, and returns their placements. */
function feed(timeline: AudioTimeline, captures: readonly number[], lagUs = 20_000) {
  return captures.map((c) => timeline.place(c, BUFFER_US, c - 5_000_000 + lagUs));
}

describe('audio timeline (R13.1 the recording stays in sync under load)', () => {
  test('R13.1 continuous capture: back to back from the first arrival, no silence', () => {
    const timeline = new AudioTimeline();
    const placed = feed(timeline, [5_000_000, 5_010_000, 5_020_000, 5_030_000]);
    expect(placed.map((p) => p.atUs)).toEqual([20_000, 30_000, 40_000, 50_000]);
    expect(placed.every((p) => p.silenceFromUs === null)).toBe(true);
    expect(timeline.figures()).toEqual({ buffers: 4, holes: 0, silenceUs: 0 });
  });

  test('R13.1 a lost stretch of capture becomes silence of the same length, so the sound after it stays at its time', () => {
    const timeline = new AudioTimeline();
    // 30 ms captured, 470 ms lost, then capture again.
    const placed = feed(timeline, [5_000_000, 5_010_000, 5_020_000, 5_500_000, 5_510_000]);
    expect(placed[3]).toEqual({ atUs: 520_000, silenceFromUs: 50_000 });
    expect(placed[4]).toEqual({ atUs: 530_000, silenceFromUs: null });
    expect(timeline.figures()).toEqual({ buffers: 5, holes: 1, silenceUs: 470_000 });
  });

  test('R13.1 one lost 10 ms buffer is a hole; timestamp rounding within half a buffer is not', () => {
    const timeline = new AudioTimeline();
    const placed = feed(timeline, [5_000_000, 5_010_000 + GAP_US - 1, 5_030_000 + GAP_US, 5_040_000 + GAP_US]);
    expect(placed[1]).toEqual({ atUs: 30_000, silenceFromUs: null });
    expect(placed[2]?.silenceFromUs).toBe(40_000);
    expect(timeline.figures().holes).toBe(1);
  });

  test('#22 item 6 timestamps only grow: a capture clock that steps back continues where the sound ended', () => {
    const timeline = new AudioTimeline();
    const placed = feed(timeline, [5_000_000, 5_010_000, 5_005_000, 5_020_000]);
    const starts = placed.map((p) => p.atUs);
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThanOrEqual((starts[i - 1] ?? 0) + BUFFER_US);
  });

  test('sound is never placed ahead of the wall clock by more than the allowance', () => {
    const timeline = new AudioTimeline();
    timeline.place(5_000_000, BUFFER_US, 20_000);
    // The capture clock runs 200 ms fast against the wall clock.
    const ahead = timeline.place(5_210_000, BUFFER_US, 30_000);
    expect(ahead.atUs - 30_000).toBeLessThanOrEqual(AHEAD_US);
  });

  test('R13.1 a capture that stalls before the stop is padded with silence up to the stop, and counted', () => {
    const timeline = new AudioTimeline();
    feed(timeline, [5_000_000, 5_010_000]);
    expect(timeline.padTo(40_000 + GAP_US)).toBeNull();
    expect(timeline.padTo(8_000_000)).toBe(40_000);
    expect(timeline.figures()).toEqual({ buffers: 2, holes: 1, silenceUs: 7_960_000 });
    // Already at the stop: nothing more.
    expect(timeline.padTo(8_000_000)).toBeNull();
  });
});
