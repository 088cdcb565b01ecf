// R11.2: prison police bring the inmate to the assigned position in the prison (ward)
// room. The prison terminal's administrator confirms it; the confirmation is audited with
// the administrator's name, and until then the prison side cannot start (readiness).
import { refusal } from './refusal';
import type { StepOutcome } from './checkin';
import { recordAttributed, type StepContext } from './step-context';
import { isPrisonSide } from './terminal-side';
import { setDetail } from './visit-details';
import { loadRoster } from './visit-model';

export function confirmInmateInPosition(ctx: StepContext, visitId: string): StepOutcome {
  const roster = loadRoster(ctx.db, visitId);
  if (!isPrisonSide(ctx.db)) {
    return {
      accepted: false,
      refusal: refusal('R11.2', 'not-prison-side', '服刑人员到位由监狱一方的会见室终端确认，本终端不能办理'),
      roster,
    };
  }
  if (roster.status !== 'scheduled' && roster.status !== 'checking-in') {
    const message =
      roster.status === 'cancelled' ? '本次会见已被取消，无需带服刑人员到位' : '本次会见已开始、结束或视为放弃，不能再确认到位';
    return { accepted: false, refusal: refusal('R11.2', 'not-open', message), roster };
  }
  if (roster.inmateInPosition !== null) return { accepted: true, roster };
  const at = ctx.now.toISOString();
  recordAttributed(ctx, 'visit.inmateInPosition', { visitId, inmate: roster.inmateName, requirement: 'R11.2' }, () => {
    setDetail(ctx.db, visitId, 'inmateInPosition', { at, staffId: ctx.operator.staffId, by: ctx.operator.name }, at);
  });
  return { accepted: true, roster: loadRoster(ctx.db, visitId) };
}
