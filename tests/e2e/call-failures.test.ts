// End to end (R18.1), and the supervision console's extras (R24.1, R17.2):
// the real central store (signaling, with the ICE configuration it hands out), two
// terminals in their own Chromium with distinct fake cameras, and Debian's coturn that ALL
// media goes through (iceTransportPolicy 'relay', ./harness/turn-relay). Cutting the path to
// it cuts the media for real; restoring it lets the call heal.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { at, daySnapshot, STAFF } from '../../harness/fixtures/visit-day/day-snapshot';
import type { World } from '../../harness/store/world';
import type { TestStore } from '../../harness/store/store';
import { launchChromium } from '../../harness/browser/browser';
import { callPhase, fakeVideos, joinCall, loginBoth, prepareVisit, remotePlays } from './harness/call-steps';
import { seedCallDay, startCallStore, writeTerminalConfig } from './harness/call-world';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';
import { startTurnRelay, type TurnRelay } from './harness/turn-relay';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
/** R18.1: the grace time both terminals give a lost connection. */
const GRACE_MS = 30_000;

interface Side {
  name: 'prison' | 'bureau';
  t: OpenedTerminal;
  page: Page;
  console: Page;
  problems: string[];
  db: Database.Database;
}

let store: TestStore;
let world: World;
let turn: TurnRelay;
let server: StaticServer;
const browsers: Browser[] = [];
const sides: Side[] = [];
const clock = { offset: 0 };
const now = () => new Date(Date.now() + clock.offset);
let healVisit: string;
let lostVisit: string;

const bothSides = () => {
  const [prison, bureau] = sides;
  if (!prison || !bureau) throw new Error('terminals not open');
  return { prison, bureau };
};

const audit = (side: Side, visitId: string) =>
  side.db
    .prepare<[string], { kind: string; actor: string; payload: string }>(
      "SELECT kind, actor, payload FROM audit_log WHERE kind LIKE 'call.%' AND json_extract(payload, '$.visitId') = ? ORDER BY seq",
    )
    .all(visitId)
    .map((r) => ({ kind: r.kind, actor: r.actor, payload: JSON.parse(r.payload) as Record<string, unknown> }));

const remaining = async (page: Page) => Number(await page.getByTestId('countdown').getAttribute('data-remaining-ms'));
const paused = (page: Page) => page.getByTestId('countdown').getAttribute('data-paused');
const inProgress = (side: Side, timeout = 30_000) => expect.poll(() => callPhase(side.page), { timeout }).toBe('in-progress');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  clock.offset = at('09:45').getTime() - Date.now();
  turn = await startTurnRelay();
  // The STUN/TURN configuration is the store's, handed to each terminal with the welcome.
  const started = await startCallStore(
    { heartbeatMs: 5_000, ice: turn.ice },
    [{ startTime: '10:00' }, { startTime: '10:10' }],
    now,
  );
  ({ store, world } = started);
  [healVisit, lostVisit] = started.visits.map((v) => v.visitId) as [string, string];
  server = await serveRenderer(root('dist/renderer'), APP_CSP);

  const dir = mkdtempSync(joinPath(tmpdir(), 'kiosk-e2e-call-failures-'));
  const videos = fakeVideos(dir);
  const base = await daySnapshot();
  for (const [name, token, y4m] of [
    ['prison', started.tokens.prison, videos.prison],
    ['bureau', started.tokens.bureau, videos.bureau],
  ] as const) {
    const file = writeTerminalConfig(dir, name, store.url);
    const browser = await launchChromium([
      `--use-file-for-fake-video-capture=${y4m}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    browsers.push(browser);
    // No ICE servers of the terminal's own: only the store's TURN relay can carry the media.
    const [t] = await openTerminals(browser, server.url, [
      {
        configPath: file.configPath,
        now,
        viewport: { width: 1280, height: 720 },
        call: {
          signaling: () => ({ url: store.url, token }),
          iceServers: [],
          graceMs: GRACE_MS,
          renegotiateMs: 3_000,
          tickMs: 250,
          linkSummaryMs: 5_000,
        },
      },
    ]);
    if (!t) throw new Error('no terminal opened');
    const db = new Database(joinPath(t.dataDir, STORE_FILE_NAME));
    seedCallDay(db, base, file, started.visits, now());
    const problems: string[] = [];
    t.page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await t.load();
    await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
    const consolePage = await t.openPage('#/console');
    consolePage.on('pageerror', (error) => problems.push(`console pageerror: ${error.message}`));
    sides.push({ name, t, page: t.page, console: consolePage, problems, db });
  }
}, 120_000);

afterAll(async () => {
  for (const side of sides.splice(0)) {
    side.db.close();
    await side.t.close();
  }
  for (const b of browsers.splice(0)) await b.close();
  await server?.close();
  await store?.stop();
  await turn?.stop();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  // What each terminal saw, to tell a media problem from a state-machine one.
  for (const side of sides) {
    const state = await side.t.terminal.services.call.current(undefined);
    console.log(
      `[${side.name}] phase=${state?.phase} generation=${state?.generation} min=${state?.minGeneration} hold=${JSON.stringify(state?.hold)}`,
    );
    for (const v of [healVisit, lostVisit])
      console.log(
        `[${side.name}] ${v.slice(0, 8)}`,
        audit(side, v)
          .map((e) => e.kind)
          .join(' '),
      );
  }
});

describe('R18.1 failures of the visit call over a real TURN relay', () => {
  test('R18.1 a media cut restored within the grace time: both sides reconnect, the countdown pauses and then goes on', async () => {
    const { prison, bureau } = bothSides();
    for (const side of [prison, bureau]) {
      await loginBoth(side.page);
      await prepareVisit(side.t.terminal, healVisit, side.name === 'prison');
      await prepareVisit(side.t.terminal, lostVisit, side.name === 'prison');
    }
    await joinCall(prison.page, healVisit);
    await joinCall(bureau.page, healVisit);
    await inProgress(prison);
    await inProgress(bureau);
    await Promise.all([remotePlays(prison.page), remotePlays(bureau.page)]);
    turn.cut();
    for (const side of [prison, bureau]) {
      await expect.poll(() => callPhase(side.page), { timeout: 20_000 }).toBe('reconnecting');
      await expect.poll(() => paused(side.page)).toBe('true');
    }
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-failures-01-prison-reconnecting.png` });
    await bureau.console.screenshot({ path: `${ARTIFACTS}/call-failures-02-bureau-console-reconnecting.png`, fullPage: true });
    // The countdown stands still while the link is down.
    const frozen = await remaining(prison.page);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(Math.abs((await remaining(prison.page)) - frozen)).toBeLessThanOrEqual(250);
    expect(await bureau.page.getByTestId('call-grace').innerText()).toContain('秒');

    turn.restore();
    await inProgress(prison, GRACE_MS);
    await inProgress(bureau, GRACE_MS);
    await Promise.all([remotePlays(prison.page), remotePlays(bureau.page)]);
    expect(await paused(prison.page)).toBe('false');
    // Time goes on again.
    const after = await remaining(prison.page);
    await expect.poll(() => remaining(prison.page), { timeout: 5_000 }).toBeLessThan(after - 500);
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-failures-03-prison-resumed.png` });

    for (const side of [prison, bureau]) {
      const kinds = audit(side, healVisit).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['call.started', 'call.connectionLost', 'call.resumed']));
      expect(kinds).not.toContain('call.interrupted');
    }
    // The prison side (initiator) tried an ICE restart first, then new peer connections.
    const prisonKinds = audit(prison, healVisit).map((e) => e.kind);
    expect(prisonKinds.some((k) => k === 'call.iceRestart' || k === 'call.rebuild')).toBe(true);
    // The cut's pause is the longest (a loaded machine may add short ICE flaps of its own).
    const pauses = audit(prison, healVisit)
      .filter((e) => e.kind === 'call.resumed')
      .map((e) => Number(e.payload.pausedMs));
    expect(Math.max(...pauses)).toBeGreaterThan(2_000);
    expect(Math.max(...pauses)).toBeLessThan(GRACE_MS);
  }, 180_000);

  test("R18.1 a terminal window reloaded within the grace time rejoins the call (visitors' side, then the prison's)", async () => {
    const { prison, bureau } = bothSides();
    for (const side of [bureau, prison]) {
      const other = side === prison ? bureau : prison;
      await side.page.reload();
      // Start-up finds main's live call and goes straight back to it.
      await side.page.getByTestId('call-screen').waitFor({ state: 'visible', timeout: 30_000 });
      await inProgress(side, GRACE_MS);
      await inProgress(other, GRACE_MS);
      await Promise.all([remotePlays(side.page), remotePlays(other.page)]);
      const kinds = audit(side, healVisit).map((e) => e.kind);
      expect(kinds).toContain('call.windowReattached');
      expect(audit(other, healVisit).map((e) => e.kind)).toContain('call.peerReattached');
    }
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-failures-04-bureau-after-reload.png` });
    // R13.1: the reloaded window's earlier recording is sealed as interrupted; only the new one records.
    for (const side of [prison, bureau]) {
      await expect
        .poll(
          async () => {
            const states = (await side.t.terminal.services.recording.list(undefined))
              .filter((r) => r.visitId === healVisit)
              .map((r) => r.state);
            return {
              recording: states.filter((st) => st === 'recording').length,
              interrupted: states.filter((st) => st === 'interrupted').length,
            };
          },
          { timeout: 30_000 },
        )
        .toEqual({ recording: 1, interrupted: 1 });
    }
  }, 180_000);

  test('R24.1 pause and resume, and a brief mute, are attributed to the administrator, audited and shown at the other site', async () => {
    const { prison, bureau } = bothSides();
    // The pause asks for confirmation first (issue 19: it names the reason, here none chosen).
    await prison.console.getByTestId('hold').click();
    await prison.console.getByTestId('confirm-ok').click();
    for (const side of [prison, bureau]) {
      await side.page.getByTestId('call-held').waitFor({ state: 'visible', timeout: 10_000 });
      await expect.poll(() => paused(side.page)).toBe('true');
    }
    await expect
      .poll(() => bureau.console.getByTestId('supervision-held').getAttribute('data-origin'), { timeout: 10_000 })
      .toBe('remote');
    expect(await bureau.console.getByTestId('supervision-held').innerText()).toContain(STAFF.li.name);
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-failures-05-bureau-held.png` });
    // The bureau's administrators resume it.
    await bureau.console.getByTestId('release').click();
    for (const side of [prison, bureau]) {
      await side.page.getByTestId('call-held').waitFor({ state: 'detached', timeout: 10_000 });
      await expect.poll(() => paused(side.page)).toBe('false');
    }
    await prison.console.getByTestId('mute-visitor').click();
    await prison.console.getByTestId('confirm-ok').click();
    await expect
      .poll(() => bureau.console.getByTestId('supervision-muted').getAttribute('data-side'), { timeout: 10_000 })
      .toBe('visitor');
    await bureau.console.screenshot({ path: `${ARTIFACTS}/call-failures-06-bureau-console-muted.png`, fullPage: true });

    const prisonLog = audit(prison, healVisit);
    const bureauLog = audit(bureau, healVisit);
    expect(prisonLog.find((e) => e.kind === 'call.held')).toMatchObject({
      actor: STAFF.li.staffId,
      payload: { requirement: 'R24.1', operator: STAFF.li.name, supervisors: [STAFF.he.name] },
    });
    expect(prisonLog.find((e) => e.kind === 'call.muted')).toMatchObject({
      actor: STAFF.li.staffId,
      payload: { side: 'visitor', seconds: 30 },
    });
    expect(prisonLog.find((e) => e.kind === 'call.remoteReleased')).toMatchObject({
      payload: { by: STAFF.li.name, site: expect.any(String) },
    });
    expect(bureauLog.find((e) => e.kind === 'call.remoteHeld')).toMatchObject({
      payload: { by: STAFF.li.name, site: '云南省第一监狱' },
    });
    expect(bureauLog.find((e) => e.kind === 'call.released')).toMatchObject({ actor: STAFF.li.staffId });
    expect(bureauLog.find((e) => e.kind === 'call.remoteMuted')).toMatchObject({
      payload: { side: 'visitor', by: STAFF.li.name },
    });
  }, 120_000);

  test('R17.1(8) R17.2 a termination for discussing the case lets the prison propose a 2-month suspension to the central store', async () => {
    const { prison, bureau } = bothSides();
    await prison.console.getByTestId('reason-R17.1(8)').click();
    await prison.console.getByTestId('terminate').click();
    await prison.console.getByTestId('confirm-ok').click();
    for (const side of [prison, bureau]) {
      await expect
        .poll(() => side.page.getByTestId('call-ended').getAttribute('data-outcome'), { timeout: 10_000 })
        .toBe('terminated');
    }
    // Bad input first: the bureau cannot propose; the prison's proposal is recorded once.
    expect((await bureau.t.terminal.services.call.proposeSuspension({ visitId: healVisit, months: 2 })).accepted).toBe(false);
    await prison.console.getByTestId('suspension-months').selectOption('2');
    await prison.console.getByTestId('suspension-propose').click();
    await prison.console.getByTestId('suspension-proposed').waitFor({ state: 'visible' });
    const again = await prison.t.terminal.services.call.proposeSuspension({ visitId: healVisit, months: 3 });
    expect(again).toMatchObject({ accepted: false, refusal: { code: 'already-proposed' } });
    const proposal = audit(prison, healVisit).filter((e) => e.kind === 'call.suspensionProposed');
    expect(proposal).toEqual([
      expect.objectContaining({
        actor: STAFF.li.staffId,
        payload: expect.objectContaining({ requirement: 'R17.2', months: 2, code: 'R17.1(8)' }),
      }),
    ]);
    await prison.console.screenshot({ path: `${ARTIFACTS}/call-failures-07-prison-suspension-proposed.png`, fullPage: true });
    // The store recorded the termination (first report wins).
    await expect
      .poll(
        async () =>
          (await store.app.ctx.db.selectFrom('visits').select('status').where('id', '=', healVisit).executeTakeFirstOrThrow())
            .status,
        { timeout: 10_000 },
      )
      .toBe('terminated');
  }, 60_000);

  test('R18.1 a cut beyond the grace time ends the visit as interrupted on both sides; the store lists it first for a priority reschedule', async () => {
    const { prison, bureau } = bothSides();
    turn.restore();
    for (const side of [prison, bureau]) {
      await side.page.getByTestId('call-close').click();
      await side.page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    }
    await joinCall(prison.page, lostVisit);
    await joinCall(bureau.page, lostVisit);
    await inProgress(prison);
    await inProgress(bureau);
    await Promise.all([remotePlays(prison.page), remotePlays(bureau.page)]);

    turn.cut();
    for (const side of [prison, bureau]) {
      await expect
        .poll(() => side.page.getByTestId('call-ended').getAttribute('data-outcome'), {
          timeout: GRACE_MS + 40_000,
          interval: 1_000,
        })
        .toBe('interrupted');
    }
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-failures-08-bureau-interrupted.png` });
    for (const side of [prison, bureau]) {
      const log = audit(side, lostVisit);
      expect(log.find((e) => e.kind === 'call.interrupted')).toMatchObject({
        payload: { outcome: 'interrupted', countsAsUsedVisit: false },
      });
      const local = side.db.prepare<[string], { status: string }>('SELECT status FROM visits WHERE visit_id = ?').get(lostVisit);
      expect(local?.status).toBe('interrupted');
    }
    // The store has it: interrupted, first in the prison desk's list, awaiting its priority reschedule.
    await expect
      .poll(
        async () =>
          (await store.app.ctx.db.selectFrom('visits').select('status').where('id', '=', lostVisit).executeTakeFirstOrThrow())
            .status,
        { timeout: 15_000 },
      )
      .toBe('interrupted');
    const list = await store.call<Array<{ id: string; status: string; awaitingReschedule: boolean }>>('GET', '/api/visits', {
      token: world.tokens.prisonAAdmin,
    });
    expect(list.body[0]).toMatchObject({ id: lostVisit, status: 'interrupted', awaitingReschedule: true });
    await expect
      .poll(
        () =>
          audit(prison, lostVisit).some((e) => e.kind === 'call.outcomeRecorded') ||
          audit(bureau, lostVisit).some((e) => e.kind === 'call.outcomeRecorded'),
        { timeout: 10_000 },
      )
      .toBe(true);
    for (const side of [prison, bureau]) {
      expect(side.problems).toEqual([]);
      // R13.1: the interrupted visit's recording is closed too (none left running).
      await expect
        .poll(
          async () =>
            (await side.t.terminal.services.recording.list(undefined)).filter((r) => r.visitId === lostVisit).map((r) => r.state),
          { timeout: 30_000 },
        )
        .not.toContain('recording');
    }
    turn.restore();
  }, 180_000);
});
