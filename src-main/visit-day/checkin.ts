// Visitor check-in (R10.1, R11.1): the person on the card must be one of the visit's
// approved visitors (document number AND name), the card must be valid, at most
// maxVisitors may check in (R14.2), and only inside the window that opens before the
// start (R10.1). Refusals are answers, not errors, and are logged like acceptances.
import type { IdCardData } from '../idcard/card-data';
import { refusal, type Refusal } from './refusal';
import { recordAttributed, type StepContext } from './step-context';
import { loadRoster, type Roster } from './visit-model';
import { transitionVisit } from './visit-store';
import { chinaClock } from '../../src-shared/calendar/china-time';
import { documentTail } from './visit-time';

export type StepOutcome = { accepted: true; roster: Roster } | { accepted: false; refusal: Refusal; roster: Roster };

const sameName = (a: string, b: string): boolean => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** R10.1: whether steps before the start are still possible for this visit now. */
export function windowRefusal(roster: Roster, now: Date): Refusal | null {
  if (roster.status === 'forfeited') return refusal('R10.1', 'forfeited', '会见开始时无人签到，本次会见已视为放弃（R10.1）');
  if (roster.status === 'cancelled')
    return refusal(null, 'cancelled', '本次会见已被取消，不能办理签到；请向会见人说明并核对会见安排');
  if (roster.status !== 'scheduled' && roster.status !== 'checking-in')
    return refusal(null, 'not-open', '本次会见已开始或已结束，不能再办理签到');
  if (now < new Date(roster.opensAt)) {
    return refusal(
      'R10.1',
      'too-early',
      `签到将于 ${chinaClock(new Date(roster.opensAt))} 开始（会见开始前提前到场签到，R10.1）`,
    );
  }
  if (now >= new Date(roster.startsAt))
    return refusal('R10.1', 'too-late', '会见已到开始时间，未按时签到的视为放弃本次会见（R10.1）');
  return null;
}

export function checkInVisitor(ctx: StepContext, visitId: string, card: IdCardData): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  const person = { name: card.name, documentTail: documentTail(card.idNumber), source: card.source };
  const refuse = (r: Refusal): StepOutcome => {
    recordAttributed(ctx, 'checkin.refused', { visitId, ...person, requirement: r.requirement, code: r.code, reason: r.message });
    return { accepted: false, refusal: r, roster };
  };

  const closed = windowRefusal(roster, ctx.now);
  if (closed) return refuse(closed);
  if (!roster.planned) return refuse(refusal('R11.1', 'no-roster', '本次会见没有核准的会见人员名单，请先同步当日会见安排'));
  // R11.1 / R17.1(3): an invalid ID is not accepted, however well it matches.
  if (card.validity.status === 'expired' || card.validity.status === 'not-yet-valid') {
    return refuse(refusal('R11.1', `card-${card.validity.status}`, `${card.validity.message}（R11.1）`));
  }
  const approved = roster.visitors.find((v) => v.documentNumber === card.idNumber.toUpperCase());
  // R11.1 / R27.1: nobody outside the approved list joins the visit.
  if (!approved)
    return refuse(
      refusal('R11.1', 'not-approved', `${card.name} 不在本次会见核准的会见人员名单中，不能参加会见（R11.1、R27.1）`),
    );
  if (!sameName(approved.name, card.name)) {
    return refuse(refusal('R11.1', 'name-mismatch', '证件姓名与核准名单不一致，请核实身份（R11.1、R17.1(3)）'));
  }
  if (approved.checkedInAt !== null)
    return refuse(
      refusal('R11.1', 'already-checked-in', `${approved.name} 已于 ${chinaClock(new Date(approved.checkedInAt))} 签到`),
    );
  // R14.2 limits the relatives; R34.1 special visitors are a separate category outside it.
  const present = roster.visitors.filter((v) => v.checkedInAt !== null && v.special === null).length;
  if (approved.special === null && present >= roster.maxVisitors) {
    return refuse(
      refusal('R14.2', 'too-many-visitors', `每次会见的会见人不超过 ${roster.maxVisitors} 人，已有 ${present} 人签到（R14.2）`),
    );
  }

  const at = ctx.now.toISOString();
  recordAttributed(ctx, 'checkin.accepted', { visitId, visitorId: approved.visitorId, ...person }, () => {
    ctx.db
      .prepare(
        'INSERT INTO checkins (visit_id, document_number, name, checked_in_at, visitor_id, source, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(visitId, approved.documentNumber, approved.name, at, approved.visitorId, card.source, ctx.operator.staffId);
    transitionVisit(ctx.db, visitId, ['scheduled'], 'checking-in', at);
  });
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}
