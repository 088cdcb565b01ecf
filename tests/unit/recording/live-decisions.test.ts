// A live recording's decisions, without ffmpeg or a disk: when the supervisor restarts
// ffmpeg and when it gives up, which disk verdicts are reported, where the chapters' time 0
// lies, and how a stop seals and what it deletes (R13.1).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assessDisk } from '../../../src-main/recording';
import { diskAlert, scheduledEnd } from '../../../src-main/recording/live/disk-watch';
import { leftovers, sealPlan } from '../../../src-main/recording/live/stop-recording';
import { offsetFrom, zeroEstimate } from '../../../src-main/recording/live/stream-clock';
import {
  ffmpegDied,
  FIRST_RUN,
  isCleanEnd,
  MAX_CONSECUTIVE_FAILURES,
  resumeAfterDeath,
  segmentSealed,
  type SeriesState,
} from '../../../src-main/recording/live/supervisor-decisions';

const killed = { code: null, signal: 'SIGKILL' as const };

describe('recorder: ffmpeg supervisor decisions (R13.1)', () => {
  test('a clean end is the whole spool read and exit code 0; anything else is a death', () => {
    expect(isCleanEnd({ inputComplete: true, exit: { code: 0, signal: null } })).toBe(true);
    expect(isCleanEnd({ inputComplete: false, exit: { code: 0, signal: null } })).toBe(false);
    expect(isCleanEnd({ inputComplete: true, exit: killed })).toBe(false);
  });

  test('R13.1 a death restarts at once, later ones after a growing pause; the series continues after the files on disk', () => {
    const first = ffmpegDied(FIRST_RUN, { exit: killed, stderrTail: 'x'.repeat(600), segmentsOnDisk: [0, 1, 2] });
    expect(first.state).toEqual({ ...FIRST_RUN, consecutiveFailures: 1, nextIndex: 3 });
    expect(first.reason).toBe('被信号 SIGKILL 终止');
    expect(first.decision).toMatchObject({
      kind: 'restart',
      delayMs: 0,
      problem: { kind: 'ffmpeg-exited', severity: 'warning' },
    });
    expect(first.decision.problem.detail).toHaveLength(500);
    const second = ffmpegDied(first.state, { exit: killed, stderrTail: '', segmentsOnDisk: [] });
    expect(second.state.nextIndex).toBe(3);
    expect(second.decision).toMatchObject({ kind: 'restart', delayMs: 1000 });
  });

  test(`R13.1 gives up after ${MAX_CONSECUTIVE_FAILURES} deaths without a sealed segment; a sealed segment resets the count`, () => {
    let state: SeriesState = FIRST_RUN;
    for (let i = 1; i < MAX_CONSECUTIVE_FAILURES; i++)
      state = ffmpegDied(state, { exit: killed, stderrTail: '', segmentsOnDisk: [] }).state;
    expect(segmentSealed(state, { index: 4, endMs: 30_000 })).toEqual({
      run: 1,
      nextIndex: 5,
      lastSealedEndMs: 30_000,
      consecutiveFailures: 0,
    });
    const last = ffmpegDied(state, { exit: { code: 1, signal: null }, stderrTail: '', segmentsOnDisk: [] });
    expect(last.decision).toMatchObject({ kind: 'give-up', problem: { kind: 'ffmpeg-failing', severity: 'error' } });
    expect(last.decision.problem.message).toContain(`连续 ${MAX_CONSECUTIVE_FAILURES} 次`);
  });

  test('resumes with the next run after the last sealed segment; an unreadable stream wins; nothing more: the stream ended', () => {
    const resume = { header: null, offset: 1234, baseMs: 6000 };
    expect(resumeAfterDeath(FIRST_RUN, resume, null)).toEqual({ kind: 'resume', state: { ...FIRST_RUN, run: 2 }, from: resume });
    expect(resumeAfterDeath(FIRST_RUN, resume, 'bad EBML')).toMatchObject({
      kind: 'unreadable',
      problem: { kind: 'stream-unreadable', detail: 'bad EBML' },
    });
    expect(resumeAfterDeath(FIRST_RUN, null, null)).toEqual({ kind: 'ended' });
  });
});

describe('recorder: disk watch decisions (R13.1)', () => {
  const verdict = (freeBytes: number) =>
    assessDisk({ freeBytes, bytesPerSecond: 100_000, elapsedSeconds: 60, remainingSeconds: 600, marginBytes: 0 });

  test('reports a change to low or critical once, never ok', () => {
    const low = verdict(250_000_000);
    expect(low.level).toBe('low');
    expect(diskAlert('ok', low)).toMatchObject({ audit: { level: 'low' }, problem: { kind: 'disk-low', severity: 'warning' } });
    expect(diskAlert('low', low)).toBeNull();
    expect(diskAlert('low', verdict(1_000_000))).toMatchObject({ problem: { kind: 'disk-critical', severity: 'error' } });
    expect(diskAlert('critical', verdict(10_000_000_000))).toBeNull();
  });

  test('the visit ends after its scheduled minutes, 30 when unknown', () => {
    const at = new Date('2025-07-01T08:00:00.000Z');
    expect(scheduledEnd(at, 45).toISOString()).toBe('2025-07-01T08:45:00.000Z');
    expect(scheduledEnd(at, null).toISOString()).toBe('2025-07-01T08:30:00.000Z');
  });
});

describe('recorder: chapter time 0 and stop decisions (R13.1)', () => {
  test('time 0 is the smallest arrival minus the media a chunk carries, and only moves earlier', () => {
    expect(zeroEstimate(null, { arrivedAtMs: 10_000, firstClusterMs: undefined, lastBlockMs: null })).toBeNull();
    expect(zeroEstimate(null, { arrivedAtMs: 10_000, firstClusterMs: 0, lastBlockMs: 1500 })).toBe(8500);
    expect(zeroEstimate(8500, { arrivedAtMs: 11_000, firstClusterMs: 0, lastBlockMs: 2000 })).toBeNull();
    expect(zeroEstimate(8500, { arrivedAtMs: 10_400, firstClusterMs: 0, lastBlockMs: 2000 })).toBe(8400);
    expect(offsetFrom(null, 20_000)).toBe(0);
    expect(offsetFrom(8400, 8000)).toBe(0);
    expect(offsetFrom(8400, 20_000.4)).toBe(11_600);
  });

  test("an interrupted recording ends at its last chunk; ffmpeg's working files go only once it consumed the spool", () => {
    const now = () => new Date('2025-07-01T09:00:00.000Z');
    const last = new Date('2025-07-01T08:59:00.000Z');
    expect(sealPlan('窗口重新加载', last, now)).toEqual({ state: 'interrupted', endedAt: last });
    expect(sealPlan('窗口重新加载', null, now)).toEqual({ state: 'interrupted', endedAt: now() });
    expect(sealPlan(null, last, now)).toEqual({ state: 'sealed', endedAt: now() });
    expect(leftovers(true, '/r/spool.webm', '/r', 2)).toEqual([
      '/r/spool.webm',
      join('/r', 'list-1.csv'),
      join('/r', 'list-2.csv'),
    ]);
    expect(leftovers(false, '/r/spool.webm', '/r', 2)).toEqual([]);
  });
});
