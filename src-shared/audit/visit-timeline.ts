// The visit's timeline on the supervision console (R24.1, R26.1): each audit entry of the
// visit as one line of plain Chinese — who checked in, what was deposited, every warning
// with its reason text, link drops, recording segments sealed. Pure: the console renders
// these lines, the unit tests read them. Labels come from the one table (audit-labels.ts).
import { auditLabel } from './audit-labels';

export interface VisitAuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly actor: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** info: routine; warn: the officers should notice; danger: the visit stopped or broke. */
export type TimelineTone = 'info' | 'warn' | 'danger';

export interface TimelineLine {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly label: string;
  readonly text: string;
  readonly tone: TimelineTone;
}

/** Plumbing the officers have no use for on the timeline (still in the audit list). */
const HIDDEN = new Set(['call.linkQuality', 'call.outcomeRecorded', 'call.signalingProblem', 'call.windowReattached']);

const WARN = new Set([
  'checkin.refused',
  'checkin.documentsRefused',
  'interpreter.refused',
  'visit.warning',
  'call.warning',
  'call.remoteWarning',
  'call.connectionLost',
  'call.muted',
  'call.remoteMuted',
  'call.held',
  'call.remoteHeld',
  'call.timeWarning',
  'call.incident',
  'call.remoteIncident',
]);
const DANGER = new Set([
  'call.terminated',
  'call.interrupted',
  'recording.interrupted',
  'recording.seal.failed',
  'call.signalingRefused',
]);

const str = (p: Readonly<Record<string, unknown>>, key: string): string => {
  const v = p[key];
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
};
const num = (p: Readonly<Record<string, unknown>>, key: string): number | null => {
  const v = p[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const list = (p: Readonly<Record<string, unknown>>, key: string): string[] => {
  const v = p[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
const seconds = (ms: number | null): string => (ms === null ? '' : `${Math.round(ms / 1000)} 秒`);
/** "R16.1(2) 使用隐语……": the code once (never "other"), then the reason text. */
const reason = (p: Readonly<Record<string, unknown>>, codeKey = 'code'): string => {
  const code = str(p, codeKey);
  return `${code && code !== 'other' ? `${code} ` : ''}${str(p, 'reason')}`;
};
const sideName = (side: string): string => (side === 'inmate' ? '服刑人员一方' : '会见人一方');
const tail = (p: Readonly<Record<string, unknown>>): string =>
  str(p, 'documentTail') ? `（证件尾号 ${str(p, 'documentTail')}）` : '';
const remote = (p: Readonly<Record<string, unknown>>): string =>
  `对方${str(p, 'site') ? `（${str(p, 'site')}）` : ''}${str(p, 'by')}`;

/** The sentence for one entry; the label alone when the payload adds nothing useful. */
function sentence(e: VisitAuditEntry): string {
  const p = e.payload;
  const who = str(p, 'operator');
  switch (e.kind) {
    case 'checkin.accepted':
      return `${str(p, 'name')}${tail(p)} 签到`;
    case 'checkin.refused':
      return `${str(p, 'name')}${tail(p)} 签到被拒绝：${str(p, 'reason')}`;
    case 'notice.acknowledged':
      return `${str(p, 'name')} 已确认会见须知（${str(p, 'notice') || '十不准'}）`;
    case 'deposit.declared':
      return `${str(p, 'name')} 登记寄存：${list(p, 'items').join('、') || '无'}`;
    case 'deposit.deposited':
    case 'deposit.returned': {
      const what = `${str(p, 'item')}${str(p, 'description') ? `（${str(p, 'description')}）` : ''}`;
      return `${str(p, 'owner')} 的 ${what} ${e.kind === 'deposit.deposited' ? '已寄存' : '已归还'}`;
    }
    case 'visit.warning':
      return `警告 ${reason(p, 'reasonCode')}${str(p, 'name') ? `（${str(p, 'name')}）` : ''}`;
    case 'visit.inmateInPosition':
      return `${str(p, 'inmate')} 已就位`;
    case 'equipment.checked': {
      const failed = list(p, 'failed');
      return failed.length === 0 ? '设备检查通过' : `设备检查未通过：${failed.join('、')}`;
    }
    case 'call.joined':
      return `${who || '管理员'} 加入会见`;
    case 'call.started':
      return `会见开始，时长 ${Math.round((num(p, 'allowedMs') ?? 0) / 60_000)} 分钟`;
    case 'call.warning':
      return `${who} 警告：${reason(p)}`;
    case 'call.remoteWarning':
      return `${remote(p)} 警告：${reason(p)}`;
    case 'call.terminated':
      return `${who} 终止会见：${reason(p)}`;
    case 'call.completed':
      return '会见时间到，正常结束';
    case 'call.interrupted':
      return `会见中断${str(p, 'reason') ? `：${str(p, 'reason')}` : ''}`;
    case 'call.timeWarning':
      return `剩余 ${str(p, 'minutes')} 分钟`;
    case 'call.extended':
      return `${who} 延长 ${str(p, 'minutes')} 分钟（批准文号 ${str(p, 'approvalRef')}）`;
    case 'call.remoteExtension':
      return `${remote(p)} 延长 ${str(p, 'minutes')} 分钟（批准文号 ${str(p, 'approvalRef')}）`;
    case 'call.incident':
      return `${who} 记录事件：${str(p, 'note')}`;
    case 'call.remoteIncident':
      return `${remote(p)} 记录事件：${str(p, 'note')}`;
    case 'call.muted':
      return `${who} 将${sideName(str(p, 'side'))}静音 ${str(p, 'seconds')} 秒`;
    case 'call.remoteMuted':
      return `${remote(p)} 将${sideName(str(p, 'side'))}静音${str(p, 'seconds') ? ` ${str(p, 'seconds')} 秒` : ''}`;
    case 'call.held':
      return `${who} 暂停会见`;
    case 'call.remoteHeld':
      return `${remote(p)} 暂停会见`;
    case 'call.released':
      return `${who} 恢复会见`;
    case 'call.remoteReleased':
      return `${remote(p)} 恢复会见`;
    case 'call.connectionLost':
      return `连接中断，${seconds(num(p, 'graceMs'))}内可恢复（R18.1）`;
    case 'call.resumed':
      return `连接恢复，中断 ${seconds(num(p, 'pausedMs'))}`;
    case 'call.suspensionProposed':
      return `${who} 提出停止会见 ${str(p, 'months')} 个月的建议（R17.2）`;
    case 'recording.started':
      return '开始录像';
    case 'recording.segment.sealed': {
      const index = num(p, 'index');
      const span = (num(p, 'endMs') ?? 0) - (num(p, 'startMs') ?? 0);
      const mb = (num(p, 'bytes') ?? 0) / 1_048_576;
      return `录像第 ${index === null ? '?' : index + 1} 段已封存（${seconds(span)}，${mb.toFixed(1)} MB）`;
    }
    default:
      return who ? `${auditLabel(e.kind)}（${who}）` : auditLabel(e.kind);
  }
}

export function timelineLine(e: VisitAuditEntry): TimelineLine {
  const tone: TimelineTone = DANGER.has(e.kind) ? 'danger' : WARN.has(e.kind) ? 'warn' : 'info';
  return { seq: e.seq, at: e.at, kind: e.kind, label: auditLabel(e.kind), text: sentence(e), tone };
}

const SEGMENT = 'recording.segment.sealed';

/** Segments seal every few seconds: consecutive ones read as one line ("第 1–12 段"), updated as more seal. */
function segmentRun(run: readonly VisitAuditEntry[]): TimelineLine {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) throw new Error('empty segment run');
  if (run.length === 1) return timelineLine(first);
  const spanMs = run.reduce((sum, e) => sum + Math.max(0, (num(e.payload, 'endMs') ?? 0) - (num(e.payload, 'startMs') ?? 0)), 0);
  const mb = run.reduce((sum, e) => sum + (num(e.payload, 'bytes') ?? 0), 0) / 1_048_576;
  const from = num(first.payload, 'index');
  const to = num(last.payload, 'index');
  const range = from === null || to === null ? `${run.length} 段` : `第 ${from + 1}–${to + 1} 段`;
  return {
    ...timelineLine(last),
    text: `录像${range}已封存（共 ${seconds(spanMs)}，${mb.toFixed(1)} MB）`,
  };
}

/** The visit's lines, oldest first, without the plumbing; runs of sealed segments as one line each. */
export function visitTimeline(entries: readonly VisitAuditEntry[]): TimelineLine[] {
  const lines: TimelineLine[] = [];
  let run: VisitAuditEntry[] = [];
  const flush = () => {
    if (run.length > 0) lines.push(segmentRun(run));
    run = [];
  };
  for (const e of [...entries].filter((x) => !HIDDEN.has(x.kind)).sort((a, b) => a.seq - b.seq)) {
    if (e.kind === SEGMENT) {
      run.push(e);
      continue;
    }
    flush();
    lines.push(timelineLine(e));
  }
  flush();
  return lines;
}
