// The administrators' actions on a live call. R25.1: two must be logged in; the one
// named acts, the others supervise, and the audit entry names them all (R26.1). Warnings
// and terminations carry a coded reason (R16.1, R17.1, R22.1); more time needs the
// warden's approval (R14.3); mute and hold (R24.1); after a termination under
// R17.1(6)–(9) the prison may propose suspending visits (R17.2).
// Pure: a refusal, or the machine changed and the effects for effect-runner.ts.
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import type { SignalSide } from '../../src-shared/signaling/protocol';
import { refusal, type Refusal } from '../visit-day/refusal';
import type { CallEffect } from './call-effects';
import { MINUTE_MS, type CallMachine } from './call-machine';
import { allowsSuspension, reasonText, requirementOf } from './reasons';

export interface Admin {
  readonly staffId: string;
  readonly name: string;
}

export interface Actor {
  readonly operator: Admin;
  readonly supervisors: readonly Admin[];
}

/** This terminal: its side of the call and its site's name (shown on the other terminal). */
export interface Here {
  readonly side: SignalSide;
  readonly site: string;
}

/** One action on one call, by one administrator, at one moment. */
export interface Act {
  readonly m: CallMachine;
  readonly actor: Actor;
  readonly here: Here;
  readonly now: number;
}

export type Decision = Refusal | CallEffect[];

/** R25.1: who acts (the one named, else the first logged in) and who supervises. */
export function whoActs(session: { admins: readonly Admin[]; locked: boolean }, staffId?: string): Actor | Refusal {
  if (session.locked) return refusal('R25.1', 'needs-two-admins', '须有两名管理员登录后才能操作（R25.1 双管理员监管）');
  const operator = staffId === undefined ? session.admins[0] : session.admins.find((a) => a.staffId === staffId);
  if (!operator) return refusal('R25.1', 'not-logged-in', '该管理员未登录本终端');
  return { operator, supervisors: session.admins.filter((a) => a !== operator) };
}

/** Who acted and who supervised, for the audit entry (R25.1, R26.1). */
export const names = (a: Actor): JsonObject => ({ operator: a.operator.name, supervisors: a.supervisors.map((s) => s.name) });

const by = ({ actor, here }: Act): { name: string; site: string } => ({ name: actor.operator.name, site: here.site });

const at = (now: number): string => new Date(now).toISOString();

const notStarted = (): Refusal => refusal(null, 'not-started', '会见尚未开始');

const live = (m: CallMachine): boolean => m.phase === 'in-progress' || m.phase === 'reconnecting';

/** The administrator's own entry, with the visit and the names of all present. */
function audit({ m, actor }: Act, kind: string, payload: JsonObject): CallEffect {
  return { do: 'audit', kind, actor: actor.operator.staffId, payload: { visitId: m.o.visitId, ...payload, ...names(actor) } };
}

/** R17.2: only the prison, only after a termination for a reason that allows it. */
export function suspensionProposable(m: CallMachine, side: SignalSide): boolean {
  return m.outcome === 'terminated' && side === 'inmate' && m.endReason !== null && allowsSuspension(m.endReason.code);
}

export function warn(act: Act, code: string, text: string | undefined): Decision {
  if (act.m.phase === 'waiting') return notStarted();
  const reason = reasonText(code, text, false);
  if (!reason.ok) return reason.refusal;
  act.m.addNotice({ kind: 'warning', code, text: reason.text, by: act.actor.operator.name, origin: 'local' }, act.now);
  return [
    audit(act, 'call.warning', { requirement: requirementOf(code), code, reason: reason.text }),
    { do: 'control', control: { type: 'warn', code, text: reason.text, by: by(act), at: at(act.now) } },
  ];
}

export function terminate(act: Act, code: string, text: string | undefined): Decision {
  const reason = reasonText(code, text, true);
  if (!reason.ok) return reason.refusal;
  const { m, actor, now } = act;
  m.end('terminated', { code, text: reason.text, by: actor.operator.name }, 'local', now);
  return [
    { do: 'control', control: { type: 'terminate', code, text: reason.text, by: by(act), at: at(now) } },
    {
      do: 'finish',
      kind: 'call.terminated',
      actor: actor.operator.staffId,
      payload: {
        requirement: requirementOf(code),
        code,
        reason: reason.text,
        ...names(actor),
        suspensionProposable: suspensionProposable(m, act.here.side),
      },
    },
  ];
}

/** R14.3 / R27.1: more time only with the warden's approval reference, entered at the prison. */
export function extend(act: Act, minutes: number, approvalRef: string): Decision {
  if (act.here.side !== 'inmate')
    return refusal('R14.3', 'extend-at-prison', '延长会见时间须经监狱长批准，由监狱端管理员登记（R14.3）');
  const ref = approvalRef.trim();
  if (ref.length < 2) return refusal('R14.3', 'needs-warden-approval', '延长会见时间须填写监狱长批准文号（R14.3、R27.1）');
  if (act.m.phase === 'waiting') return notStarted();
  act.m.extend(minutes * MINUTE_MS, act.now);
  act.m.addNotice(
    {
      kind: 'extended',
      code: 'R14.3',
      text: `经批准延长 ${minutes} 分钟（批准文号 ${ref}）`,
      by: act.actor.operator.name,
      origin: 'local',
    },
    act.now,
  );
  return [
    audit(act, 'call.extended', { requirement: 'R14.3', minutes, approvalRef: ref }),
    { do: 'control', control: { type: 'extend', minutes, approvalRef: ref, by: by(act), at: at(act.now) } },
  ];
}

/** A time-stamped note tied to the recording by its offset into the visit (R26.1). */
export function incident(act: Act, note: string): Decision {
  act.m.addNotice({ kind: 'incident', code: null, text: note, by: act.actor.operator.name, origin: 'local' }, act.now);
  return [
    audit(act, 'call.incident', { note, offsetMs: Math.round(act.m.elapsedMs(act.now)) }),
    { do: 'control', control: { type: 'incident', note, by: by(act), at: at(act.now) } },
  ];
}

/** R24.1: mutes one side's microphone for a short time, on both terminals. */
export function mute(act: Act, side: SignalSide, seconds: number): Decision {
  if (!live(act.m)) return notStarted();
  act.m.mute({ side, until: act.now + seconds * 1000, by: act.actor.operator.name, origin: 'local' }, act.now);
  return [
    audit(act, 'call.muted', { requirement: 'R24.1', side, seconds }),
    { do: 'control', control: { type: 'mute', side, seconds, by: by(act), at: at(act.now) } },
  ];
}

/** R24.1: pauses the visit: both sides' pictures and sound held, the countdown stopped. */
export function hold(act: Act): Decision {
  if (!live(act.m)) return notStarted();
  const who = by(act);
  if (!act.m.holdBy({ by: who.name, site: who.site, origin: 'local', at: at(act.now) }, act.now)) {
    return refusal('R24.1', 'already-held', '会见已处于暂停状态');
  }
  return [
    audit(act, 'call.held', { requirement: 'R24.1', elapsedMs: Math.round(act.m.elapsedMs(act.now)) }),
    { do: 'control', control: { type: 'hold', by: who, at: at(act.now) } },
  ];
}

/** R24.1: resumes a paused visit. */
export function release(act: Act): Decision {
  if (!act.m.releaseBy(act.actor.operator.name, 'local', act.now)) return refusal('R24.1', 'not-held', '会见未处于暂停状态');
  return [
    audit(act, 'call.released', { requirement: 'R24.1' }),
    { do: 'control', control: { type: 'release', by: by(act), at: at(act.now) } },
  ];
}

/** R17.2: why this ended call cannot take a proposal of `months`, or null. */
export function suspensionRefusal(m: CallMachine, side: SignalSide, months: number): Refusal | null {
  if (!suspensionProposable(m, side))
    return refusal('R17.2', 'not-proposable', '只有监狱端在因 R17.1 第(6)至(9)项中止会见后可以提出停止会见建议（R17.2）');
  if (m.suspensionProposal) return refusal('R17.2', 'already-proposed', '本次会见已提出停止会见建议');
  if (!Number.isInteger(months) || months < 1 || months > 3)
    return refusal('R17.2', 'months', '停止会见期限为 1 至 3 个月（R17.2）');
  return null;
}

/**
 * R17.2: the proposal is an audit entry the central store receives with the chain;
 * the prison's desk decides on it there.
 */
export function proposeSuspension(act: Act, months: number, note: string | undefined, inmateName: string): CallEffect[] {
  const { m, actor } = act;
  m.suspensionProposal = { months, by: actor.operator.name, at: at(act.now) };
  return [
    audit(act, 'call.suspensionProposed', {
      requirement: 'R17.2',
      months,
      inmateName,
      code: m.endReason?.code ?? null,
      reason: m.endReason?.text ?? null,
      note: note?.trim() ?? '',
    }),
  ];
}
