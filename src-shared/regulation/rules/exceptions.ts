import type { ExceptionLimit, WardenException } from '../warden-exception';
import type { RuleContext } from './context';

export type ExceptionLookup =
  { kind: 'none' } | { kind: 'valid'; exception: WardenException } | { kind: 'invalid'; exception: WardenException; why: string };

/**
 * R14.3: the exception for this limit, inmate and date. It counts only if the
 * warden approved it on or before the visit date; anything else is reported,
 * never applied.
 */
export function findException({ exceptions, inmate, visit }: RuleContext, limit: ExceptionLimit): ExceptionLookup {
  let invalid: ExceptionLookup = { kind: 'none' };
  for (const e of exceptions) {
    if (e.lifts !== limit || e.inmateId !== inmate.id || e.visitDate !== visit.date) continue;
    if (e.approvedBy.role !== 'warden')
      invalid = { kind: 'invalid', exception: e, why: `批准人 ${e.approvedBy.name} 不是监狱长` };
    else if (e.approvedOn > visit.date) invalid = { kind: 'invalid', exception: e, why: `批准日期 ${e.approvedOn} 晚于会见日期` };
    else return { kind: 'valid', exception: e };
  }
  return invalid;
}
