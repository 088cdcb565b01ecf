// R10.1 R14.2 R26.1: a terminal whose clock is off against the REAL central store. One sync
// round measures the offset (the store's x-store-time on every answer); from then on the
// terminal runs on the store's time: its working day is the store's (a terminal 40 s ahead
// just after midnight still lists the day before), the console is warned in Chinese through
// the 'sync.status' event and the change is audited. Ten minutes off, no visit starts.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClockStatus } from '../../../src-shared/ipc/contract';
import { SyncPanel } from '../../../src-renderer/console/SyncPanel';
import { createI18n } from '../../../src-renderer/i18n';
import { kioskStore } from '../../../src-renderer/store';
import type { SyncStatus } from '../../../src-renderer/kiosk-types';
import { insertVisit } from '../../../harness/store/sync-helpers';
import { residentId } from '../../../harness/store/world';
import { enrolledTerminal, startCentral, type CentralWorld, type TestTerminal } from '../../../harness/sync/sync-world';
import { seedTestAdmins, TEST_ADMINS } from '../../../harness/terminal/log-admins-in';

const HOUR = 3_600_000;
let central: CentralWorld;
let visitId: string;
let terminals: TestTerminal[];

beforeAll(async () => {
  central = await startCentral();
  // Enrolled first: the world's administrator tokens expire once the store's clock moves on.
  terminals = [await enrolledTerminal(central), await enrolledTerminal(central)];
  // The store's clock: 2026-03-02 23:59:50 in China (15:59:50 UTC); a visit earlier that day.
  central.store.clock.advanceMinutes((15 * HOUR - 10_000) / 60_000);
  expect(central.store.clock.now().toISOString()).toBe('2026-03-02T15:59:50.000Z');
  const db = central.store.app.ctx.db;
  visitId = await insertVisit(db, {
    roomId: central.w.prisonA.roomId,
    remoteRoomId: central.w.bureauA.roomId,
    date: '2026-03-02',
    startTime: '14:00',
  });
  const visit = await db.selectFrom('visits').select('application_id').where('id', '=', visitId).executeTakeFirstOrThrow();
  await db
    .insertInto('applicants')
    .values({
      id: crypto.randomUUID(),
      application_id: visit.application_id,
      position: 1,
      name: '张三',
      role: JSON.stringify({ kind: 'family', relationship: 'spouse', proofs: [] }),
      document_kind: 'resident-id',
      document_number: residentId('1985-01-01'),
      address: '昆明',
      phone: '13800000000',
      visitor_id: null,
    })
    .execute();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

/** A terminal of prison A's room whose clock is `skewMs` ahead of the store's. */
async function skewed(t: TestTerminal, skewMs: number) {
  t.clock.advance(central.store.clock.now().getTime() + skewMs - t.clock.now().getTime());
  const terminal = await t.open();
  const clocks: ClockStatus[] = [];
  terminal.onEvent((event, payload) => {
    if (event === 'sync.status') {
      const clock = (payload as { clock?: ClockStatus }).clock;
      if (clock) clocks.push(clock);
    }
  });
  const audits = () =>
    (
      t.db.prepare("SELECT at, payload FROM audit_log WHERE kind = 'clock.offset' ORDER BY seq").all() as {
        at: string;
        payload: string;
      }[]
    ).map((row) => ({ at: row.at, ...(JSON.parse(row.payload) as { state: string; previous: string; offsetMs: number }) }));
  const close = () => {
    terminal.close();
    t.close();
  };
  return { t, terminal, clocks, audits, close };
}

describe('R10.1 R14.2 R26.1 a terminal with a skewed clock', { timeout: 60_000 }, () => {
  test('40 s ahead: after one round it runs on the store time, the console is warned, the audit has it', async () => {
    const { terminal, clocks, audits, close } = await skewed(terminals[0] as TestTerminal, 40_000);
    // Before any exchange the local clock is all there is: already the next day.
    expect(terminal.services.visit.today(undefined)).toMatchObject({ date: '2026-03-03' });

    const outcome = await terminal.sync.runOnce();
    expect(outcome.ok).toBe(true);
    const status = terminal.services.sync.status(undefined) as { clock?: ClockStatus };
    expect(status.clock?.state).toBe('warn');
    expect(Math.abs((status.clock?.offsetMs ?? 0) + 40_000)).toBeLessThan(1_000);
    expect(status.clock?.message).toBe('本机时钟与中心库相差 40 秒，已按中心库时间校正');
    // The warning reached the renderer as an event, and the console shows the line.
    expect(clocks.some((c) => c.state === 'warn')).toBe(true);
    kioskStore.getState().setSyncStatus(terminal.services.sync.status(undefined) as SyncStatus);
    const html = renderToString(createElement(I18nextProvider, { i18n: createI18n('zh-CN') }, createElement(SyncPanel)));
    expect(html).toContain('data-testid="console-sync-clock"');
    expect(html).toContain('本机时钟与中心库相差 40 秒，已按中心库时间校正');

    // The working day is the store's: still 2 March, with its visit pulled and imported for it.
    const today = terminal.services.visit.today(undefined) as { date: string; visits: { visitId: string }[] };
    expect(today.date).toBe('2026-03-02');
    expect(today.visits.map((v) => v.visitId)).toEqual([visitId]);

    // One audit entry, stamped with the corrected time (the store's 23:59:50, not the local 00:00:30).
    const entries = audits();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ state: 'warn', previous: 'unknown' });
    expect(Math.abs((entries[0]?.offsetMs ?? 0) + 40_000)).toBeLessThan(1_000);
    expect(Date.parse(entries[0]?.at ?? '')).toBeLessThan(Date.parse('2026-03-02T16:00:00.000Z'));
    // A second round: no second entry.
    await terminal.sync.runOnce();
    expect(audits()).toHaveLength(1);
    // The readiness of the visit has no clock blocker below the limit.
    const ready = terminal.services.visit.readiness({ visitId }) as { blockers: { code: string }[] };
    expect(ready.blockers.map((b) => b.code)).not.toContain('clock-off');
    close();
  });

  test('10 minutes ahead: starting the visit is refused with the message, and audited', async () => {
    const { t, terminal, audits, close } = await skewed(terminals[1] as TestTerminal, 10 * 60_000);
    await terminal.sync.runOnce();
    const message = '本机时钟与中心库相差 600 秒，超过 300 秒的上限，不能开始会见；请校正本机时钟后重试';
    expect((terminal.services.sync.status(undefined) as { clock?: ClockStatus }).clock).toMatchObject({
      state: 'refuse',
      message,
    });
    expect(audits()).toMatchObject([{ state: 'refuse', previous: 'unknown' }]);

    const ready = terminal.services.visit.readiness({ visitId }) as {
      ready: boolean;
      blockers: { code: string; message: string }[];
    };
    expect(ready.ready).toBe(false);
    expect(ready.blockers[0]).toMatchObject({ code: 'clock-off', message });
    // Two administrators at the terminal press start: refused, the clock named first.
    for (const a of TEST_ADMINS.slice(0, 2)) {
      await seedTestAdmins(t.dir, t.config.site.id);
      const r = await terminal.services.auth.login({ username: a.username, password: a.password });
      expect(r.accepted).toBe(true);
    }
    const joined = (await terminal.services.call.join({ visitId })) as {
      accepted: boolean;
      refusal?: { code: string; message: string };
    };
    expect(joined.accepted).toBe(false);
    expect(joined.refusal?.message).toContain(message);
    close();
  });
});
