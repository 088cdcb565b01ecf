// R34.1 special visitors in the day snapshot (a lawyers-only visit is imported, not
// skipped; their letter and credential are checked at check-in; outside the R14.2 family
// count), R10.1 a minor with the household register, and a visit the store cancelled.
import { describe, expect, test } from 'vitest';
import { importDaySnapshot } from '../../../src-main/visit-day';
import type { DaySnapshotInput } from '../../../src-main/visit-day/snapshot-schema';
import { at, DAY, daySnapshot, VISITORS } from '../../../harness/fixtures/visit-day/day-snapshot';
import { residentId } from '../../../harness/store/world';
import { count, useDayTerminals, type DayTerminal } from './helpers';

const open = useDayTerminals();
const LAWYER = residentId('1980-02-02', '457');
const CLERK = residentId('1992-09-09', '458');
const MINOR = residentId('2014-06-01', '021');

const lawyer = (
  visitorId: string,
  name: string,
  documentNumber: string,
  letter: { kind: 'power-of-attorney'; reference: string } | null,
  credentialNumber: string | null,
) => ({
  visitorId,
  name,
  documentNumber,
  special: { kind: 'lawyer' as const, organisation: '云南某律师事务所', letter, credentialNumber },
});

/** 15:00 lawyers only (one with no letter on file); 16:00 a father with his minor daughter. */
function withSpecial(s: DaySnapshotInput): DaySnapshotInput {
  return {
    ...s,
    visits: [
      ...s.visits,
      {
        visitId: 'V-1500',
        roomId: 'room1',
        date: DAY,
        startTime: '15:00',
        minutes: 30,
        inmate: { inmateId: 'I-4', name: '王强' },
        maxVisitors: 1,
        visitors: [
          lawyer('L-1', '陈律', LAWYER, { kind: 'power-of-attorney', reference: '委字2026第1号' }, '15301202610000001'),
          lawyer('L-2', '周律', CLERK, null, '15301202610000002'),
        ],
      },
      {
        visitId: 'V-1600',
        roomId: 'room1',
        date: DAY,
        startTime: '16:00',
        minutes: 30,
        inmate: { inmateId: 'I-5', name: '段强' },
        visitors: [VISITORS.duanMing, { visitorId: 'P-MINOR', name: '段小雨', documentNumber: MINOR, relationship: 'daughter' }],
      },
    ],
  };
}

const target = (t: DayTerminal) => ({ terminalId: 'kmgd-sfj-room1', siteId: 'kmgd-sfj', roomId: 'room1', now: t.clock.now });

describe('special visitors, minors and cancelled visits in the day snapshot', () => {
  test('R34.1 a lawyers-only visit is imported; letter and credential are checked against the approval; no R14.2 family count', async () => {
    const t = await open('14:40', { snapshot: withSpecial });
    await t.loginBoth();
    const s = t.terminal.services.checkin;
    const roster = await s.roster({ visitId: 'V-1500' });
    expect(roster).toMatchObject({ category: 'special', maxVisitors: 1 });
    expect(roster.visitors[0]).toMatchObject({
      relationshipLabel: '律师（特殊会见人）',
      special: { kindLabel: '律师', letter: { label: '委托书', reference: '委字2026第1号' } },
    });

    // Two lawyers although maxVisitors is 1: special visitors are outside the family count.
    for (const [name, number] of [
      ['陈律', LAWYER],
      ['周律', CLERK],
    ] as const) {
      expect(
        await s.manual({ visitId: 'V-1500', entry: { document: 'resident-id', name, idNumber: number, validTo: '长期' } }),
      ).toMatchObject({ accepted: true });
    }
    const blockers = async () =>
      (await t.terminal.services.visit.readiness({ visitId: 'V-1500' })).blockers.map((b) => `${b.requirement} ${b.code}`);
    expect((await blockers()).filter((b) => b.includes('documents'))).toEqual([
      'R34.1 documents-not-checked',
      'R34.1 documents-not-checked',
    ]);

    // Wrong letter number, then right; the second lawyer has no letter on file: refused, audited.
    expect(
      await s.checkDocuments({
        visitId: 'V-1500',
        documentNumber: LAWYER,
        letterReference: '委字2026第9号',
        credentialNumber: '15301202610000001',
      }),
    ).toMatchObject({ accepted: false, refusal: { requirement: 'R34.1', code: 'letter-mismatch' } });
    expect(
      await s.checkDocuments({
        visitId: 'V-1500',
        documentNumber: LAWYER,
        letterReference: '委字2026第1号 ',
        credentialNumber: '15301202610000001',
      }),
    ).toMatchObject({ accepted: true });
    expect(
      await s.checkDocuments({
        visitId: 'V-1500',
        documentNumber: CLERK,
        letterReference: '委字2026第2号',
        credentialNumber: '15301202610000002',
      }),
    ).toMatchObject({ accepted: false, refusal: { code: 'letter-missing', message: expect.stringContaining('R34.1') } });
    expect((await blockers()).filter((b) => b.includes('documents'))).toEqual(['R34.1 documents-not-checked']);
    expect(count(t.db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'checkin.documentsChecked'")).toBe(1);
    expect(count(t.db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'checkin.documentsRefused'")).toBe(2);
    const checked = JSON.parse(
      (t.db.prepare("SELECT payload FROM audit_log WHERE kind = 'checkin.documentsChecked'").get() as { payload: string })
        .payload,
    ) as Record<string, unknown>;
    expect(checked).toMatchObject({ name: '陈律', letter: '委托书 委字2026第1号', operator: '李静', requirement: 'R34.1' });
  });

  test('R34.1 a special visitor without a letter kind or with a bad shape is refused whole by the snapshot schema', async () => {
    const t = await open('09:40');
    const bad = withSpecial(await daySnapshot());
    const visit = bad.visits.at(-2) as unknown as { visitors: Array<{ special: Record<string, unknown> }> };
    const first = visit.visitors[0];
    if (!first) throw new Error('fixture changed');
    first.special['kind'] = 'friend';
    const before = count(t.db, 'SELECT COUNT(*) AS n FROM visits');
    expect(() => importDaySnapshot(t.db, bad, target(t))).toThrow(/未做任何更改/);
    expect(count(t.db, 'SELECT COUNT(*) AS n FROM visits')).toBe(before);
  });

  test('R10.1 a minor checks in with the household register (manual entry); an adult cannot', async () => {
    const t = await open('15:40', { snapshot: withSpecial });
    await t.loginBoth();
    const s = t.terminal.services.checkin;
    const adult = await s.manual({
      visitId: 'V-1600',
      entry: { document: 'household-register', name: '段明', idNumber: VISITORS.duanMing.documentNumber },
    });
    expect(adult).toMatchObject({
      accepted: false,
      refusal: { requirement: 'R11.1', message: expect.stringContaining('户口簿仅适用于未成年人（R10.1）') },
    });
    const minor = await s.manual({
      visitId: 'V-1600',
      entry: { document: 'household-register', name: '段小雨', idNumber: MINOR },
    });
    expect(minor).toMatchObject({ accepted: true, person: { name: '段小雨' } });
    const row = t.db.prepare("SELECT source FROM checkins WHERE visit_id = 'V-1600'").get() as { source: string };
    expect(row.source).toBe('manual');
    const logged = JSON.parse(
      (t.db.prepare("SELECT payload FROM audit_log WHERE kind = 'checkin.accepted'").get() as { payload: string }).payload,
    ) as Record<string, unknown>;
    expect(logged).toMatchObject({ name: '段小雨', source: 'manual' });
  });

  test('a visit the store cancelled (or no longer lists) is marked cancelled: no check-in, no forfeit, listed as cancelled', async () => {
    const t = await open('09:40');
    await t.loginBoth();
    const base = await daySnapshot();
    // V-1100 dropped from the day's list, V-1400 explicitly cancelled.
    const next: DaySnapshotInput = {
      ...base,
      visits: base.visits
        .filter((v) => v.visitId !== 'V-1100')
        .map((v) => (v.visitId === 'V-1400' ? { ...v, status: 'cancelled' as const } : v)),
    };
    const outcome = importDaySnapshot(t.db, next, target(t));
    expect(outcome.cancelled).toBe(2);
    const today = await t.terminal.services.visit.today(undefined);
    expect(today.visits.map((v) => [v.visitId, v.status])).toEqual([
      ['V-1000', 'scheduled'],
      ['V-1100', 'cancelled'],
      ['V-1400', 'cancelled'],
    ]);
    t.clock.set('13:45');
    await t.terminal.services.auth.activity(undefined); // the inactivity lock (R25.1) fires: the clock jumped
    await t.loginBoth();
    expect(
      await t.terminal.services.checkin.manual({
        visitId: 'V-1400',
        entry: { document: 'resident-id', name: '段明', idNumber: VISITORS.duanMing.documentNumber, validTo: '长期' },
      }),
    ).toMatchObject({ accepted: false, refusal: { code: 'cancelled' } });
    expect((await t.terminal.services.visit.readiness({ visitId: 'V-1400' })).blockers.map((b) => b.code)).toContain('cancelled');
    // After 14:00 nobody forfeits a cancelled visit (V-1000 at 10:00, not cancelled, did forfeit).
    t.clock.now = at('14:01');
    await t.terminal.services.checkin.roster({ visitId: 'V-1400' });
    const forfeited = t.db
      .prepare("SELECT json_extract(payload, '$.visitId') AS v FROM audit_log WHERE kind = 'visit.forfeited'")
      .all() as { v: string }[];
    expect(forfeited.map((r) => r.v)).toEqual(['V-1000']);
    const imported = JSON.parse(
      (
        t.db.prepare("SELECT payload FROM audit_log WHERE kind = 'visitDay.imported' ORDER BY seq DESC LIMIT 1").get() as {
          payload: string;
        }
      ).payload,
    ) as Record<string, unknown>;
    expect(imported['cancelledVisitIds']).toEqual(['V-1100', 'V-1400']);
    // Listed again: no longer cancelled.
    importDaySnapshot(t.db, base, target(t));
    expect((await t.terminal.services.visit.today(undefined)).visits.find((v) => v.visitId === 'V-1100')?.status).toBe(
      'scheduled',
    );
  });

  test("R10.1 a visit the other terminal declared forfeited (the store's feed) is forfeited here too, not cancelled", async () => {
    const t = await open('09:40', { side: 'prison' });
    await t.loginBoth();
    const base = await daySnapshot();
    const next: DaySnapshotInput = {
      ...base,
      visits: base.visits.map((v) => (v.visitId === 'V-1000' ? { ...v, status: 'forfeited' as const } : v)),
    };
    const outcome = importDaySnapshot(t.db, next, target(t));
    expect(outcome.cancelled).toBe(0);
    const today = await t.terminal.services.visit.today(undefined);
    expect(today.visits.find((v) => v.visitId === 'V-1000')?.status).toBe('forfeited');
    expect((await t.terminal.services.visit.readiness({ visitId: 'V-1000' })).blockers.map((b) => b.code)).toContain('forfeited');
    const imported = JSON.parse(
      (
        t.db.prepare("SELECT payload FROM audit_log WHERE kind = 'visitDay.imported' ORDER BY rowid DESC LIMIT 1").get() as {
          payload: string;
        }
      ).payload,
    ) as Record<string, unknown>;
    expect(imported['forfeitedVisitIds']).toEqual(['V-1000']);
    // A later snapshot listing it as scheduled again does not reopen history.
    importDaySnapshot(t.db, base, target(t));
    expect((await t.terminal.services.visit.today(undefined)).visits.find((v) => v.visitId === 'V-1000')?.status).toBe(
      'forfeited',
    );
  });
});
