// Issue #23 item 3: the recording's integrity through an impaired link, from a terminal's
// sealed recording: its segments (none missing: the largest gap between one segment's end and
// the next one's start), the archive's length against the call's, and the longest stretch in
// which each half of the composite stood still and each party's tone was silent, in 1-second
// windows (the composer puts this terminal's camera left, the other party right). The own
// half and own voice should never stop; the other party's may stop for the outage plus its
// recovery, no longer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignedManifest } from '../../src-main/recording';
import {
  AUDIBLE_DB,
  decodeAudio,
  decodeHalves,
  MOTION_FPS,
  MOVING_PIXELS,
  motionPerWindow,
  toneLevelDb,
  windows,
} from '../recording-check';

export interface RecordingGaps {
  segments: number;
  /** The largest gap between consecutive segments, ms. */
  largestSegmentGapMs: number;
  archiveS: number;
  /**
   * Where a short archive comes from: the time the segments span by the recorder's own clock
   * (a recorder that stopped leaves it short too), and the archive's picture and sound each
   * (a starved recorder writes fewer frames than the time it ran).
   */
  coverage: { segmentsS: number; videoS: number; audioS: number };
  /** Longest run of 1-s windows: own half still, other half still, own tone silent, other tone silent. */
  longestS: { ownStill: number; otherStill: number; ownSilent: number; otherSilent: number };
}

const AUDIO_RATE = 16_000;

function longestRun(flags: boolean[]): number {
  let best = 0;
  let run = 0;
  for (const f of flags) {
    run = f ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

export function recordingGaps(recordingDir: string, recordingId: string, tones: { own: number; other: number }): RecordingGaps {
  const dir = join(recordingDir, recordingId);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SignedManifest;
  const segments = [...manifest.segments].sort((a, b) => a.startMs - b.startMs);
  let largestSegmentGapMs = 0;
  for (let i = 1; i < segments.length; i += 1)
    largestSegmentGapMs = Math.max(largestSegmentGapMs, (segments[i]?.startMs ?? 0) - (segments[i - 1]?.endMs ?? 0));
  const archive = join(dir, manifest.archive?.file ?? 'archive.webm');
  const halves = decodeHalves(archive);
  const samples = decodeAudio(archive);
  const durationS = Math.min(halves.left.length / MOTION_FPS, samples.length / AUDIO_RATE);
  // The first and last second are the call's own edges, not gaps.
  const list = windows(durationS, 1).slice(1, -1);
  const left = motionPerWindow(halves.left, list);
  const right = motionPerWindow(halves.right, list);
  const level = (hz: number) => list.map((w) => toneLevelDb(samples, Math.round(w.fromS * AUDIO_RATE), AUDIO_RATE, hz));
  return {
    segments: segments.length,
    largestSegmentGapMs,
    archiveS: Math.round(durationS * 10) / 10,
    coverage: {
      segmentsS: Math.round(segments.reduce((a, g) => a + (g.endMs - g.startMs), 0) / 100) / 10,
      videoS: Math.round((halves.left.length / MOTION_FPS) * 10) / 10,
      audioS: Math.round((samples.length / AUDIO_RATE) * 10) / 10,
    },
    longestS: {
      ownStill: longestRun(left.map((n) => n < MOVING_PIXELS)),
      otherStill: longestRun(right.map((n) => n < MOVING_PIXELS)),
      ownSilent: longestRun(level(tones.own).map((db) => db < AUDIBLE_DB)),
      otherSilent: longestRun(level(tones.other).map((db) => db < AUDIBLE_DB)),
    },
  };
}
