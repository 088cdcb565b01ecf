import { addDays, addMonths } from '../../calendar/iso-date';
import type { IsoDate } from '../../calendar/iso-date';
import type { Penalty } from '../inmate';

/** R15.1(4): 警告、记过 一个月以内; 禁闭处分 三个月以内. */
export const PENALTY_WINDOW_MONTHS: Record<Penalty['kind'], number> = { warning: 1, demerit: 1, confinement: 3 };

/**
 * Last day on which a penalty still blocks visits. The penalty day itself is
 * blocked; the months count from the next day (民法典 第二百零一条) and end
 * on the corresponding day, or the month's last day when there is none
 * (第二百零二条); "以内" includes that day (第一千二百五十九条).
 * Warning 2026-03-15 → last blocked 2026-04-15, visits from 2026-04-16.
 * Warning 2026-01-31 → last blocked 2026-02-28, visits from 2026-03-01.
 */
export function penaltyWindowLastDay(penalty: Penalty): IsoDate {
  return addMonths(penalty.date, PENALTY_WINDOW_MONTHS[penalty.kind]);
}

export function penaltyBlocks(penalty: Penalty, date: IsoDate): boolean {
  return penalty.date <= date && date <= penaltyWindowLastDay(penalty);
}

/** First day after a window that ends (inclusively) on `lastDay`. */
export function dayAfter(lastDay: IsoDate): IsoDate {
  return addDays(lastDay, 1);
}

/** Inclusive period test; a null end means the period is still running. */
export function periodCovers(start: IsoDate, end: IsoDate | null, date: IsoDate): boolean {
  return start <= date && (end === null || date <= end);
}
