// Issue 19 item 1: the console's timeline and audit list speak Chinese (R24.1, R26.1).
import { describe, expect, test } from 'vitest';
import { AUDIT_LABELS, auditLabel } from '../../../src-shared/audit/audit-labels';
import { timelineLine, visitTimeline, type VisitAuditEntry } from '../../../src-shared/audit/visit-timeline';
import { WARNING_REASONS } from '../../../src-shared/regulation/reason-codes';

let seq = 0;
const entry = (kind: string, payload: Record<string, unknown>, actor = 'S-LI'): VisitAuditEntry => ({
  seq: ++seq,
  at: '2026-05-06T01:00:00.000Z',
  kind,
  actor,
  payload: { visitId: 'v1', ...payload },
});
const HAN = /[\u4e00-\u9fff]/;

describe('audit labels (R26.1)', () => {
  test('R26.1 every label is Chinese, and raw codes like recording.started become words', () => {
    for (const [kind, label] of Object.entries(AUDIT_LABELS)) {
      expect(label, kind).toMatch(HAN);
      expect(label, kind).not.toContain('.');
    }
    expect(auditLabel('recording.started')).toBe('开始录像');
    expect(auditLabel('call.warning')).toBe('警告');
  });

  test('R26.1 an unknown kind is never hidden: "其他事件" with its code', () => {
    expect(auditLabel('new.kind')).toBe('其他事件（new.kind）');
  });
});

describe('the visit timeline (R24.1, R16.1, R17.1, R18.1, R13.1)', () => {
  test('R24.1 check-in and deposits read as sentences with names and items', () => {
    expect(timelineLine(entry('checkin.accepted', { name: '张伟', documentTail: '1234', source: 'reader' })).text).toBe(
      '张伟（证件尾号 1234） 签到',
    );
    expect(timelineLine(entry('deposit.declared', { name: '张伟', items: ['手机：华为', '钥匙'] })).text).toBe(
      '张伟 登记寄存：手机：华为、钥匙',
    );
    expect(timelineLine(entry('deposit.deposited', { owner: '张伟', item: '手机', description: '华为' })).text).toBe(
      '张伟 的 手机（华为） 已寄存',
    );
  });

  test('R16.1 a warning carries its code once and the reason text, by name; R17.1 a termination too', () => {
    const w = timelineLine(
      entry('call.warning', { code: 'R16.1(2)', reason: WARNING_REASONS['R16.1(2)'], operator: '李静', supervisors: ['何伟'] }),
    );
    expect(w).toMatchObject({ label: '警告', tone: 'warn', text: `李静 警告：R16.1(2) ${WARNING_REASONS['R16.1(2)']}` });
    const other = timelineLine(entry('call.warning', { code: 'other', reason: '大声喧哗', operator: '李静' }));
    expect(other.text).toBe('李静 警告：大声喧哗');
    const remote = timelineLine(
      entry('call.remoteWarning', { code: 'R16.1(4)', reason: '谈论不利于罪犯改造事项', by: '王芳', site: '某司法所' }),
    );
    expect(remote.text).toBe('对方（某司法所）王芳 警告：R16.1(4) 谈论不利于罪犯改造事项');
    const end = timelineLine(
      entry('call.terminated', { code: 'R17.1(8)', reason: '谈论案情，涉嫌串供、通风报信', operator: '李静' }),
    );
    expect(end).toMatchObject({ tone: 'danger', text: '李静 终止会见：R17.1(8) 谈论案情，涉嫌串供、通风报信' });
  });

  test('R18.1 link drops and returns; R13.1 recording segments sealed, with their length and size', () => {
    expect(timelineLine(entry('call.connectionLost', { elapsedMs: 61_000, graceMs: 120_000 })).text).toBe(
      '连接中断，120 秒内可恢复（R18.1）',
    );
    expect(timelineLine(entry('call.resumed', { pausedMs: 4_400 })).text).toBe('连接恢复，中断 4 秒');
    expect(
      timelineLine(entry('recording.segment.sealed', { index: 0, startMs: 0, endMs: 60_000, bytes: 3_145_728, sha256: 'ab' }))
        .text,
    ).toBe('录像第 1 段已封存（60 秒，3.0 MB）');
  });

  test('R24.1 oldest first, the plumbing (link-quality summaries) left out, no raw code in any line', () => {
    const lines = visitTimeline([
      entry('call.started', { side: 'inmate', allowedMs: 1_800_000 }),
      entry('call.linkQuality', { kbps: 900 }),
      entry('call.muted', { side: 'visitor', seconds: 30, operator: '李静' }),
      entry('recording.started', {}),
    ]);
    expect(lines.map((l) => l.text)).toEqual(['会见开始，时长 30 分钟', '李静 将会见人一方静音 30 秒', '开始录像']);
    for (const l of lines) expect(l.text + l.label).not.toMatch(/[a-z]+\.[a-z]+/i);
  });

  test('R13.1 segments seal every few seconds: a run of them is one line, broken by any other event', () => {
    const seg = (index: number) =>
      entry('recording.segment.sealed', { index, startMs: index * 6000, endMs: (index + 1) * 6000, bytes: 524_288 });
    const lines = visitTimeline([
      seg(0),
      seg(1),
      seg(2),
      entry('call.warning', { code: 'other', reason: '大声喧哗', operator: '李静' }),
      seg(3),
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      '录像第 1–3 段已封存（共 18 秒，1.5 MB）',
      '李静 警告：大声喧哗',
      '录像第 4 段已封存（6 秒，0.5 MB）',
    ]);
    // Keyed by its newest entry, so the line updates in place as the run grows.
    expect(lines[0]?.seq).toBe(seq - 2);
  });

  test('a payload with wrong types still gives a line (nothing from it is trusted)', () => {
    const l = timelineLine(entry('deposit.declared', { name: 42, items: 'not a list' }));
    expect(l.text).toBe('42 登记寄存：无');
  });
});
