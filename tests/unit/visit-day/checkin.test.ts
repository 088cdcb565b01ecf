// R10.1, R11.1, R14.2, R27.1: check-in matches each card against the approved visitors,
// refuses an unlisted person, an expired card and a fourth visitor, opens 30 minutes
// before the start, and at the start a party that has not checked in forfeits.
import { describe, expect, test } from 'vitest';
import { CARD, IDCARD, VISITORS } from '../../../harness/fixtures/visit-day/day-snapshot';
import { count, useDayTerminals } from './helpers';

const open = useDayTerminals();

describe('check-in', () => {
  test('R11.1 a card read by the reader (GA 467 simulator) is matched by number and name and logged', async () => {
    const t = await open();
    await t.loginBoth();
    t.placeCard(IDCARD('resident-valid'));
    const r = await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
    expect(r).toMatchObject({ accepted: true, person: { name: '张伟', documentNumber: VISITORS.zhangWei.documentNumber } });
    if (!r.accepted) throw new Error('refused');
    expect(r.roster.visitors.find((v) => v.visitorId === 'P-ZW')).toMatchObject({ source: 'reader' });
    expect(r.roster.status).toBe('checking-in');
    expect(await t.terminal.services.checkin.listForVisit({ visitId: 'V-1000' })).toEqual([
      expect.objectContaining({ name: '张伟', documentNumber: VISITORS.zhangWei.documentNumber }),
    ]);
    const entry = t.db.prepare("SELECT actor, payload FROM audit_log WHERE kind = 'checkin.accepted'").get() as {
      actor: string;
      payload: string;
    };
    expect(entry.actor).toBe('S-LI');
    expect(JSON.parse(entry.payload)).toMatchObject({
      operator: '李静',
      supervisors: ['何伟'],
      visitorId: 'P-ZW',
      source: 'reader',
    });
    expect(count(t.db, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'checkin.accepted'")).toBe(1);
  });

  test('R11.1 R27.1 a person not on the approved list is refused with the requirement and a zh-CN message', async () => {
    const t = await open();
    await t.loginBoth();
    t.placeCard(CARD('unlisted-zhao'));
    const r = await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
    expect(r).toMatchObject({
      accepted: false,
      refusal: { requirement: 'R11.1', code: 'not-approved' },
      person: { name: '赵强' },
    });
    if (r.accepted) throw new Error('accepted');
    expect(r.refusal.message).toContain('不在本次会见核准的会见人员名单中');
    expect(count(t.db, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
    expect(count(t.db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'checkin.refused'")).toBe(1);
  });

  test('R11.1 an expired card of an approved visitor is refused', async () => {
    const t = await open();
    await t.loginBoth();
    t.placeCard(IDCARD('resident-expired'));
    const r = await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
    expect(r).toMatchObject({
      accepted: false,
      refusal: { requirement: 'R11.1', code: 'card-expired' },
      person: { name: '李秀兰' },
    });
  });

  test('R14.2 a fourth visitor is refused even though approved', async () => {
    const t = await open();
    await t.loginBoth();
    for (const card of [IDCARD('resident-valid'), IDCARD('resident-long-term'), IDCARD('resident-dai')]) {
      t.placeCard(card);
      expect(await t.terminal.services.checkin.readCard({ visitId: 'V-1000' })).toMatchObject({ accepted: true });
    }
    t.placeCard(CARD('wang-fang'));
    const fourth = await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
    expect(fourth).toMatchObject({ accepted: false, refusal: { requirement: 'R14.2', code: 'too-many-visitors' } });
    expect(count(t.db, "SELECT COUNT(*) AS n FROM checkins WHERE visit_id = 'V-1000'")).toBe(3);
  });

  test('R11.1 manual entry: the number is checked (GB 11643) and the name must match the list', async () => {
    const t = await open();
    await t.loginBoth();
    const manual = (name: string, idNumber: string) =>
      t.terminal.services.checkin.manual({
        visitId: 'V-1000',
        entry: { document: 'resident-id', name, idNumber, validTo: '长期' },
      });
    expect(await manual('段明', '530121195806120015')).toMatchObject({
      accepted: false,
      refusal: { code: 'manual-entry-invalid' },
    });
    expect(await manual('段小明', '530121195806120014')).toMatchObject({
      accepted: false,
      refusal: { requirement: 'R11.1', code: 'name-mismatch' },
    });
    expect(await manual('段明', '530121195806120014')).toMatchObject({ accepted: true });
    expect(await manual('段明', '530121195806120014')).toMatchObject({
      accepted: false,
      refusal: { code: 'already-checked-in' },
    });
  });

  test('R10.1 check-in opens 30 minutes before the start and closes at the start', async () => {
    const t = await open('09:29');
    await t.loginBoth();
    t.placeCard(IDCARD('resident-valid'));
    const early = await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
    expect(early).toMatchObject({ accepted: false, refusal: { requirement: 'R10.1', code: 'too-early' } });
    if (early.accepted) throw new Error('accepted');
    expect(early.refusal.message).toContain('09:30');
    t.clock.set('09:30');
    expect(await t.terminal.services.checkin.readCard({ visitId: 'V-1000' })).toMatchObject({ accepted: true });
  });

  test('R10.1 at the start time a party that has not checked in forfeits: recorded as forfeited, not as used', async () => {
    const t = await open('13:59');
    expect(t.terminal.services.visit.readiness({ visitId: 'V-1400' })).toMatchObject({ status: 'scheduled' });
    t.clock.set('14:00');
    const ready = await t.terminal.services.visit.readiness({ visitId: 'V-1400' });
    expect(ready).toMatchObject({ status: 'forfeited', ready: false });
    expect(ready.blockers).toContainEqual(expect.objectContaining({ requirement: 'R10.1', code: 'forfeited' }));
    const entry = t.db
      .prepare(
        "SELECT actor, payload FROM audit_log WHERE kind = 'visit.forfeited' AND json_extract(payload, '$.visitId') = 'V-1400'",
      )
      .get() as { actor: string; payload: string };
    expect(entry.actor).toBe('system');
    expect(JSON.parse(entry.payload)).toMatchObject({ requirement: 'R10.1', countsAsUsed: false });
    expect(count(t.db, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'visit.forfeited'")).toBe(3); // 10:00, 11:00 and 14:00, none checked in
    await t.loginBoth();
    const late = await t.terminal.services.checkin.manual({
      visitId: 'V-1400',
      entry: { document: 'resident-id', name: '段明', idNumber: '530121195806120014', validTo: '长期' },
    });
    expect(late).toMatchObject({ accepted: false, refusal: { requirement: 'R10.1', code: 'forfeited' } });
  });

  test('R10.1 a visit with a visitor checked in does not forfeit at the start', async () => {
    const t = await open('09:50');
    await t.loginBoth();
    t.placeCard(IDCARD('resident-valid'));
    await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
    t.clock.set('10:01');
    expect(t.terminal.services.visit.readiness({ visitId: 'V-1000' })).toMatchObject({ status: 'checking-in' });
  });
});
