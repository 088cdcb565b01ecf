import { z } from 'zod';
import { parseIsoDate } from './iso-date';

/** The bad value as quoted back in a message: never more than a few characters of it. */
const quoted = (value: string): string => (value.length > 20 ? `${value.slice(0, 20)}…（共 ${value.length} 个字符）` : value);

/**
 * 'YYYY-MM-DD' of a date that exists. A failure carries params.reason =
 * 'malformed-date' so callers can tell it apart from other input errors.
 */
export const isoDateSchema = z.string().superRefine((value, ctx) => {
  if (parseIsoDate(value) === null) {
    ctx.addIssue({
      code: 'custom',
      message: `日期格式应为 YYYY-MM-DD 且为真实日期：${quoted(value)}`,
      params: { reason: 'malformed-date' },
    });
  }
});

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM', 24-hour, China Standard Time. */
export const clockTimeSchema = z.string().superRefine((value, ctx) => {
  if (!HH_MM.test(value)) {
    ctx.addIssue({ code: 'custom', message: `时间格式应为 HH:MM：${quoted(value)}`, params: { reason: 'malformed-time' } });
  }
});

export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
