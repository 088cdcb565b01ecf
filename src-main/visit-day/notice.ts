// R12.1: each checked-in visitor is told the rules (the 十不准 notice) and acknowledges
// them; the acknowledgement is logged with who witnessed it.
import { refusal } from './refusal';
import type { StepOutcome } from './checkin';
import { windowRefusal } from './checkin';
import { recordAttributed, type StepContext } from './step-context';
import { loadRoster } from './visit-model';
import { documentTail } from './visit-time';

export function acknowledgeNotice(ctx: StepContext, visitId: string, documentNumber: string): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  const closed = windowRefusal(roster, ctx.now);
  if (closed) return { accepted: false, refusal: closed, roster };
  const visitor = roster.visitors.find((v) => v.documentNumber === documentNumber.toUpperCase());
  if (!visitor || visitor.checkedInAt === null) {
    return { accepted: false, refusal: refusal('R12.1', 'not-checked-in', '请先为该会见人办理签到，再确认会见须知'), roster };
  }
  if (visitor.noticeAcknowledgedAt !== null) return { accepted: true, roster };
  recordAttributed(
    ctx,
    'notice.acknowledged',
    {
      visitId,
      visitorId: visitor.visitorId,
      name: visitor.name,
      documentTail: documentTail(visitor.documentNumber),
      notice: '十不准',
    },
    () => {
      ctx.db
        .prepare('INSERT INTO notice_acknowledgements (visit_id, document_number, acknowledged_at, staff_id) VALUES (?, ?, ?, ?)')
        .run(visitId, visitor.documentNumber, ctx.now.toISOString(), ctx.operator.staffId);
    },
  );
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}
