// Issue #25 item 9: the relatives' status page at the store, against a real store on both
// engines: the step and its due date (R14.1), the arranged time and place (R8.3, R8.4),
// nothing else; the same neutral answer for a wrong number or ID number; rate limits per IP
// and per application number; every query audited (status_lookups), without the ID number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import type { TestStore } from '../../../harness/store/store';
import type { World } from '../../../harness/store/world';
import { residentId } from '../../../harness/store/world';
import { action, atPrisonDecision, createInmate, relative, setToday, startOn } from './applications/fixtures';
import { MAX_LIMITED_RECORDS, PER_IP, PER_NUMBER } from '../../../src-server/areas/public-status/rate-limit';
import { NEUTRAL_ANSWER } from '../../../src-server/areas/public-status/routes';

describe.each(ENGINES)('the status page for relatives [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let appId: string;
  const motherId = residentId('1960-01-01', '123');
  // Each test its own address (the per-IP limit would otherwise carry over).
  const ask = (ip: string, applicationNumber: string, idNumber: string) =>
    store.call('POST', '/api/public/status', { body: { applicationNumber, idNumber }, headers: { 'x-forwarded-for': ip } });
  // The test clock stands still, so rows of one test share `at`: tests compare sets, not order.
  const lookups = async () => store.app.ctx.db.selectFrom('status_lookups').selectAll().execute();

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-09-30', { trustProxy: '127.0.0.1' }));
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '李四');
    appId = await atPrisonDecision({ store, w }, inmate, [relative('王母', '1960-01-01')]);
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
  });

  it('R14.1 issue #25 item 9: the applicant sees the open step and its due date, and nothing else', async () => {
    const res = await ask('10.0.0.1', appId.toUpperCase(), motherId.toLowerCase());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ found: true, step: '监狱审批', dueOn: expect.stringMatching(/^2026-10-\d\d$/), visit: null });
    expect(JSON.stringify(res.body)).not.toContain('王母');
  });

  it('R8.3 R8.4 issue #25 item 9: once arranged, the time and the place on the relatives’ side', async () => {
    setToday(store, '2026-10-09');
    await action({ store, w }, w.tokens.prisonAReviewer, appId, 'approve', {
      date: '2026-10-22',
      start: '10:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    const res = await ask('10.0.0.2', appId, motherId);
    expect(res.body).toEqual({
      found: true,
      step: '司法局通知亲属、监护人',
      dueOn: expect.any(String),
      visit: { date: '2026-10-22', start: '10:00', minutes: 30, place: '甲县司法局会见室' },
    });
  });

  it('issue #25 item 9: a wrong ID number, a wrong or malformed number get the same neutral answer (no enumeration)', async () => {
    const answers = [
      await ask('10.0.0.3', appId, residentId('1970-02-02', '555')),
      await ask('10.0.0.3', '00000000-0000-4000-8000-000000000000', motherId),
      await ask('10.0.0.3', 'not-a-number', motherId),
    ];
    for (const a of answers)
      expect({ status: a.status, body: a.body }).toEqual({ status: 200, body: { found: false, message: NEUTRAL_ANSWER } });
    // Bad input: a Chinese message, nothing looked up.
    const empty = await ask('10.0.0.3', '', motherId);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('issue #25 item 9: rate-limited per IP and per application number (429, Chinese), and every query audited without the ID number', async () => {
    const before = new Set((await lookups()).map((r) => r.id));
    for (let i = 0; i < PER_IP.max; i++) expect((await ask('10.0.1.1', `guess-${i}`, motherId)).status).toBe(200);
    const limited = await ask('10.0.1.1', appId, motherId);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '查询次数过多，请稍后再试' });
    // Another address is not held back by the first one.
    expect((await ask('10.0.1.2', appId, motherId)).body.found).toBe(true);

    // Per number: guessing the ID number of one application from many addresses.
    const target = '11111111-1111-4111-8111-111111111111';
    for (let i = 0; i < PER_NUMBER.max; i++) expect((await ask(`10.0.2.${i}`, target, motherId)).status).toBe(200);
    expect((await ask('10.0.3.1', target, motherId)).status).toBe(429);

    const rows = (await lookups()).filter((r) => !before.has(r.id));
    expect(rows.length).toBe(PER_IP.max + 2 + PER_NUMBER.max + 1);
    expect(
      rows
        .filter((r) => r.outcome === 'limited')
        .map((r) => r.ip)
        .sort(),
    ).toEqual(['10.0.1.1', '10.0.3.1']);
    expect(rows.find((r) => r.ip === '10.0.1.2')).toMatchObject({ outcome: 'answered', application_number: appId });
    expect(JSON.stringify(rows)).not.toContain(motherId);

    // A flood from one address is refused without filling the table.
    for (let i = 0; i < MAX_LIMITED_RECORDS + 10; i++) expect((await ask('10.0.1.1', `flood-${i}`, motherId)).status).toBe(429);
    const flood = (await lookups()).filter((r) => r.ip === '10.0.1.1' && r.outcome === 'limited');
    expect(flood).toHaveLength(MAX_LIMITED_RECORDS);

    // The window ends: an hour later the number answers again.
    store.clock.advanceMinutes(PER_NUMBER.windowMinutes + 1);
    expect((await ask('10.0.3.1', target, motherId)).status).toBe(200);
  });

  it('issue #25 item 9: the page itself is Chinese HTML with a strict CSP and its script from the store', async () => {
    const page = await fetch(`${store.url}/status`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('远程视频会见申请进度查询');
    expect(html).toContain('<script src="/status/status.js"></script>');
    const script = await fetch(`${store.url}/status/status.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain("fetch('/api/public/status'");
  });
});
