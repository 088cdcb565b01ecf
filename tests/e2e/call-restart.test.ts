// End to end (R18.1): "a terminal that crashed or lost power and comes back
// within the grace time rejoins". The bureau terminal's main runs in a CHILD process
// (harness/terminal-child.ts) that the test kills with SIGKILL mid-call, then starts again
// on the same data folder, as the kiosk would after a crash or a power cut; its window
// reloads. The prison terminal runs in this process. Both talk through the real central
// store's signaling, in their own Chromium with distinct fake cameras.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { at, daySnapshot, STAFF } from '../../harness/fixtures/visit-day/day-snapshot';
import type { TestStore } from '../../harness/store/store';
import { launchChromium } from '../../harness/browser/browser';
import { callPhase, fakeVideos, joinCall, loginBoth, prepareVisit, remotePlays } from './harness/call-steps';
import { seedCallDay, startCallStore, writeTerminalConfig, type CallVisit } from './harness/call-world';
import { startChildTerminal, type ChildOptions, type ChildTerminal } from './harness/child-terminal';
import { bridgeScript } from '../../harness/browser/page-bundle';
import { emitToPage } from '../../harness/browser/emit-to-page';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
/** R18.1: the grace time both terminals give a lost connection. */
const GRACE_MS = 25_000;
const CALL = { iceServers: [], graceMs: GRACE_MS, renegotiateMs: 3_000, tickMs: 250, linkSummaryMs: 5_000 };

let store: TestStore;
let server: StaticServer;
const browsers: Browser[] = [];
const clock = { offset: 0 };
const now = () => new Date(Date.now() + clock.offset);
let rejoinVisit: string;
let lateVisit: string;
let dir: string;

let prison: { t: OpenedTerminal; db: Database.Database; problems: string[] };
/** The bureau terminal: its main in a child process that is killed and started again. */
let bureau: {
  child: ChildTerminal;
  dataDir: string;
  configPath: string;
  optionsPath: string;
  context: BrowserContext;
  page: Page;
  problems: string[];
  unforward: () => void;
};

const VISITS: CallVisit[] = [{ startTime: '10:00' }, { startTime: '10:10' }];

type Entry = { kind: string; actor: string; payload: Record<string, unknown> };
const callLog = (db: Database.Database, visitId: string): Entry[] =>
  db
    .prepare<[string], { kind: string; actor: string; payload: string }>(
      "SELECT kind, actor, payload FROM audit_log WHERE kind LIKE 'call.%' AND json_extract(payload, '$.visitId') = ? ORDER BY seq",
    )
    .all(visitId)
    .map((r) => ({ kind: r.kind, actor: r.actor, payload: JSON.parse(r.payload) as Record<string, unknown> }));

/** The bureau terminal's own file, read the way an auditor would (the child may be dead). */
function bureauDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(joinPath(bureau.dataDir, STORE_FILE_NAME), { readonly: true, timeout: 10_000 });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const bureauRecordings = (visitId: string) =>
  bureauDb((db) =>
    db
      .prepare<[string], { recordingId: string; state: string }>(
        'SELECT recording_id AS recordingId, state FROM recordings WHERE visit_id = ? ORDER BY started_at',
      )
      .all(visitId),
  );

/** When an entry of `kind` was written at the prison (real time: the terminals run on the test's clock). */
const auditTime = async (db: Database.Database, visitId: string, kind: string): Promise<number> => {
  let at: string | undefined;
  await expect
    .poll(
      () => {
        at = db
          .prepare<[string, string], { at: string }>(
            "SELECT at FROM audit_log WHERE kind = ? AND json_extract(payload, '$.visitId') = ? ORDER BY seq DESC LIMIT 1",
          )
          .get(kind, visitId)?.at;
        return at;
      },
      { timeout: 15_000 },
    )
    .toBeDefined();
  return Date.parse(at ?? '') - clock.offset;
};

const remaining = async (page: Page) => Number(await page.getByTestId('countdown').getAttribute('data-remaining-ms'));
const storeStatus = async (visitId: string) =>
  (await store.app.ctx.db.selectFrom('visits').select('status').where('id', '=', visitId).executeTakeFirstOrThrow()).status;

/** main's events of the (current) bureau child go to its page, as Electron's webContents.send does. */
function forward(child: ChildTerminal, page: Page): () => void {
  return child.onEvent((event, payload) => emitToPage(page, event, payload));
}

/**
 * SIGKILL of the bureau terminal's main, like a crash or a power cut. In Electron the
 * window's renderer dies with main, its peer connection too: the page is emptied.
 */
async function crashBureau(): Promise<number> {
  bureau.unforward();
  const killedAt = Date.now();
  await bureau.child.kill9();
  await bureau.page.goto('about:blank');
  return killedAt;
}

/** The kiosk starts again on the same data folder, and its window loads. */
async function restartBureau(): Promise<void> {
  bureau.child = await startChildTerminal(bureau.configPath, bureau.dataDir, bureau.optionsPath);
  bureau.unforward = forward(bureau.child, bureau.page);
  await bureau.page.goto(`${server.url}/index.html`);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  clock.offset = at('09:45').getTime() - Date.now();
  const started = await startCallStore({ heartbeatMs: 5_000 }, VISITS, now);
  store = started.store;
  const { visits } = started;
  [rejoinVisit, lateVisit] = visits.map((v) => v.visitId) as [string, string];
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  dir = mkdtempSync(joinPath(tmpdir(), 'kiosk-e2e-call-restart-'));
  const videos = fakeVideos(dir);
  const base = await daySnapshot();

  // The prison terminal, in this process.
  {
    const file = writeTerminalConfig(dir, 'prison', store.url);
    const browser = await launchChromium([
      `--use-file-for-fake-video-capture=${videos.prison}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    browsers.push(browser);
    const [t] = await openTerminals(browser, server.url, [
      {
        configPath: file.configPath,
        now,
        viewport: { width: 1280, height: 720 },
        call: { ...CALL, signaling: () => ({ url: store.url, token: started.tokens.prison }) },
      },
    ]);
    if (!t) throw new Error('no terminal opened');
    const db = new Database(joinPath(t.dataDir, STORE_FILE_NAME));
    seedCallDay(db, base, file, visits, now());
    const problems: string[] = [];
    t.page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await t.load();
    prison = { t, db, problems };
  }

  // The bureau terminal, in a child process.
  {
    const file = writeTerminalConfig(dir, 'bureau', store.url);
    const dataDir = joinPath(dir, 'bureau-data');
    mkdirSync(dataDir);
    const optionsPath = joinPath(dir, 'bureau-options.json');
    const options: ChildOptions = {
      nowOffsetMs: clock.offset,
      call: { ...CALL, signaling: { url: store.url, token: started.tokens.bureau } },
    };
    writeFileSync(optionsPath, JSON.stringify(options));
    const child = await startChildTerminal(file.configPath, dataDir, optionsPath);
    const seed = new Database(joinPath(dataDir, STORE_FILE_NAME), { timeout: 10_000 });
    seedCallDay(seed, base, file, visits, now());
    seed.close();
    const browser = await launchChromium([
      `--use-file-for-fake-video-capture=${videos.bureau}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    browsers.push(browser);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      permissions: ['camera', 'microphone'],
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    // The window reaches whichever child is current: after a restart, the new one.
    await context.exposeBinding('__kioskInvoke', (_source, channel: string, args: unknown) => bureau.child.invoke(channel, args));
    await context.addInitScript({ content: await bridgeScript() });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    bureau = {
      child,
      dataDir,
      configPath: file.configPath,
      optionsPath,
      context,
      page,
      problems,
      unforward: forward(child, page),
    };
    await page.goto(`${server.url}/index.html`);
  }
  for (const page of [prison.t.page, bureau.page]) await page.getByTestId('idle-screen').waitFor({ state: 'visible' });
}, 120_000);

afterAll(async () => {
  bureau?.unforward();
  await bureau?.context.close().catch(() => undefined);
  await bureau?.child.stop().catch(() => undefined);
  prison?.db.close();
  await prison?.t.close();
  for (const b of browsers.splice(0)) await b.close();
  await server?.close();
  await store?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const v of [rejoinVisit, lateVisit]) {
    console.log(
      `[prison] ${v.slice(0, 8)}`,
      callLog(prison.db, v)
        .map((e) => e.kind)
        .join(' '),
    );
    console.log(
      `[bureau] ${v.slice(0, 8)}`,
      bureauDb((db) => callLog(db, v))
        .map((e) => e.kind)
        .join(' '),
    );
  }
});

/** Both sides logged in, checked in and in the call, pictures flowing. */
async function callUnderWay(visitId: string): Promise<void> {
  await prepareVisit(prison.t.terminal, visitId, true);
  await prepareVisit(bureau.child, visitId, false);
  await joinCall(prison.t.page, visitId);
  await joinCall(bureau.page, visitId);
  for (const page of [prison.t.page, bureau.page])
    await expect.poll(() => callPhase(page), { timeout: 30_000 }).toBe('in-progress');
  await Promise.all([remotePlays(prison.t.page), remotePlays(bureau.page)]);
}

describe('R18.1 a terminal killed mid-call (crash, power cut) and started again', () => {
  test('R18.1 R25.1 back within the grace time: it rejoins the same call, which stands still until two administrators log in again there, then the countdown goes on from where it stood on both sides', async () => {
    for (const page of [prison.t.page, bureau.page]) await loginBoth(page);
    await callUnderWay(rejoinVisit);
    // Let the call run a little so there is a countdown to keep.
    await new Promise((r) => setTimeout(r, 3_000));
    const before = await remaining(prison.t.page);
    const beforeAt = Date.now();
    // Read from the bureau's file, as an auditor would: after the restart nobody is logged in there (R25.1).
    const recordingsBefore = bureauRecordings(rejoinVisit);

    const killedAt = await crashBureau();
    await expect.poll(() => callPhase(prison.t.page), { timeout: 20_000 }).toBe('reconnecting');
    await prison.t.page.screenshot({ path: `${ARTIFACTS}/call-restart-01-prison-waiting.png` });
    await restartBureau();
    const downMs = Date.now() - killedAt;
    expect(downMs).toBeLessThan(GRACE_MS);

    // Start-up finds the restored call and goes straight back to it.
    await bureau.page
      .getByTestId('call-screen')
      .waitFor({ state: 'visible', timeout: 30_000 })
      .catch(async (e: unknown) => {
        await bureau.page.screenshot({ path: '/tmp/dbg-restart.png' });
        console.log('DBG current', JSON.stringify(await bureau.child.services.call.current(undefined)).slice(0, 300));
        throw e;
      });
    for (const page of [prison.t.page, bureau.page])
      await expect.poll(() => callPhase(page), { timeout: GRACE_MS }).toBe('in-progress');
    await Promise.all([remotePlays(prison.t.page), remotePlays(bureau.page)]);

    // R25.1: the pictures are back, but nobody is logged in at the restarted bureau: the visit
    // stands still on both sides, and the visitors are told why in plain words.
    const away = bureau.page.getByTestId('call-admins-away');
    await away.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await away.textContent()).toBe('管理人员正在重新登录，会见暂停，时间不计入');
    const peerAway = prison.t.page.getByTestId('call-admins-away');
    await peerAway.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await peerAway.getAttribute('data-origin')).toBe('remote');
    expect(await peerAway.textContent()).toContain('对方管理人员正在重新登录');
    for (const page of [prison.t.page, bureau.page])
      expect(await page.getByTestId('countdown').getAttribute('data-paused')).toBe('true');
    const stillPrison = await remaining(prison.t.page);
    const stillBureau = await remaining(bureau.page);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await remaining(prison.t.page)).toBe(stillPrison);
    expect(await remaining(bureau.page)).toBe(stillBureau);
    expect(Math.abs(stillPrison - stillBureau)).toBeLessThan(1_500);
    // What the countdown used before it stood still: up to the prison's loss of the connection (R18.1).
    const lostAt = await auditTime(prison.db, rejoinVisit, 'call.connectionLost');
    expect(Math.abs(before - stillPrison - (lostAt - beforeAt))).toBeLessThan(1_500);
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-restart-02a-bureau-awaiting-admins.png` });
    await prison.t.page.screenshot({ path: `${ARTIFACTS}/call-restart-02b-prison-peer-awaiting-admins.png` });

    // Two administrators log in again at the bureau, on its supervision console (R25.1).
    const consolePage = await bureau.context.newPage();
    consolePage.on('pageerror', (error) => bureau.problems.push(`console pageerror: ${error.message}`));
    await consolePage.goto(`${server.url}/index.html#/console`);
    await consolePage.getByTestId('console-login').waitFor({ state: 'visible', timeout: 15_000 });
    for (const s of [STAFF.li, STAFF.he]) {
      await consolePage.getByTestId('login-username').fill(s.username);
      await consolePage.getByTestId('login-password').fill(s.password);
      await consolePage.getByTestId('login-submit').click();
      if (s === STAFF.li) {
        await consolePage.getByTestId('login-slot-1').filter({ hasText: s.name }).waitFor({ state: 'visible' });
        // One is not enough: the visit still stands still.
        await new Promise((r) => setTimeout(r, 1_000));
        expect(await remaining(bureau.page)).toBe(stillBureau);
      }
    }
    await consolePage.getByTestId('console-login').waitFor({ state: 'detached', timeout: 15_000 });
    for (const page of [prison.t.page, bureau.page]) {
      await page.getByTestId('call-admins-away').waitFor({ state: 'detached', timeout: 15_000 });
      await expect.poll(() => page.getByTestId('countdown').getAttribute('data-paused'), { timeout: 15_000 }).toBe('false');
    }
    await new Promise((r) => setTimeout(r, 3_000));
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-restart-02c-bureau-resumed.png` });
    await consolePage.close();

    // The countdown runs again from where it stood, at the wall clock's pace, the same on both sides.
    const prisonAfter = await remaining(prison.t.page);
    const afterAt = Date.now();
    const bureauAfter = await remaining(bureau.page);
    const backAt = await auditTime(prison.db, rejoinVisit, 'call.remoteAdminsBack');
    expect(Math.abs(stillPrison - prisonAfter - (afterAt - backAt))).toBeLessThan(1_500);
    expect(Math.abs(prisonAfter - bureauAfter)).toBeLessThan(1_500);

    // R25.1: the gap in both audit chains — start, end, duration, who logged in.
    const gap = bureauDb((db) => callLog(db, rejoinVisit)).find((e) => e.kind === 'call.adminsBack');
    expect(gap?.actor).toBe(STAFF.li.staffId);
    expect(gap?.payload).toMatchObject({
      requirement: 'R25.1',
      admins: [
        { staffId: STAFF.li.staffId, name: STAFF.li.name },
        { staffId: STAFF.he.staffId, name: STAFF.he.name },
      ],
    });
    const gapMs = Number(gap?.payload.durationMs);
    expect(gapMs).toBe(Date.parse(String(gap?.payload.to)) - Date.parse(String(gap?.payload.from)));
    expect(gapMs).toBeGreaterThan(4_000);
    expect(bureauDb((db) => callLog(db, rejoinVisit)).map((e) => e.kind)).toContain('call.adminsAway');
    const peerGap = callLog(prison.db, rejoinVisit).find((e) => e.kind === 'call.remoteAdminsBack');
    expect(peerGap?.payload).toMatchObject({ requirement: 'R25.1', peerDurationMs: gapMs });
    expect(Number(peerGap?.payload.durationMs)).toBeGreaterThan(4_000);

    // On the record at both terminals; the visit is not ended anywhere.
    const kinds = bureauDb((db) => callLog(db, rejoinVisit)).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['call.started', 'call.restored', 'call.windowReattached', 'call.clockAdopted']),
    );
    expect(kinds).not.toContain('call.interrupted');
    const restored = bureauDb((db) => callLog(db, rejoinVisit)).find((e) => e.kind === 'call.restored');
    expect(restored?.payload).toMatchObject({ requirement: 'R18.1', graceMs: GRACE_MS });
    expect(Number(restored?.payload.downMs)).toBeLessThan(GRACE_MS);
    expect(callLog(prison.db, rejoinVisit).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['call.connectionLost', 'call.peerReattached', 'call.resumed']),
    );
    expect(await storeStatus(rejoinVisit)).not.toBe('interrupted');

    // R13.1: the recording the crash left open was sealed at the start, interrupted; a new one runs.
    // R25.1: nobody is logged in at the restarted bureau, yet the visit's recording starts again (live-visit).
    const before1 = recordingsBefore;
    expect(before1.map((r) => r.state)).toEqual(['recording']);
    await expect
      .poll(
        () =>
          bureauRecordings(rejoinVisit)
            .map((r) => `${r.recordingId === before1[0]?.recordingId ? 'old' : 'new'}:${r.state}`)
            .sort(),
        { timeout: 30_000 },
      )
      .toEqual(['new:recording', 'old:interrupted']);

    expect(prison.problems).toEqual([]);
    expect(bureau.problems).toEqual([]);
  }, 180_000);

  test('R18.1 back after the grace time: the visit ended as interrupted on both sides, and the restarted terminal records it so at once', async () => {
    // Close the first call properly: the prison terminates it (not part of this check).
    await prison.t.terminal.services.call.terminate({ visitId: rejoinVisit, code: 'other', text: '测试结束' });
    for (const page of [prison.t.page, bureau.page]) {
      await expect
        .poll(() => page.getByTestId('call-ended').getAttribute('data-outcome'), { timeout: 15_000 })
        .toBe('terminated');
    }
    // (They logged in again on the bureau's console during the first call, R25.1.)
    await bureau.page.getByTestId('call-close').click();
    await bureau.page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    await prison.t.page.getByTestId('call-close').click();
    await prison.t.page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    await callUnderWay(lateVisit);

    await crashBureau();
    // The survivor gives up after the grace time; the store has the visit interrupted.
    await expect
      .poll(() => prison.t.page.getByTestId('call-ended').getAttribute('data-outcome'), {
        timeout: GRACE_MS + 30_000,
        interval: 1_000,
      })
      .toBe('interrupted');
    await expect.poll(() => storeStatus(lateVisit), { timeout: 15_000 }).toBe('interrupted');
    // Still "in progress" in the dead terminal's own file: nothing closed it.
    expect(
      bureauDb(
        (db) => db.prepare<[string], { status: string }>('SELECT status FROM visits WHERE visit_id = ?').get(lateVisit)?.status,
      ),
    ).toBe('in-progress');

    await restartBureau();
    await expect
      .poll(
        () =>
          bureauDb(
            (db) =>
              db.prepare<[string], { status: string }>('SELECT status FROM visits WHERE visit_id = ?').get(lateVisit)?.status,
          ),
        { timeout: 15_000 },
      )
      .toBe('interrupted');
    const log = bureauDb((db) => callLog(db, lateVisit));
    const kinds = log.map((e) => e.kind);
    expect(kinds.indexOf('call.restored')).toBeGreaterThan(kinds.indexOf('call.started'));
    expect(log.find((e) => e.kind === 'call.interrupted')).toMatchObject({
      payload: { outcome: 'interrupted', countsAsUsedVisit: false },
    });
    expect(Number(log.find((e) => e.kind === 'call.restored')?.payload.downMs)).toBeGreaterThanOrEqual(GRACE_MS);
    // Nothing left to rejoin: the window shows no live call.
    await bureau.page
      .getByTestId('call-screen')
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
    // R25.1: nobody is logged in after the restart and no visit runs: main shows no call at all to the window.
    expect(await bureau.child.invoke('kiosk:call.current', undefined)).toMatchObject({
      ok: false,
      error: { code: 'NOT_AUTHORISED' },
    });
    expect(bureauDb((db) => db.prepare('SELECT COUNT(*) AS n FROM call_checkpoints').get())).toEqual({ n: 0 });
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-restart-03-bureau-after-late-restart.png` });
  }, 180_000);
});
