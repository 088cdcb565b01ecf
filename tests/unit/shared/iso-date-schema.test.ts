// A bad date or time is quoted back in the error, but never more than a few characters of it:
// a 1 MB value must not come back in the answer (input limits, probe 15.9).
import { describe, expect, it } from 'vitest';
import { clockTimeSchema, isoDateSchema } from '../../../src-shared/calendar/iso-date-schema';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }): string =>
  result.error?.issues[0]?.message ?? '';

describe('date and time schemas quote a bad value briefly', () => {
  it('a short bad date is quoted whole', () => {
    expect(messageOf(isoDateSchema.safeParse('2026-02-30'))).toBe('日期格式应为 YYYY-MM-DD 且为真实日期：2026-02-30');
  });

  it('a 1 MB date or time is quoted by its first 20 characters and its length', () => {
    const huge = '9'.repeat(1_000_000);
    for (const message of [messageOf(isoDateSchema.safeParse(huge)), messageOf(clockTimeSchema.safeParse(huge))]) {
      expect(message.length).toBeLessThan(80);
      expect(message).toContain(`${'9'.repeat(20)}…（共 1000000 个字符）`);
    }
  });
});
