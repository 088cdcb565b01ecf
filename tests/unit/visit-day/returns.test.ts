// R19.1 after the visit: every deposited item is handed back, each return audited with the
// administrator's name; an item still in custody is listed for the administrators, marked
// when the visit is over (the owner is leaving without it).
import { describe, expect, test } from 'vitest';
import { IDCARD, VISITORS } from '../../../harness/fixtures/visit-day/day-snapshot';
import { count, useDayTerminals } from './helpers';

const open = useDayTerminals();
const ZW = VISITORS.zhangWei.documentNumber;

describe('R19.1 return of deposits', () => {
  test('R19.1 deposited items are listed until returned; a finished visit with an item in custody is flagged; each return is audited', async () => {
    const t = await open('09:45');
    await t.loginBoth();
    t.placeCard(IDCARD('resident-valid'));
    expect(await t.terminal.services.checkin.readCard({ visitId: 'V-1000' })).toMatchObject({ accepted: true });
    const s = t.terminal.services.checkin;
    const declared = await s.declareDeposits({
      visitId: 'V-1000',
      documentNumber: ZW,
      items: [
        { item: 'phone', description: '华为' },
        { item: 'recorder', description: '' },
      ],
    });
    if (!declared.accepted) throw new Error(declared.refusal.message);
    const items = declared.roster.visitors.find((v) => v.documentNumber === ZW)?.items ?? [];
    // Declared but not yet deposited: nothing to return.
    expect(await s.outstandingReturns(undefined)).toEqual([]);
    for (const i of items) await s.depositItem({ visitId: 'V-1000', itemId: i.itemId, action: 'deposited' });
    let outstanding = await s.outstandingReturns(undefined);
    expect(outstanding.map((o) => [o.itemLabel, o.description, o.owner, o.visitOver])).toEqual([
      ['手机', '华为', '张伟', false],
      ['录音设备', '', '张伟', false],
    ]);

    // The visit ends (the call module marks it completed): both items are now overdue.
    t.db.prepare("UPDATE visits SET status = 'completed' WHERE visit_id = 'V-1000'").run();
    outstanding = await s.outstandingReturns(undefined);
    expect(outstanding.every((o) => o.visitOver && o.visitStatus === 'completed')).toBe(true);

    // Returned after the visit, one by one; returning twice is harmless; an unknown item is refused.
    const [phone, recorder] = items;
    if (!phone || !recorder) throw new Error('items missing');
    expect(await s.depositItem({ visitId: 'V-1000', itemId: phone.itemId, action: 'returned' })).toMatchObject({
      accepted: true,
    });
    expect(await s.depositItem({ visitId: 'V-1000', itemId: phone.itemId, action: 'returned' })).toMatchObject({
      accepted: true,
    });
    expect(await s.depositItem({ visitId: 'V-1000', itemId: 9999, action: 'returned' })).toMatchObject({
      accepted: false,
      refusal: { code: 'no-such-item' },
    });
    expect((await s.outstandingReturns(undefined)).map((o) => o.itemId)).toEqual([recorder.itemId]);
    await s.depositItem({ visitId: 'V-1000', itemId: recorder.itemId, action: 'returned' });
    expect(await s.outstandingReturns(undefined)).toEqual([]);
    const returns = (
      t.db.prepare("SELECT payload FROM audit_log WHERE kind = 'deposit.returned' ORDER BY seq").all() as { payload: string }[]
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    expect(returns.map((r) => [r['item'], r['owner'], r['operator']])).toEqual([
      ['手机', '张伟', '李静'],
      ['录音设备', '张伟', '李静'],
    ]);
    expect(count(t.db, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'deposit.returned'")).toBe(2);
  });

  test('R19.1 R25.1 a return needs the two administrators; refused without them and nothing changes', async () => {
    const t = await open('09:45');
    await t.loginBoth();
    t.placeCard(IDCARD('resident-valid'));
    await t.terminal.services.checkin.readCard({ visitId: 'V-1000' });
    const s = t.terminal.services.checkin;
    const declared = await s.declareDeposits({
      visitId: 'V-1000',
      documentNumber: ZW,
      items: [{ item: 'camera', description: '' }],
    });
    const item = declared.roster.visitors.find((v) => v.documentNumber === ZW)?.items[0];
    if (!item) throw new Error('no item');
    await s.depositItem({ visitId: 'V-1000', itemId: item.itemId, action: 'deposited' });
    await t.terminal.services.auth.lock(undefined);
    expect(await s.depositItem({ visitId: 'V-1000', itemId: item.itemId, action: 'returned' })).toMatchObject({
      accepted: false,
      refusal: { requirement: 'R25.1' },
    });
    expect((await s.outstandingReturns(undefined)).map((o) => o.itemId)).toEqual([item.itemId]);
  });
});
