// Issue #23 item 3: getStats samples → what a side saw and heard. Built from samples as
// Chromium reports them, including a connection rebuilt in the middle (counters restart).
import { describe, expect, test } from 'vitest';
import { recoveryMs, summariseQuality, type QualitySample } from '../../../src-shared/signaling/call-quality';

/** Samples every 250 ms of a 15 fps 640×360 picture and 48 kHz sound, `edit` changing some. */
function run(
  seconds: number,
  edit: (s: QualitySample, i: number) => void = () => undefined,
  pc = 'a',
  from = 0,
): QualitySample[] {
  const out: QualitySample[] = [];
  for (let i = 0; i <= seconds * 4; i += 1) {
    const t = i / 4;
    const s: QualitySample = {
      at: from + t * 1000,
      pc,
      video: {
        framesDecoded: Math.round(t * 15),
        freezeCount: 0,
        totalFreezesDuration: 0,
        frameWidth: 640,
        frameHeight: 360,
        jitterBufferDelay: t * 15 * 0.05,
        jitterBufferEmittedCount: Math.round(t * 15),
        bytesReceived: Math.round(t * 100_000),
        packetsReceived: Math.round(t * 100),
        packetsLost: 0,
      },
      audio: {
        concealedSamples: 0,
        totalSamplesReceived: t * 48_000,
        jitterBufferDelay: t * 48_000 * 0.04,
        jitterBufferEmittedCount: t * 48_000,
        packetsReceived: t * 50,
        packetsLost: 0,
      },
      rttMs: 60,
      candidateType: 'relay',
    };
    edit(s, i);
    out.push(s);
  }
  return out;
}

describe('issue #23 item 3: call quality from getStats samples', () => {
  test('a clean run: 15 fps at 360p, no freezes, no concealment, the buffers and RTT as reported', () => {
    const q = summariseQuality(run(10));
    expect(q.seconds).toBe(10);
    expect(q.freezes).toEqual({ count: 0, longestMs: 0, totalMs: 0 });
    expect(q.fps.mean).toBeCloseTo(15, 0);
    expect(q.height).toEqual({ median: 360, min: 360, at360Pct: 100 });
    expect(q.audioConcealedPct).toBe(0);
    expect(q.jitterBufferMs).toEqual({ video: 50, audio: 40 });
    expect(q.rttMs).toEqual({ mean: 60, max: 60 });
    expect(q.videoKbps).toBe(800);
    expect(q.candidateTypes).toEqual(['relay']);
  });

  test("the receiver's freezes: count and total from its counters, the longest from one interval", () => {
    const q = summariseQuality(
      run(10, (s, i) => {
        const v = s.video;
        if (!v) return;
        // A 0.4 s freeze ends at 3 s, a 1.2 s one at 7 s.
        if (i >= 12) Object.assign(v, { freezeCount: 1, totalFreezesDuration: 0.4 });
        if (i >= 28) Object.assign(v, { freezeCount: 2, totalFreezesDuration: 1.6 });
      }),
    );
    expect(q.freezes).toEqual({ count: 2, longestMs: 1200, totalMs: 1600 });
  });

  test('audio concealment and packet loss are the share of the whole run', () => {
    const q = summariseQuality(
      run(10, (s) => {
        if (s.audio) s.audio.concealedSamples = s.audio.totalSamplesReceived * 0.03;
        if (s.video) s.video.packetsLost = Math.round(s.video.packetsReceived * 0.05);
      }),
    );
    expect(q.audioConcealedPct).toBeCloseTo(3, 1);
    expect(q.packetLossPct.video).toBeGreaterThan(4.5);
    expect(q.packetLossPct.video).toBeLessThan(5.5);
  });

  test('a lower picture and frame rate show in the timeline and the summary', () => {
    const q = summariseQuality(
      run(10, (s, i) => {
        if (!s.video || i < 20) return;
        // From 5 s: 270 lines at 7.5 fps.
        s.video.frameHeight = 270;
        s.video.framesDecoded = 75 + Math.round((i / 4 - 5) * 7.5);
      }),
    );
    expect(q.height.min).toBe(270);
    expect(q.height.at360Pct).toBeGreaterThanOrEqual(40);
    expect(q.height.at360Pct).toBeLessThanOrEqual(60);
    expect(q.fps.p10).toBeLessThan(9);
    expect(q.timeline.at(-1)).toMatchObject({ height: 270 });
  });

  test('a connection rebuilt after an outage: the still picture in between is one freeze, and the recovery is timed', () => {
    // Frames stop at 4 s; the old connection is sampled until 6 s, the new one from 7 s, its first frame at 7.5 s.
    const before = run(6, (s, i) => {
      if (s.video && i > 16) s.video.framesDecoded = 60;
    });
    const after = run(
      3,
      (s, i) => {
        if (s.video) s.video.framesDecoded = Math.max(0, Math.round((i / 4 - 0.5) * 15));
      },
      'b',
      7000,
    );
    const samples = [...before, ...after];
    const q = summariseQuality(samples);
    expect(q.freezes.count).toBe(1);
    expect(q.freezes.longestMs).toBeGreaterThanOrEqual(3500);
    expect(q.freezes.longestMs).toBeLessThanOrEqual(4000);
    // The link came back at 6.5 s: the picture moved again at 7.75 s (the first sample with new frames).
    expect(recoveryMs(samples, 6500)).toBe(1250);
    expect(recoveryMs(before, 5000)).toBeNull();
  });

  test('a picture still frozen at the end counts; no samples give zeros', () => {
    const q = summariseQuality(
      run(6, (s, i) => {
        if (s.video && i > 8) s.video.framesDecoded = 30;
      }),
    );
    expect(q.freezes.count).toBe(1);
    expect(q.freezes.longestMs).toBe(4000);
    expect(summariseQuality([]).freezes).toEqual({ count: 0, longestMs: 0, totalMs: 0 });
  });
});
