// End to end, issue #19 item 2: the monitoring centre. The real central store (signaling) and
// two visits live at once — prison A ⇄ bureau A and prison B ⇄ bureau B, four terminals over
// the real main services, each in its own Chromium context (one Chromium with a fake camera
// for all four, to keep the cost down) — and a desk in desk mode where the province's
// supervisor opens the monitoring centre: both visits listed and on the wall as tiles with
// moving pictures from both rooms (R13.1, R29.1); the observer is shown on both consoles and
// audited in both chains (R26.1); a warning (R16.1) from the wall reaches both terminals of
// that visit and their audit chains, attributed to the officer, and neither the visit nor its
// recording is disturbed; an administrator of another bureau sees only their own visit and
// cannot observe prison A's (scope).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { at, DAY, daySnapshot } from '../../harness/fixtures/visit-day/day-snapshot';
import type { TestStore } from '../../harness/store/store';
import { fakeDeviceArgs, makeFakeMedia } from '../../harness/fake-media';
import { launchChromium } from '../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';
import { buildWorld, STAFF_PASSWORD, type World } from '../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../harness/store/sync-helpers';
import { startSignalingStore } from '../integration/server/signaling/signal-helpers';
import { callPhase, joinCall, loginBoth, prepareVisit, remotePlays } from './harness/call-steps';
import { seedCallDay, type StoreVisit, type TerminalConfigFile } from './harness/call-world';
import { expectAccessible } from './harness/axe';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');

interface Room {
  name: string;
  prisonSide: boolean;
  t: OpenedTerminal;
  page: Page;
  db: Database.Database;
}

let store: TestStore;
let world: World;
let server: StaticServer;
let browser: Browser;
let desk: OpenedTerminal;
let deskPage: Page;
const rooms: Room[] = [];
const problems: string[] = [];
const visits: Record<'a' | 'b', StoreVisit> = {} as never;
const clock = { offset: 0 };
const now = () => new Date(Date.now() + clock.offset);

/** A terminal configuration from the fixture, with its own id, pointed at the store. */
function writeConfig(dir: string, fixture: 'prison' | 'bureau', id: string): TerminalConfigFile {
  const base = JSON.parse(readFileSync(root(`harness/fixtures/terminal-config/${fixture}.json`), 'utf8')) as {
    terminalId: string;
    site: { id: string; name: string; kind: string };
  };
  const config = {
    ...base,
    terminalId: `${base.terminalId}-${id}`,
    centralStoreUrl: store.url,
    recordingDir: joinPath(dir, `${id}-rec`),
  };
  const configPath = joinPath(dir, `${id}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  return { config, configPath, recordingDir: config.recordingDir };
}

const audit = (room: Room, visitId: string) =>
  room.db
    .prepare<[string], { kind: string; payload: string }>(
      "SELECT kind, payload FROM audit_log WHERE kind LIKE 'call.%' AND json_extract(payload, '$.visitId') = ? ORDER BY seq",
    )
    .all(visitId)
    .map((r) => ({ kind: r.kind, payload: JSON.parse(r.payload) as Record<string, unknown> }));

async function deskLogin(username: string) {
  if (await deskPage.getByTestId('desk-logout').isVisible()) await deskPage.getByTestId('desk-logout').click();
  await deskPage.getByTestId('desk-login').waitFor({ state: 'visible' });
  await deskPage.getByTestId('desk-username').fill(username);
  await deskPage.getByTestId('desk-password').fill(STAFF_PASSWORD);
  await deskPage.getByTestId('desk-login-submit').click();
  await expect.poll(() => deskPage.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(username);
  await deskPage.getByTestId('desk-tab-monitor').click();
  await deskPage.getByTestId('desk-monitor').waitFor({ state: 'visible' });
}

/** Both pictures of a tile play: a size, and frames advancing over a second. */
async function tilePlays(visitId: string, side: 'inmate' | 'visitor') {
  const video = deskPage.locator(
    `[data-testid="wall-tile"][data-visit="${visitId}"] [data-testid="tile-video"][data-side="${side}"]`,
  );
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 30_000 }).toBeGreaterThan(0);
  const advance = () =>
    video.evaluate(async (v: HTMLVideoElement) => {
      const first = v.getVideoPlaybackQuality().totalVideoFrames;
      await new Promise((r) => setTimeout(r, 1_500));
      return v.getVideoPlaybackQuality().totalVideoFrames - first;
    });
  await expect.poll(advance, { timeout: 20_000 }).toBeGreaterThan(3);
  return video.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  clock.offset = at('09:45').getTime() - Date.now();
  store = await startSignalingStore('sqlite', { heartbeatMs: 5_000 }, now);
  world = await buildWorld(store);
  const db = store.app.ctx.db;
  visits.a = {
    startTime: '10:00',
    visitId: await insertVisit(db, {
      roomId: world.prisonA.roomId,
      remoteRoomId: world.bureauA.roomId,
      date: DAY,
      startTime: '10:00',
    }),
  };
  visits.b = {
    startTime: '10:00',
    visitId: await insertVisit(db, {
      roomId: world.prisonB.roomId,
      remoteRoomId: world.bureauB.roomId,
      date: DAY,
      startTime: '10:00',
    }),
  };
  const tokens = {
    prisonA: (await enrolTerminal(store, world.tokens.prisonAAdmin, world.prisonA.roomId)).token,
    bureauA: (await enrolTerminal(store, world.tokens.bureauAAdmin, world.bureauA.roomId)).token,
    prisonB: (await enrolTerminal(store, world.tokens.prisonBAdmin, world.prisonB.roomId)).token,
    bureauB: (await enrolTerminal(store, world.tokens.bureauBAdmin, world.bureauB.roomId)).token,
  };
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  const dir = mkdtempSync(joinPath(tmpdir(), 'kiosk-e2e-monitor-'));
  const media = makeFakeMedia(dir, 'prison');
  browser = await launchChromium([...fakeDeviceArgs(media), '--autoplay-policy=no-user-gesture-required']);
  const base = await daySnapshot();
  const plan = [
    { name: 'prisonA', fixture: 'prison', visit: visits.a, token: tokens.prisonA },
    { name: 'bureauA', fixture: 'bureau', visit: visits.a, token: tokens.bureauA },
    { name: 'prisonB', fixture: 'prison', visit: visits.b, token: tokens.prisonB },
    { name: 'bureauB', fixture: 'bureau', visit: visits.b, token: tokens.bureauB },
  ] as const;
  for (const p of plan) {
    const file = writeConfig(dir, p.fixture, p.name);
    const [t] = await openTerminals(browser, server.url, [
      {
        configPath: file.configPath,
        now,
        viewport: { width: 960, height: 600 },
        call: {
          signaling: () => ({ url: store.url, token: p.token }),
          iceServers: [],
          graceMs: 20_000,
          renegotiateMs: 3_000,
          tickMs: 500,
        },
      },
    ]);
    if (!t) throw new Error('no terminal opened');
    const handle = new Database(joinPath(t.dataDir, STORE_FILE_NAME));
    seedCallDay(handle, base, file, [p.visit], now());
    t.page.on('pageerror', (e) => problems.push(`${p.name}: ${e.message}`));
    await t.load();
    await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
    rooms.push({ name: p.name, prisonSide: p.fixture === 'prison', t, page: t.page, db: handle });
  }

  // The monitoring centre's desk (desk mode), in the same Chromium.
  const fixture = JSON.parse(readFileSync(root('harness/fixtures/terminal-config/desk-office.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const deskConfig = joinPath(dir, 'desk.json');
  writeFileSync(
    deskConfig,
    JSON.stringify({
      ...fixture,
      centralStoreUrl: store.url,
      dataDir: joinPath(dir, 'desk-data'),
      recordingDir: joinPath(dir, 'desk-rec'),
    }),
  );
  [desk] = (await openTerminals(browser, server.url, [
    { configPath: deskConfig, now, viewport: { width: 1600, height: 1000 } },
  ])) as [OpenedTerminal];
  deskPage = desk.page;
  deskPage.on('pageerror', (e) => problems.push(`desk: ${e.message}`));
  await desk.load();
  await deskPage.getByTestId('desk-login').waitFor({ state: 'visible', timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  for (const r of rooms.splice(0)) {
    r.db.close();
    await r.t.close();
  }
  await desk?.close();
  await browser?.close();
  await server?.close();
  await store?.stop();
});

const room = (name: string) => {
  const r = rooms.find((x) => x.name === name);
  if (!r) throw new Error(`no room ${name}`);
  return r;
};

describe('issue #19: the monitoring centre', () => {
  test('R13.1 R29.1 two visits live at once; the province sees both on the wall with moving pictures from both rooms; R26.1 the observer on both consoles and in both chains; R16.1 its warning reaches both terminals of that visit, attributed; the visit and its recording undisturbed', async () => {
    for (const [p, b, v] of [
      ['prisonA', 'bureauA', visits.a],
      ['prisonB', 'bureauB', visits.b],
    ] as const) {
      for (const r of [room(p), room(b)]) {
        await loginBoth(r.page);
        await prepareVisit(r.t.terminal, v.visitId, r.prisonSide);
      }
      await joinCall(room(p).page, v.visitId);
      await joinCall(room(b).page, v.visitId);
    }
    for (const r of rooms) await expect.poll(() => callPhase(r.page), { timeout: 30_000 }).toBe('in-progress');

    await deskLogin('supervisor');
    await expect.poll(() => deskPage.getByTestId('live-row').count(), { timeout: 20_000 }).toBe(2);
    const listed = await deskPage.getByTestId('desk-monitor').innerText();
    expect(listed).toContain('测试罪犯');
    expect(listed).toContain('甲县司法局');
    expect(listed).toContain('乙县司法局');
    await expect.poll(() => deskPage.getByTestId('wall-tile').count()).toBe(2);
    const sizes = [];
    for (const v of [visits.a, visits.b])
      for (const side of ['inmate', 'visitor'] as const) sizes.push(await tilePlays(v.visitId, side));
    // The observer streams are small (320×180 at most), not the visit's 720p.
    for (const s of sizes) expect(s.width).toBeLessThanOrEqual(320);
    await expect.poll(() => deskPage.getByTestId('tile-stats').count(), { timeout: 15_000 }).toBe(2);
    await deskPage.screenshot({ path: `${ARTIFACTS}/monitor-01-wall.png`, fullPage: true });
    await expectAccessible(deskPage, 'monitor', 'monitoring wall, two live visits');

    // Both consoles of visit A show the observer; both chains have it.
    for (const name of ['prisonA', 'bureauA']) {
      const r = room(name);
      const consolePage = await r.t.openPage('#/console');
      await expect.poll(() => consolePage.getByTestId('observer-badge').innerText(), { timeout: 15_000 }).toContain('supervisor');
      if (name === 'prisonA') await consolePage.screenshot({ path: `${ARTIFACTS}/monitor-02-console-observer-badge.png` });
      await consolePage.close();
      expect(audit(r, visits.a.visitId).filter((e) => e.kind === 'call.observerJoined')).toHaveLength(1);
    }

    // Listen to visit A's tile (its sound only) and warn with R16.1(4).
    const tileA = deskPage.locator(`[data-testid="wall-tile"][data-visit="${visits.a.visitId}"]`);
    await tileA.getByTestId('tile-listen').click();
    await expect.poll(() => tileA.getAttribute('data-listening')).toBe('true');
    const mutedVideos = await deskPage
      .getByTestId('tile-video')
      .evaluateAll((vs) =>
        vs.map((v) => ({ visit: v.closest('[data-visit]')?.getAttribute('data-visit'), muted: (v as HTMLVideoElement).muted })),
      );
    for (const m of mutedVideos) expect(m.muted).toBe(m.visit !== visits.a.visitId);
    await deskPage.getByTestId('monitor-code').selectOption('R16.1(4)');
    await deskPage.getByTestId('monitor-warn').click();
    await expect.poll(() => deskPage.getByTestId('monitor-acted').innerText(), { timeout: 10_000 }).toContain('会见人一方');
    for (const name of ['prisonA', 'bureauA']) {
      const r = room(name);
      await expect.poll(() => r.page.getByTestId('call-banner').getAttribute('data-code'), { timeout: 10_000 }).toBe('R16.1(4)');
      const warning = audit(r, visits.a.visitId).find((e) => e.kind === 'call.observerWarning');
      expect(warning?.payload).toMatchObject({
        requirement: 'R16.1',
        code: 'R16.1(4)',
        by: 'supervisor',
        reason: '谈论不利于罪犯改造事项',
      });
      expect(await callPhase(r.page)).toBe('in-progress');
    }
    await deskPage.screenshot({ path: `${ARTIFACTS}/monitor-03-wall-warning.png`, fullPage: true });
    await expectAccessible(deskPage, 'monitor', 'monitoring wall after a warning');
    // Visit B heard nothing of it.
    for (const name of ['prisonB', 'bureauB'])
      expect(audit(room(name), visits.b.visitId).some((e) => e.kind === 'call.observerWarning')).toBe(false);
    await expect
      .poll(
        () =>
          deskPage
            .locator(`[data-testid="live-row"][data-visit="${visits.a.visitId}"] [data-testid="live-warnings"]`)
            .innerText(),
        { timeout: 10_000 },
      )
      .toBe('1');

    // The visit itself goes on: each terminal still sees the other, its recording still runs.
    for (const name of ['prisonA', 'bureauA']) {
      const r = room(name);
      await remotePlays(r.page);
      const recs = await r.t.terminal.services.recording.list(undefined);
      expect(recs.filter((x) => x.visitId === visits.a.visitId).map((x) => x.state)).toEqual(['recording']);
    }

    // The observer leaves (logs out): both terminals drop it and audit the departure.
    await deskPage.getByTestId('desk-logout').click();
    for (const name of ['prisonA', 'bureauA']) {
      const r = room(name);
      await expect
        .poll(() => audit(r, visits.a.visitId).some((e) => e.kind === 'call.observerLeft'), { timeout: 10_000 })
        .toBe(true);
      expect((await r.t.terminal.services.call.current(undefined))?.observers).toEqual([]);
    }
  }, 300_000);

  test("R29.1 an administrator of bureau B sees only its own visit and cannot observe prison A's", async () => {
    await deskLogin('bureau-b-admin');
    await expect.poll(() => deskPage.getByTestId('live-row').count(), { timeout: 20_000 }).toBe(1);
    expect(await deskPage.getByTestId('live-row').getAttribute('data-visit')).toBe(visits.b.visitId);
    await tilePlays(visits.b.visitId, 'visitor');
    const refused = (await deskPage.evaluate(
      (visitId) =>
        (window as unknown as { kiosk: { desk: { observe(a: unknown): Promise<unknown> } } }).kiosk.desk.observe({ visitId }),
      visits.a.visitId,
    )) as { ok: boolean; value?: { accepted: boolean; refusal?: { message: string } } };
    expect(refused.value?.accepted).toBe(false);
    expect(refused.value?.refusal?.message).toContain('管辖范围');
    await expectAccessible(deskPage, 'monitor', 'monitoring wall, one bureau in scope');
    expect(problems).toEqual([]);
  }, 120_000);
});
