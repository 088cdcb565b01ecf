// R26.1, R25.1: the console's two sync buttons through the real terminal (openTerminal)
// and its worker, against the REAL central store. "Sync now" is attributed and audited;
// clearing a refused-chain alarm needs two administrators logged in, names both in the
// audit entry, and lets the chain go out again. The panel renders both buttons.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KioskServices } from '../../../src-shared/ipc/types';
import { SyncPanel } from '../../../src-renderer/console/SyncPanel';
import { createI18n } from '../../../src-renderer/i18n';
import { kioskStore } from '../../../src-renderer/store';
import { fillAudit } from '../../../harness/sync/recording-fixture';
import {
  enrolledTerminal,
  serverEventCount,
  startCentral,
  type CentralWorld,
  type TestTerminal,
} from '../../../harness/sync/sync-world';
import { seedTestAdmins, TEST_ADMINS } from '../../../harness/terminal/log-admins-in';

type SyncStatus = Awaited<ReturnType<KioskServices['sync']['status']>>;

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

async function servicesFor(t: TestTerminal) {
  const terminal = await t.open();
  const svc = terminal.services.sync;
  // The contract's methods take their (here empty) argument and may answer a promise; these answer at once.
  const service = {
    status: () => svc.status(undefined) as SyncStatus,
    syncNow: async () => await svc.syncNow(undefined),
    clearAlarm: () => svc.clearAlarm(undefined) as SyncStatus,
  };
  /** The next test administrator logs in at the terminal, as the login screen does. */
  const logIn = async (a: (typeof TEST_ADMINS)[number]) => {
    // Seeded just before: a round's staff pull replaces the site's accounts with the store's.
    await seedTestAdmins(t.dir, t.config.site.id);
    const r = await terminal.services.auth.login({ username: a.username, password: a.password });
    if (!r.accepted) throw new Error(`login of ${a.username} refused: ${r.refusal.message}`);
  };
  const close = () => {
    terminal.close();
    t.close();
  };
  return { service, logIn, close };
}

const lastAudit = (t: TestTerminal, kind: string) =>
  t.db.prepare('SELECT actor, payload FROM audit_log WHERE kind = ? ORDER BY seq DESC LIMIT 1').get(kind) as
    { actor: string; payload: string } | undefined;

const [zhao, qian] = TEST_ADMINS;

describe('R26.1 R25.1 console sync buttons', { timeout: 60_000 }, () => {
  test('sync now runs a round and is audited with who pressed it', async () => {
    const t = await enrolledTerminal(central);
    const { service, logIn, close } = await servicesFor(t);
    fillAudit(t.db, t.config.terminalId, 5, t.clock.now());
    const before = await service.syncNow();
    expect(before.state).toBe('idle');
    expect(lastAudit(t, 'sync.syncNowRequested')).toEqual({ actor: 'console', payload: '{"admins":[]}' });
    await logIn(zhao);
    await service.syncNow();
    expect(lastAudit(t, 'sync.syncNowRequested')).toEqual({ actor: zhao.staffId, payload: `{"admins":["${zhao.staffId}"]}` });
    // Both requests and the round's own entries reached the store.
    expect(await serverEventCount(central, t.config.terminalId)).toBe(
      (t.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n,
    );
    close();
  });

  test('a refused chain: one administrator may not clear the alarm; two may, both named; the chain goes out again', async () => {
    const t = await enrolledTerminal(central);
    const { service, logIn, close } = await servicesFor(t);
    // Nothing to clear: no refusal, nothing recorded.
    expect(service.clearAlarm().alarm).toBeNull();
    expect(lastAudit(t, 'sync.alarmCleared')).toBeUndefined();

    fillAudit(t.db, t.config.terminalId, 6, t.clock.now());
    const original = (t.db.prepare('SELECT payload FROM audit_log WHERE seq = 3').get() as { payload: string }).payload;
    t.db.exec('DROP TRIGGER audit_log_no_update');
    t.db.prepare('UPDATE audit_log SET payload = \'{"n":999}\' WHERE seq = 3').run();
    expect((await service.syncNow()).alarm).toMatch(/审计链/);

    await logIn(zhao);
    expect(() => service.clearAlarm()).toThrow(/两名管理员/);
    expect(service.status().alarm).not.toBeNull();

    // The administrators repair the row (here: put the original back) and resolve the alarm.
    t.db.prepare('UPDATE audit_log SET payload = ? WHERE seq = 3').run(original);
    await logIn(qian);
    const cleared = service.clearAlarm();
    expect(cleared.alarm).toBeNull();
    const entry = lastAudit(t, 'sync.alarmCleared');
    expect(entry?.actor).toBe(zhao.staffId);
    expect(JSON.parse(entry?.payload ?? '{}')).toMatchObject({
      admins: [zhao.staffId, qian.staffId],
      alarm: expect.stringMatching(/拒收/),
    });
    const after = await service.syncNow();
    expect(after).toMatchObject({ state: 'idle', alarm: null, unsentAuditEntries: 0 });
    close();
  });

  test('the panel shows "sync now" always and "clear the alarm" only while an alarm stands', () => {
    const render = () => renderToString(createElement(I18nextProvider, { i18n: createI18n('zh-CN') }, createElement(SyncPanel)));
    const base = {
      queuedEvents: 0,
      lastSuccessAt: null,
      lastError: null,
      state: 'idle' as const,
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    };
    kioskStore.getState().setSyncStatus(base);
    let html = render();
    expect(html).toContain('data-testid="console-sync-now"');
    expect(html).toContain('立即同步');
    expect(html).not.toContain('console-sync-clear-alarm');
    kioskStore.getState().setSyncStatus({ ...base, state: 'alarm', alarm: '中心库拒收本终端的审计链' });
    html = render();
    expect(html).toContain('data-testid="console-sync-clear-alarm"');
    expect(html).toContain('核查完毕，解除告警');
    expect(html).toContain('须两名管理员同时登录');
  });
});
