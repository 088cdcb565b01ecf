// As pure decisions: room for the longest visit, the mid-visit
// warning, and R13.1's retention (hash confirmed centrally AND at least six months kept).
import { describe, expect, test } from 'vitest';
import { assessDisk, bytesForVisit, mayDeleteLocalRecording } from '../../../src-main/recording';
import { SAFETY_MARGIN_BYTES } from '../../../src-main/recording/live/disk';

const DAY = 86_400_000;
const recordedAt = new Date('2025-07-01T08:00:00.000Z');
const confirmed = new Date('2025-07-02T00:00:00.000Z');

describe('recorder: retention (R13.1)', () => {
  test('R13.1 never deleted before the central store confirmed the hash, however old', () => {
    const d = mayDeleteLocalRecording({
      confirmedHashAt: null,
      recordedAt,
      retentionDays: 184,
      now: new Date(recordedAt.getTime() + 1000 * DAY),
    });
    expect(d.mayDelete).toBe(false);
    expect(d.reason).toContain('中心库尚未确认');
  });

  test('R13.1 boundary: one millisecond before the retention ends no, at the end yes', () => {
    const end = recordedAt.getTime() + 200 * DAY;
    expect(
      mayDeleteLocalRecording({ confirmedHashAt: confirmed, recordedAt, retentionDays: 200, now: new Date(end - 1) }).mayDelete,
    ).toBe(false);
    const at = mayDeleteLocalRecording({ confirmedHashAt: confirmed, recordedAt, retentionDays: 200, now: new Date(end) });
    expect(at).toMatchObject({ mayDelete: true, retainUntil: new Date(end) });
  });

  test('R13.1 a retention below six months (184 days) is raised to it, never shortened', () => {
    const input = { confirmedHashAt: confirmed, recordedAt, retentionDays: 30 };
    expect(mayDeleteLocalRecording({ ...input, now: new Date(recordedAt.getTime() + 183 * DAY) }).mayDelete).toBe(false);
    // 1 July + 184 days = 1 January: six calendar months have passed.
    const d = mayDeleteLocalRecording({ ...input, now: new Date(recordedAt.getTime() + 184 * DAY) });
    expect(d.mayDelete).toBe(true);
    expect(d.retainUntil.toISOString()).toBe('2026-01-01T08:00:00.000Z');
    expect(
      mayDeleteLocalRecording({ ...input, retentionDays: Number.NaN, now: new Date(recordedAt.getTime() + 183 * DAY) }).mayDelete,
    ).toBe(false);
  });
});

describe('recorder: disk (R13.1)', () => {
  test('R13.1 the equipment check needs three copies of the longest visit plus a margin', () => {
    // 30 minutes at 2 Mbit/s = 450 MB of stream; spool + segments + archive at the peak.
    expect(bytesForVisit({ minutes: 30, bitsPerSecond: 2_000_000 })).toBe(3 * 450_000_000 + SAFETY_MARGIN_BYTES);
    expect(bytesForVisit({ minutes: 0, bitsPerSecond: 2_000_000 })).toBe(SAFETY_MARGIN_BYTES);
    expect(() => bytesForVisit({ minutes: -1, bitsPerSecond: 1 })).toThrow(RangeError);
  });

  test('R13.1 mid-visit: warned while the rest still fits, critical when it does not', () => {
    const rate = { bytesPerSecond: 250_000, elapsedSeconds: 600, remainingSeconds: 1200 };
    const needed = 250_000 * (3 * 1200 + 600) + SAFETY_MARGIN_BYTES;
    expect(assessDisk({ ...rate, freeBytes: needed * 2 })).toMatchObject({ level: 'ok', message: null, neededBytes: needed });
    const low = assessDisk({ ...rate, freeBytes: needed * 1.2 });
    expect(low.level).toBe('low');
    expect(low.message).toContain('尚可录完');
    const critical = assessDisk({ ...rate, freeBytes: needed - 1 });
    expect(critical.level).toBe('critical');
    expect(critical.message).toContain('磁盘空间不足');
    // Past the planned end, only the archive of what exists is still needed.
    expect(assessDisk({ ...rate, remainingSeconds: -60, freeBytes: 0 }).neededBytes).toBe(250_000 * 600 + SAFETY_MARGIN_BYTES);
  });
});
