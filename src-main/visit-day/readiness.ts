// What still blocks the start of a visit, each with the requirement it applies and a
// zh-CN sentence. The visit may start only when the list is empty.
import type { Database } from 'better-sqlite3';
import type { AdminSession } from './admin-session';
import { refusal, type Refusal } from './refusal';
import { isPrisonSide } from './terminal-side';
import { DEPOSIT_LABELS } from './deposits';
import { EQUIPMENT_CHECKS, loadRoster, type EquipmentCheckName, type VisitStatus } from './visit-model';

export interface Readiness {
  visitId: string;
  status: VisitStatus;
  startsAt: string;
  ready: boolean;
  blockers: Refusal[];
}

const EQUIPMENT_LABELS: Record<EquipmentCheckName, string> = {
  camera: '摄像头',
  microphone: '麦克风',
  speaker: '扬声器',
  network: '到中心库的网络',
  disk: '录像磁盘空间',
  recorder: '录像程序 ffmpeg',
};

/** `clock`: the terminal's clock is beyond the limit against the central store's (src-main/clock/). */
export function readiness(db: Database, visitId: string, session: AdminSession, clock: Refusal | null = null): Readiness {
  const roster = loadRoster(db, visitId);
  const blockers: Refusal[] = clock ? [clock] : [];
  const add = (requirement: string | null, code: string, message: string) => blockers.push(refusal(requirement, code, message));

  if (session.locked) add('R25.1', 'needs-two-admins', `须有两名管理员登录（当前 ${session.admins.length} 名，R25.1）`);
  if (roster.status === 'forfeited') add('R10.1', 'forfeited', '开始时间前无人签到，本次会见已视为放弃（R10.1）');
  else if (roster.status === 'cancelled') add(null, 'cancelled', '本次会见已被中心库取消，不能开始');
  else if (roster.status !== 'scheduled' && roster.status !== 'checking-in') add(null, 'not-startable', '本次会见已开始或已结束');
  if (!roster.planned) add('R11.1', 'no-roster', '没有核准的会见人员名单，请先同步当日会见安排');

  // The relatives check in, acknowledge the notice and deposit their devices where they sit:
  // at the bureau's or office's terminal (R11.1, R12.1, R19.1). The prison's terminal has the
  // inmate instead, brought into position by the police (R11.2, below).
  const prisonSide = isPrisonSide(db);
  const present = prisonSide ? [] : roster.visitors.filter((v) => v.checkedInAt !== null);
  if (!prisonSide && roster.planned && present.length === 0)
    add('R11.1', 'nobody-checked-in', '尚无会见人通过身份核验签到（R11.1）');
  for (const v of present) {
    if (v.noticeAcknowledgedAt === null)
      add('R12.1', 'notice-not-acknowledged', `${v.name} 尚未确认《远程视频会见须知》（R12.1）`);
    if (v.depositRefusedAt !== null)
      add('R16.1(1)', 'deposit-refused', `${v.name} 拒绝寄存设备，已予劝阻；寄存后方可开始会见（R16.1(1)）`);
    else if (v.depositDeclaredAt === null) add('R19.1', 'deposit-not-declared', `${v.name} 尚未登记随身物品寄存情况（R19.1）`);
    for (const i of v.items) {
      if (i.depositedAt === null)
        add('R19.1', 'item-not-deposited', `${v.name} 登记的${DEPOSIT_LABELS[i.item]}尚未寄存（R19.1）`);
    }
  }
  for (const v of present) {
    if (v.special !== null && v.documentsCheckedAt === null) {
      add('R34.1', 'documents-not-checked', `${v.name}（${v.special.kindLabel}）的介绍信、委托书或证件尚未核验（R34.1）`);
    }
  }
  if (prisonSide && roster.inmateInPosition === null) {
    add('R11.2', 'inmate-not-in-position', `监狱民警尚未确认服刑人员${roster.inmateName}已带到指定会见位置（R11.2）`);
  }
  // The interpreter sits with the relatives, whose language it is (R23.1).
  if (!prisonSide && roster.interpreterRequired && roster.interpreter === null) {
    add(
      'R23.1',
      'interpreter-missing',
      `会见使用${roster.languages.filter((l) => l !== '普通话').join('、')}，须有翻译人员在场并登记（R23.1）`,
    );
  }
  for (const name of EQUIPMENT_CHECKS) {
    const check = roster.equipment.find((e) => e.name === name);
    if (!check) add('R12.1', `equipment-${name}-unchecked`, `${EQUIPMENT_LABELS[name]}尚未检测（R12.1）`);
    else if (!check.ok) add('R12.1', `equipment-${name}-failed`, `${EQUIPMENT_LABELS[name]}检测未通过：${check.detail}（R12.1）`);
  }
  return { visitId, status: roster.status, startsAt: roster.startsAt, ready: blockers.length === 0, blockers };
}
