// Who may watch a live visit from the monitoring centre (issue #19): a staff member with a
// supervising role (OBSERVER_ROLES) whose scope holds either room of the visit
// (./live-visits mayObserve). Everyone else is refused with a close code and a zh-CN reason.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { StaffCaller } from '../auth/caller';
import { resolveCaller } from '../auth/authenticate';
import { CLOSE } from '../../src-shared/signaling/protocol';
import { OBSERVER_ROLES } from '../../src-shared/signaling/observer-protocol';
import type { ObserverOfficer } from '../../src-shared/signaling/observer-protocol';
import { signalToken } from './admission';
import { mayObserve } from './live-visits';

export type ObserverAdmission =
  { ok: true; visitId: string; caller: StaffCaller; officer: ObserverOfficer } | { ok: false; code: number; reason: string };

const uuid = z.uuid();

export const mayWatch = (caller: StaffCaller): boolean =>
  caller.roles.some((r) => (OBSERVER_ROLES as readonly string[]).includes(r));

export async function admitObserver(ctx: AppContext, request: IncomingMessage, visitId: string): Promise<ObserverAdmission> {
  const token = signalToken(request);
  if (token === null) return { ok: false, code: CLOSE.UNAUTHENTICATED, reason: '缺少登录凭证' };
  const caller = await resolveCaller(ctx, token);
  if (caller === null) return { ok: false, code: CLOSE.UNAUTHENTICATED, reason: '登录凭证无效或已过期' };
  if (caller.kind !== 'staff' || !mayWatch(caller))
    return { ok: false, code: CLOSE.FORBIDDEN, reason: '仅限监督人员、监狱长或管理员旁听会见' };
  if (!uuid.safeParse(visitId).success) return { ok: false, code: CLOSE.BAD_REQUEST, reason: '会见编号格式错误' };
  if (!(await mayObserve(ctx, caller, visitId)))
    return { ok: false, code: CLOSE.FORBIDDEN, reason: '该会见不在本单位管辖范围内' };
  const staff = await ctx.db
    .selectFrom('staff')
    .innerJoin('organisations', 'organisations.id', 'staff.organisation_id')
    .select(['staff.display_name as name', 'organisations.name as organisation'])
    .where('staff.id', '=', caller.staffId)
    .executeTakeFirst();
  return {
    ok: true,
    visitId,
    caller,
    officer: {
      staffId: caller.staffId,
      name: (staff?.name ?? caller.username).slice(0, 60),
      organisation: (staff?.organisation ?? '').slice(0, 100),
    },
  };
}
