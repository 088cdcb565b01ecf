// R12.1, R16.1(1), R19.1, R23.1 and readiness: what must happen between check-in and the
// start, each step logged to the audit chain and the outbox; and the snapshot import.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../../src-main/audit';
import { checkCentralStore, checkDisk, bytesNeededFor } from '../../../../src-main/visit-day/equipment';
import { importDaySnapshot } from '../../../../src-main/visit-day';
import { daySnapshot, IDCARD, VISITORS } from '../../../../harness/fixtures/visit-day/day-snapshot';
import { count, useDayTerminals, type DayTerminal } from '../../../unit/visit-day/helpers';

const open = useDayTerminals();
const ZW = VISITORS.zhangWei.documentNumber;
const GOOD_DEVICES = {
  camera: { ok: true, detail: 'fake camera' },
  microphone: { ok: true, detail: 'fake mic' },
  speaker: { ok: true, detail: '已听到测试音' },
};

async function checkedIn(t: DayTerminal, visitId: string) {
  await t.loginBoth();
  t.placeCard(IDCARD('resident-valid'));
  const r = await t.terminal.services.checkin.readCard({ visitId });
  if (!r.accepted) throw new Error(r.refusal.message);
}

const codes = async (t: DayTerminal, visitId: string) =>
  (await t.terminal.services.visit.readiness({ visitId })).blockers.map((b) => `${b.requirement} ${b.code}`);

describe('before the start', () => {
  test('R23.1 a visit in 彝语 cannot start without an interpreter; the interpreter is recorded', async () => {
    const t = await open('10:40');
    await checkedIn(t, 'V-1100');
    expect(await codes(t, 'V-1100')).toContain('R23.1 interpreter-missing');
    const s = t.terminal.services.checkin;
    expect(await s.interpreter({ visitId: 'V-1100', name: '张伟', documentNumber: ZW, languages: ['彝语'] })).toMatchObject({
      accepted: false,
      refusal: { requirement: 'R23.1', code: 'is-visitor' },
    });
    expect(
      await s.interpreter({ visitId: 'V-1100', name: '沙玛', documentNumber: '530102198503150051', languages: ['彝语'] }),
    ).toMatchObject({ accepted: false, refusal: { code: 'invalid-id' } });
    const ok = await s.interpreter({
      visitId: 'V-1100',
      name: '沙玛',
      documentNumber: '530102198503150050',
      languages: ['彝语'],
    });
    expect(ok).toMatchObject({ accepted: true, roster: { interpreter: { name: '沙玛', languages: ['彝语'] } } });
    expect(await codes(t, 'V-1100')).not.toContain('R23.1 interpreter-missing');
  });

  test('R12.1 each checked-in visitor acknowledges the notice; R19.1 declared items must be deposited, and are returned', async () => {
    const t = await open('09:45');
    await checkedIn(t, 'V-1000');
    const s = t.terminal.services.checkin;
    expect(await codes(t, 'V-1000')).toEqual(
      expect.arrayContaining(['R12.1 notice-not-acknowledged', 'R19.1 deposit-not-declared']),
    );
    expect(await s.acknowledgeNotice({ visitId: 'V-1000', documentNumber: VISITORS.duanMing.documentNumber })).toMatchObject({
      accepted: false,
      refusal: { code: 'not-checked-in' },
    });
    expect(await s.acknowledgeNotice({ visitId: 'V-1000', documentNumber: ZW })).toMatchObject({ accepted: true });
    const declared = await s.declareDeposits({
      visitId: 'V-1000',
      documentNumber: ZW,
      items: [
        { item: 'phone', description: '华为' },
        { item: 'camera', description: '' },
      ],
    });
    if (!declared.accepted) throw new Error('refused');
    expect(await codes(t, 'V-1000')).toEqual(expect.arrayContaining(['R19.1 item-not-deposited']));
    const items = declared.roster.visitors.find((v) => v.documentNumber === ZW)?.items ?? [];
    expect(items.map((i) => i.item)).toEqual(['phone', 'camera']);
    for (const i of items) await s.depositItem({ visitId: 'V-1000', itemId: i.itemId, action: 'deposited' });
    expect((await codes(t, 'V-1000')).filter((c) => /R1[29]\.1|R16/.test(c) && !c.includes('equipment'))).toEqual([]);
    const first = items[0];
    if (!first) throw new Error('no item');
    const returned = await s.depositItem({ visitId: 'V-1000', itemId: first.itemId, action: 'returned' });
    expect(returned).toMatchObject({ accepted: true });
    expect(
      count(
        t.db,
        "SELECT COUNT(*) AS n FROM audit_log WHERE kind IN ('notice.acknowledged','deposit.declared','deposit.deposited','deposit.returned')",
      ),
    ).toBe(5);
    expect(
      count(
        t.db,
        "SELECT COUNT(*) AS n FROM outbox WHERE kind IN ('notice.acknowledged','deposit.declared','deposit.deposited','deposit.returned')",
      ),
    ).toBe(5);
  });

  test('R19.1 refusing to deposit is handled as R16.1(1): a warning is logged and the start is blocked until deposited', async () => {
    const t = await open('09:45');
    await checkedIn(t, 'V-1000');
    const s = t.terminal.services.checkin;
    const declared = await s.declareDeposits({
      visitId: 'V-1000',
      documentNumber: ZW,
      items: [{ item: 'recorder', description: '录音笔' }],
    });
    await s.refuseDeposit({ visitId: 'V-1000', documentNumber: ZW });
    expect(await codes(t, 'V-1000')).toContain('R16.1(1) deposit-refused');
    const warning = t.db.prepare("SELECT payload FROM audit_log WHERE kind = 'visit.warning'").get() as { payload: string };
    expect(JSON.parse(warning.payload)).toMatchObject({ reasonCode: 'R16.1(1)', name: '张伟' });
    const item = declared.roster.visitors.find((v) => v.documentNumber === ZW)?.items[0];
    await s.depositItem({ visitId: 'V-1000', itemId: item?.itemId ?? 0, action: 'deposited' });
    expect(await codes(t, 'V-1000')).not.toContain('R16.1(1) deposit-refused');
  });

  test('R12.1 the equipment check: a missing camera fails and blocks the start with what to do; all good clears it', async () => {
    const t = await open('09:45');
    await checkedIn(t, 'V-1000');
    const r = await t.terminal.services.device.equipmentCheck({
      visitId: 'V-1000',
      ...GOOD_DEVICES,
      camera: { ok: false, detail: 'NotAllowedError' },
    });
    if (!r.accepted) throw new Error('refused');
    const camera = r.roster.equipment.find((e) => e.name === 'camera');
    expect(camera).toMatchObject({ ok: false });
    expect(camera?.detail).toContain('请检查摄像头');
    // The fixture's central store (127.0.0.1:9) does not answer: the network check fails too.
    expect(await codes(t, 'V-1000')).toEqual(
      expect.arrayContaining(['R12.1 equipment-camera-failed', 'R12.1 equipment-network-failed']),
    );
    expect(count(t.db, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'equipment.checked'")).toBe(1);
  });

  test('R12.1 the network check is a real GET of /health with a time-out; the disk check asks for the longest visit', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/health') res.writeHead(200).end('{"status":"ok"}');
      else if (req.url === '/slow/health') setTimeout(() => res.writeHead(200).end(), 2_000);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await checkCentralStore(base, 1_000)).toMatchObject({ ok: true });
      expect(await checkCentralStore(`${base}/broken`, 1_000)).toMatchObject({ ok: false, detail: '中心库返回 HTTP 503' });
      expect(await checkCentralStore(`${base}/slow`, 200)).toMatchObject({ ok: false, detail: '中心库 200 毫秒内无应答' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
    expect(await checkDisk('/tmp', 30, () => Promise.resolve(bytesNeededFor(30) - 1))).toMatchObject({ ok: false });
    expect(await checkDisk('/tmp', 45, () => Promise.resolve(bytesNeededFor(45)))).toMatchObject({ ok: true });
    expect((await checkDisk('/tmp/does/not/exist/yet', 30)).detail).toMatch(/可用/);
  });

  test('readiness is empty only when everything is done, and the audit chain still verifies', async () => {
    const t = await open('09:45');
    await checkedIn(t, 'V-1000');
    const s = t.terminal.services;
    await s.checkin.acknowledgeNotice({ visitId: 'V-1000', documentNumber: ZW });
    await s.checkin.declareDeposits({ visitId: 'V-1000', documentNumber: ZW, items: [] });
    await s.device.equipmentCheck({ visitId: 'V-1000', ...GOOD_DEVICES });
    // Everything but the network path (nothing listens on the fixture's central store).
    expect(await codes(t, 'V-1000')).toEqual(['R12.1 equipment-network-failed']);
    t.db.prepare("UPDATE equipment_checks SET ok = 1 WHERE name = 'network'").run();
    expect(await s.visit.readiness({ visitId: 'V-1000' })).toMatchObject({ ready: true, blockers: [] });
    expect(verifyAuditChain(t.db, 'kmgd-sfj-room1')).toMatchObject({ ok: true });
  });

  test('a snapshot for another site, room or with a bad shape is refused whole and changes nothing', async () => {
    const t = await open();
    const target = { terminalId: 'kmgd-sfj-room1', siteId: 'kmgd-sfj', roomId: 'room1', now: t.clock.now };
    const before = count(t.db, 'SELECT COUNT(*) AS n FROM audit_log');
    const good = await daySnapshot();
    expect(() => importDaySnapshot(t.db, { ...good, siteId: 'other' }, target)).toThrow(/不是本场所/);
    expect(() => importDaySnapshot(t.db, { ...good, roomId: 'room2' }, target)).toThrow(/不是本会见室/);
    expect(() => importDaySnapshot(t.db, { ...good, staff: [{ ...good.staff[0], passwordHash: 'plain' }] }, target)).toThrow(
      /argon2id/,
    );
    expect(() =>
      importDaySnapshot(
        t.db,
        { ...good, visits: [{ ...good.visits[0], visitors: [{ ...VISITORS.zhangWei, relationship: 'friend' }] }] },
        target,
      ),
    ).toThrow(/格式不正确/);
    expect(count(t.db, 'SELECT COUNT(*) AS n FROM audit_log')).toBe(before);
  });
});
