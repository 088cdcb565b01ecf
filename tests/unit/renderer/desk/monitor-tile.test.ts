// Issue #19 (R13.1): what a wall tile shows of its stream — kbit/s between two getStats
// samples and the frame rate — and how the monitoring centre writes the remaining time.
import { describe, expect, test } from 'vitest';
import { tileFigures } from '../../../../src-renderer/desk/monitor/tile-stats';
import { remainingText } from '../../../../src-renderer/desk/monitor/monitor-format';

describe('issue #19 wall tile figures', () => {
  test('R13.1 bitrate from two samples (bytes × 8 / ms = kbit/s), frame rate rounded; nothing from one sample or a reset counter', () => {
    expect(tileFigures(null, { at: 1000, bytes: 5000, fps: 10 })).toBeNull();
    expect(tileFigures({ at: 1000, bytes: 0, fps: 9.6 }, { at: 3000, bytes: 37_500, fps: 9.6 })).toEqual({ kbps: 150, fps: 10 });
    expect(tileFigures({ at: 1000, bytes: 9000, fps: 10 }, { at: 3000, bytes: 10, fps: 10 })).toBeNull();
    expect(tileFigures({ at: 3000, bytes: 0, fps: 10 }, { at: 3000, bytes: 10, fps: null })).toBeNull();
    expect(tileFigures({ at: 0, bytes: 0, fps: null }, { at: 1000, bytes: 1000, fps: null })).toEqual({ kbps: 8, fps: 0 });
  });

  test('remaining time as mm:ss, "not started" before both terminals met', () => {
    const t = ((key: string) => (key === 'monitor.notStarted' ? '未开始' : key)) as never;
    expect(remainingText(null, t)).toBe('未开始');
    expect(remainingText(28 * 60_000 + 48_400, t)).toBe('28:48');
    expect(remainingText(-5, t)).toBe('00:00');
  });
});
