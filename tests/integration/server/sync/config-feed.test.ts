// GET /api/sync/config (R13.1, R14.1): terminals only; retention, the
// R14.2 limits, the STUN/TURN servers signaling hands out, the calendar overrides; the
// cursor is the content's digest: unchanged → changed=false without a body.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore, type TestStore } from '../../../../harness/store/store';
import { buildWorld, type World } from '../../../../harness/store/world';
import { enrolTerminal, type EnrolledTerminal } from '../../../../harness/store/sync-helpers';

describe.each(ENGINES)('R13.1 R14.1 configuration feed [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let terminal: EnrolledTerminal;
  beforeAll(async () => {
    vi.stubEnv('SIGNAL_ICE_SERVERS', JSON.stringify([{ urls: ['stun:stun.yn.example:3478'] }]));
    store = await startStore(engine, { retentionDays: 365 });
    w = await buildWorld(store);
    terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
    vi.unstubAllEnvs();
  });

  it('terminals only', async () => {
    expect((await store.call('GET', '/api/sync/config')).status).toBe(401);
    expect((await store.call('GET', '/api/sync/config', { token: w.tokens.provinceAdmin })).status).toBe(403);
  });

  it('the full configuration, then "unchanged" for the same cursor, then a new cursor after a calendar correction', async () => {
    const first = await store.call('GET', '/api/sync/config', { token: terminal.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      changed: true,
      cursor: expect.stringMatching(/^[0-9a-f]{64}$/),
      config: {
        retentionDays: 365,
        limits: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3, maxEventsPerBatch: 1000 },
        ice: { iceServers: [{ urls: ['stun:stun.yn.example:3478'] }], iceTransportPolicy: 'all' },
        calendar: { years: [], days: [] },
      },
    });
    const same = await store.call('GET', `/api/sync/config?cursor=${first.body.cursor}`, { token: terminal.token });
    expect(same.body).toEqual({ changed: false, cursor: first.body.cursor });

    expect(
      (
        await store.call('PUT', '/api/calendar/days/2026-10-10', {
          token: w.tokens.provinceAdmin,
          body: { working: true, note: '调休上班' },
        })
      ).status,
    ).toBe(200);
    const after = await store.call('GET', `/api/sync/config?cursor=${first.body.cursor}`, { token: terminal.token });
    expect(after.body.changed).toBe(true);
    expect(after.body.cursor).not.toBe(first.body.cursor);
    expect(after.body.config.calendar.days).toEqual([{ date: '2026-10-10', working: true, note: '调休上班' }]);
  });

  it('a malformed cursor is a 400 in zh-CN', async () => {
    const bad = await store.call('GET', '/api/sync/config?cursor=abc', { token: terminal.token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('须为上次拉取返回的 cursor');
  });
});
