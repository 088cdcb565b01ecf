// Issue 25 items 1 and 5 in the pure rules: a prison's own limits under R14.2's ceiling,
// its and its rooms' visiting hours and days (R14.3), the interpreter noted at application
// and required at check-in (R23.1).
import { describe, expect, it } from 'vitest';
import { decideVisit, prisonPolicySchema, visitLanguagesSchema } from '../../../src-shared/regulation';
import type { Decision, PrisonPolicyInput } from '../../../src-shared/regulation';
import { inmate, input, relative, visit, warden } from './fixtures';

const policy = (over: Partial<PrisonPolicyInput> = {}): PrisonPolicyInput => ({
  prisonId: 'prison-km-1',
  adult: { visitsPerMonth: 1, maxMinutes: 20, maxVisitors: 2 },
  juvenile: { visitsPerMonth: 2, maxMinutes: 45, maxVisitors: 3 },
  ...over,
});
const r = (d: Decision, id: string) => d.applied.filter((a) => a.id === id);

describe('a prison’s own limits (R14.2 is the ceiling)', () => {
  it('R14.2 a prison may set stricter adult limits', () => {
    expect(prisonPolicySchema.safeParse(policy()).success).toBe(true);
  });
  it.each([
    ['visitsPerMonth', { visitsPerMonth: 2, maxMinutes: 30, maxVisitors: 3 }],
    ['maxMinutes', { visitsPerMonth: 1, maxMinutes: 45, maxVisitors: 3 }],
    ['maxVisitors', { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 4 }],
  ])('R14.2 a looser adult %s is refused (only the warden lifts it, R14.3)', (key, adult) => {
    const parsed = prisonPolicySchema.safeParse(
      policy({ adult, juvenile: { visitsPerMonth: 3, maxMinutes: 60, maxVisitors: 3 } }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['adult', key] });
    expect(parsed.error?.issues[0]?.message).toContain('R14.2');
  });
  it('R14.2 juveniles may get more visits and time, not more visitors', () => {
    const parsed = prisonPolicySchema.safeParse(policy({ juvenile: { visitsPerMonth: 2, maxMinutes: 45, maxVisitors: 4 } }));
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['juvenile.maxVisitors']);
  });
  it('R14.2 the prison’s stricter minutes and visitors refuse a visit within the regulation’s', () => {
    const d = decideVisit(
      input({ visit: visit({ minutes: 30, visitors: [relative(1), relative(2), relative(3)] }), policy: policy() }),
    );
    expect(d.outcome).toBe('refused');
    expect(
      r(d, 'R14.2')
        .filter((a) => a.result === 'failed')
        .map((a) => a.reason),
    ).toEqual(['每次会见时间不超过20分钟', '每次会见人数不超过2人']);
  });
  it('R14.2 R14.3 a warden’s exception still lifts the prison’s stricter limit', () => {
    const d = decideVisit(
      input({ visit: visit({ minutes: 30 }), policy: policy(), exceptions: [warden({ lifts: 'duration', maxMinutes: 30 })] }),
    );
    expect(d.outcome).toBe('allowed');
  });
  it('R14.2 a juvenile gets the prison’s relaxed limits', () => {
    const d = decideVisit(
      input({ inmate: inmate({ birthDate: '2010-01-01' }), visit: visit({ minutes: 45 }), policy: policy() }),
    );
    expect(d.outcome === 'allowed' && d.limits).toMatchObject({ maxMinutes: 45, juvenile: true });
  });
});

describe('visiting hours and days, per prison and per room (R14.3)', () => {
  const hours = policy({
    visitingHours: [{ start: '09:00', end: '11:00' }],
    visitingDays: [1, 2, 3, 4, 5],
    rooms: [{ roomId: 'room-2', visitingHours: [{ start: '14:00', end: '16:00' }], visitingDays: [6] }],
  });
  const at = (date: string, start: string, roomId = 'room-1') =>
    decideVisit(input({ visit: visit({ date, start, minutes: 20, roomId }), policy: hours }));

  it('R14.3 a weekday morning in the prison’s hours needs no approval', () => {
    expect(r(at('2026-06-10', '09:00'), 'R14.3')).toEqual([expect.objectContaining({ result: 'not-applicable' })]);
  });
  it('R14.3 a Saturday is not a visiting day of the prison: refused without the warden', () => {
    const d = at('2026-06-13', '09:00');
    expect(d.outcome).toBe('refused');
    expect(r(d, 'R14.3')[0]?.detail).toContain('星期六');
  });
  it('R14.3 a room’s own hours and days replace the prison’s', () => {
    expect(at('2026-06-13', '14:00', 'room-2').outcome).toBe('allowed');
    expect(at('2026-06-10', '14:00', 'room-2').outcome).toBe('refused');
    expect(at('2026-06-13', '09:00', 'room-2').outcome).toBe('refused');
  });
  it('R14.3 the warden’s approval lifts the hours and the days', () => {
    const d = decideVisit(
      input({
        visit: visit({ date: '2026-06-13', start: '19:00', minutes: 20 }),
        policy: hours,
        exceptions: [warden({ lifts: 'visiting-hours', visitDate: '2026-06-13' })],
      }),
    );
    expect(d.outcome).toBe('allowed');
  });
  it('R14.3 hours must run forwards and days may not repeat', () => {
    expect(prisonPolicySchema.safeParse(policy({ visitingHours: [{ start: '11:00', end: '09:00' }] })).success).toBe(false);
    expect(prisonPolicySchema.safeParse(policy({ visitingDays: [1, 1] })).success).toBe(false);
    expect(prisonPolicySchema.safeParse(policy({ visitingDays: [7] })).success).toBe(false);
  });
});

describe('R23.1 the visit’s languages', () => {
  it('R23.1 at application a minority language is noted, the interpreter comes on the day', () => {
    const d = decideVisit(input({ visit: visit({ languages: [{ kind: 'minority', name: '彝语' }], stage: 'application' }) }));
    expect(d.outcome).toBe('allowed');
    expect(r(d, 'R23.1')).toEqual([
      expect.objectContaining({ result: 'passed', detail: '使用彝语，会见当日须有翻译人员在场并登记' }),
    ]);
  });
  it('R23.1 at check-in the same visit without an interpreter is refused', () => {
    const d = decideVisit(input({ visit: visit({ languages: [{ kind: 'minority', name: '彝语' }] }) }));
    expect(d.outcome).toBe('refused');
  });
  it('R23.1 the languages an application records are bounded and named', () => {
    expect(visitLanguagesSchema.safeParse([{ kind: 'minority', name: '彝语' }, { kind: 'sign' }]).success).toBe(true);
    for (const bad of [
      [],
      [{ kind: 'minority', name: '' }],
      [{ kind: 'foreign', name: 'x'.repeat(21) }],
      [{ kind: 'minority', name: '彝语<b>' }],
      [{ kind: 'sign' }, { kind: 'sign' }],
    ])
      expect(visitLanguagesSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
