// End to end: the real central store (signaling) on 127.0.0.1:0, and two
// terminals — the prison's and the bureau's — each in its own Chromium with its own fake
// camera picture, over the real main services. Both sides go through the visit day
// (two administrators, check-in, notice, deposits, equipment), join, and the call runs
// through the store's signaling room. Supervision actions are taken in each terminal's
// console window (#/console). Each terminal's Chromium has its own fake microphone (a tone
// at the side's frequency) and a moving picture, so each archive proves whose sound and
// picture it carries, all through the visit (harness/recording-check.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { at, daySnapshot, STAFF } from '../../harness/fixtures/visit-day/day-snapshot';
import type { TestStore } from '../../harness/store/store';
import { fakeDeviceArgs, makeFakeMedia, type FakeMedia } from '../../harness/fake-media';
import { checkRecording, type Window } from '../../harness/recording-check';
import { archiveFigures, colourDistance, sourceColour, type Rgb } from './harness/archive-check';
import { launchChromium } from '../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { loginBoth, prepareVisit } from './harness/call-steps';
import { seedCallDay, startCallStore, writeTerminalConfig } from './harness/call-world';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');

interface Side {
  name: 'prison' | 'bureau';
  t: OpenedTerminal;
  page: Page;
  console: Page;
  problems: string[];
  db: () => Database.Database;
  /** This terminal's recordings folder, its fake camera file and its microphone's tone. */
  recordings: string;
  camera: string;
  media: FakeMedia;
}

let store: TestStore;
let server: StaticServer;
const browsers: Browser[] = [];
const sides: Side[] = [];
/** Both terminals' clock: real time plus an offset the test moves (main side only). */
const clock = { offset: 0 };
const now = () => new Date(Date.now() + clock.offset);
let terminateVisit: string;
let countdownVisit: string;
/** R24.1: how long the prison mutes the visitor during the first visit (the shortest mute allowed). */
const MUTE_S = 5;

/** The visit-day steps through main's services (the visit-day e2e covers their screens). */
async function prepare(side: Side, visitId: string) {
  await prepareVisit(side.t.terminal, visitId, side.name === 'prison');
}

async function join(side: Side, visitId: string) {
  const { page } = side;
  await page.getByTestId(`visit-${visitId}`).click();
  await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
  await page.getByTestId('step-readiness').click();
  await page.getByTestId('call-join').click();
  await page.getByTestId('call-screen').waitFor({ state: 'visible' });
}

const inProgress = (side: Side) =>
  expect.poll(() => side.page.getByTestId('call-screen').getAttribute('data-phase'), { timeout: 20_000 }).toBe('in-progress');

/** The remote <video> plays: it has a size and its frame count advances. */
async function remotePlays(page: Page): Promise<{ width: number; frames: [number, number] }> {
  await expect
    .poll(() => page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const frames = () =>
    page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
  const first = await frames();
  await expect.poll(frames, { timeout: 10_000 }).toBeGreaterThan(first + 5);
  return {
    width: await page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => v.videoWidth),
    frames: [first, await frames()],
  };
}

/** Average colour of the remote picture's centre, to tell the two fake cameras apart. */
const centreColour = (page: Page) =>
  page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => {
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 36;
    const g = c.getContext('2d');
    if (!g) return [0, 0, 0];
    g.drawImage(v, 0, 0, 64, 36);
    const d = g.getImageData(0, 0, 64, 36).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k += 1) sum[k] = (sum[k] ?? 0) + (d[i + k] ?? 0);
    return sum.map((x) => Math.round(x / (d.length / 4)));
  });

const audit = (side: Side, visitId: string) =>
  side
    .db()
    .prepare<[string], { kind: string; actor: string; payload: string }>(
      "SELECT kind, actor, payload FROM audit_log WHERE kind LIKE 'call.%' AND json_extract(payload, '$.visitId') = ? ORDER BY seq",
    )
    .all(visitId)
    .map((r) => ({ kind: r.kind, actor: r.actor, payload: JSON.parse(r.payload) as Record<string, unknown> }));

/** When (main's clock) each terminal saw the visitor muted (the prison's own action, the bureau's remote one). */
const muteAt = (side: Side, visitId: string): number => {
  const kind = side.name === 'prison' ? 'call.muted' : 'call.remoteMuted';
  const row = side
    .db()
    .prepare<[string, string], { at: string }>(
      "SELECT at FROM audit_log WHERE kind = ? AND json_extract(payload, '$.visitId') = ? ORDER BY seq",
    )
    .get(kind, visitId);
  if (!row) throw new Error(`${side.name}: no ${kind}`);
  return Date.parse(row.at);
};

/** R13.1: the terminal recorded the whole call, both parties side by side and audible, the warning as a chapter. */
async function expectRecorded(side: Side, other: Side, visitId: string, chapterCode: string) {
  const recordings = side.t.terminal.services.recording;
  await expect
    .poll(async () => (await recordings.list(undefined)).filter((r) => r.visitId === visitId).map((r) => r.state), {
      timeout: 30_000,
    })
    .toEqual(['sealed']);
  const recording = (await recordings.list(undefined)).find((r) => r.visitId === visitId);
  if (!recording) throw new Error('no recording');
  const times = side
    .db()
    .prepare<[string], { kind: string; at: string }>(
      "SELECT kind, at FROM audit_log WHERE kind IN ('call.started', 'call.terminated', 'call.completed') AND json_extract(payload, '$.visitId') = ? ORDER BY seq",
    )
    .all(visitId);
  const startedAt = times.find((r) => r.kind === 'call.started')?.at;
  const endedAt = times.find((r) => r.kind !== 'call.started')?.at;
  if (!startedAt || !endedAt) throw new Error(`call times missing: ${JSON.stringify(times)}`);
  const callS = (Date.parse(endedAt) - Date.parse(startedAt)) / 1000;
  const figures = archiveFigures(side.recordings, recording.recordingId);
  const mine = sourceColour(side.camera);
  const theirs = sourceColour(other.camera);
  // The archive ends when the call ended (both stop at the same instant): main's times map to
  // archive seconds from the end. The prison's recording hears the visitor as the bureau sent
  // it, silent while muted; the bureau's keeps what was said in its room (the mute acts on
  // what leaves the terminal: peer-session.ts), so there the visitor is audible throughout.
  const archiveS = (ms: number) => figures.archiveS - (Date.parse(endedAt) - ms) / 1000;
  const mutedFrom = archiveS(muteAt(side, visitId));
  const mute: Window = { fromS: mutedFrom, toS: mutedFrom + MUTE_S };
  const inmate = side.name === 'prison' ? side : other;
  const visitor = side.name === 'bureau' ? side : other;
  const sound = checkRecording(figures.archive, {
    windowS: 1,
    motionWindowS: 2,
    parties: [
      { name: '服刑人员 inmate', hz: inmate.media.hz },
      { name: '会见人 visitor', hz: visitor.media.hz, muted: side.name === 'prison' ? [mute] : [] },
    ],
  });
  const report = {
    side: side.name,
    callS,
    startLagS: (Date.parse(recording.startedAt) - Date.parse(startedAt)) / 1000,
    ...figures,
    cameras: { mine, theirs },
    mute,
    sound,
  };
  writeFileSync(joinPath(ARTIFACTS, `call-recording-${side.name}.json`), JSON.stringify(report, null, 2));
  console.log('[call recording]', JSON.stringify(report));

  expect(Math.abs(figures.archiveS - callS)).toBeLessThanOrEqual(2);
  expect(figures.streams.some((s) => s.startsWith('video:'))).toBe(true);
  expect(figures.streams.some((s) => s.startsWith('audio:'))).toBe(true);
  // Own camera left, the other party right: each half is near its source and nearer it than the other.
  const near = (seen: Rgb, source: Rgb, wrong: Rgb) => {
    expect(colourDistance(seen, source)).toBeLessThanOrEqual(40);
    expect(colourDistance(seen, source)).toBeLessThan(colourDistance(seen, wrong));
  };
  for (const c of figures.left) near(c, mine, theirs);
  for (const c of figures.right) near(c, theirs, mine);
  expect([...figures.chapters, figures.vtt].join('\n')).toContain(chapterCode);
  // Both parties audible in every second but the visitor's muted ones (silent there, at the
  // prison), both halves moving in every 2 seconds.
  expect(sound.problems).toEqual([]);
  expect(sound.windows.length).toBeGreaterThanOrEqual(Math.floor(callS) - 2);
  // The mute lies inside the archive, so its seconds were judged.
  expect(mute.fromS).toBeGreaterThan(1);
  expect(mute.toS).toBeLessThan(figures.archiveS - 1);
}

const bothSides = () => {
  const [prison, bureau] = sides;
  if (!prison || !bureau) throw new Error('terminals not open');
  return { prison, bureau };
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  clock.offset = at('09:45').getTime() - Date.now();
  const started = await startCallStore({ heartbeatMs: 5_000 }, [{ startTime: '10:00' }, { startTime: '10:10', minutes: 6 }], now);
  store = started.store;
  [terminateVisit, countdownVisit] = started.visits.map((v) => v.visitId) as [string, string];
  server = await serveRenderer(root('dist/renderer'), APP_CSP);

  const dir = mkdtempSync(joinPath(tmpdir(), 'kiosk-e2e-call-'));
  const base = await daySnapshot();
  for (const [name, token] of [
    ['prison', started.tokens.prison],
    ['bureau', started.tokens.bureau],
  ] as const) {
    const file = writeTerminalConfig(dir, name, store.url);
    // One Chromium per terminal: the fake camera and microphone are per process.
    const media = makeFakeMedia(dir, name);
    const browser = await launchChromium([...fakeDeviceArgs(media), '--autoplay-policy=no-user-gesture-required']);
    browsers.push(browser);
    const [t] = await openTerminals(browser, server.url, [
      {
        configPath: file.configPath,
        now,
        viewport: { width: 1280, height: 720 },
        call: {
          signaling: () => ({ url: store.url, token }),
          iceServers: [],
          graceMs: 20_000,
          renegotiateMs: 3_000,
          tickMs: 250,
          linkSummaryMs: 5_000,
        },
      },
    ]);
    if (!t) throw new Error('no terminal opened');
    const handle = new Database(joinPath(t.dataDir, STORE_FILE_NAME));
    seedCallDay(handle, base, file, started.visits, now());
    const problems: string[] = [];
    t.page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await t.load();
    await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
    const consolePage = await t.openPage('#/console');
    consolePage.on('pageerror', (error) => problems.push(`console pageerror: ${error.message}`));
    sides.push({
      name,
      t,
      page: t.page,
      console: consolePage,
      problems,
      db: () => handle,
      recordings: file.recordingDir,
      camera: media.camera,
      media,
    });
  }
}, 120_000);

afterAll(async () => {
  for (const side of sides.splice(0)) {
    side.db().close();
    await side.t.close();
  }
  for (const b of browsers.splice(0)) await b.close();
  await server?.close();
  await store?.stop();
});

describe('the visit call between a prison and a bureau terminal', () => {
  test('R25.1 R24.1 both terminals connect through the store, each sees the other; R13.1 each records both parties moving and audible, the muted visitor silent exactly while muted; R16.1 warning on both; R17.1(8) termination ends both, audited by name', async () => {
    const { prison, bureau } = bothSides();
    for (const side of [prison, bureau]) {
      await loginBoth(side.page);
      await prepare(side, terminateVisit);
      await prepare(side, countdownVisit);
    }
    await join(prison, terminateVisit);
    await expect.poll(() => prison.page.getByTestId('call-status').innerText()).toContain('等待对方');
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-01-prison-waiting.png` });
    await join(bureau, terminateVisit);
    await inProgress(prison);
    await inProgress(bureau);

    const [p, b] = await Promise.all([remotePlays(prison.page), remotePlays(bureau.page)]);
    expect(p.width).toBeGreaterThan(0);
    expect(b.width).toBeGreaterThan(0);
    // Distinct pictures: the prison sees the bureau's green card, the bureau the prison's test pattern.
    const [seenAtPrison, seenAtBureau] = await Promise.all([centreColour(prison.page), centreColour(bureau.page)]);
    expect(seenAtPrison[1]).toBeGreaterThan((seenAtPrison[0] ?? 0) + 20);
    expect(seenAtBureau).not.toEqual(seenAtPrison);
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-02-prison-in-progress.png` });
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-03-bureau-in-progress.png` });

    // Link quality reaches the console (getStats every 3 s).
    await expect.poll(() => prison.console.getByTestId('supervision-link').innerText(), { timeout: 15_000 }).toContain('kbit/s');
    expect(await prison.console.getByTestId('supervision-visitors').innerText()).toContain('张伟');

    // R24.1: the prison mutes the visitor briefly; the recordings show when (expectRecorded).
    const muted = await prison.t.terminal.services.call.mute({ visitId: terminateVisit, side: 'visitor', seconds: MUTE_S });
    expect(muted.accepted, JSON.stringify(muted)).toBe(true);
    await expect.poll(() => bureau.console.getByTestId('supervision-muted').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => prison.console.getByTestId('supervision-muted').count(), { timeout: MUTE_S * 1000 + 10_000 }).toBe(0);
    // Some seconds of the visitor's sound back before the call ends.
    await prison.page.waitForTimeout(3_000);

    // R16.1(2): a warning at the prison console shows a banner on both terminals.
    await prison.console.getByTestId('reason-R16.1(2)').click();
    await prison.console.getByTestId('warn').click();
    for (const side of [prison, bureau]) {
      await expect
        .poll(() => side.page.getByTestId('call-banner').getAttribute('data-code'), { timeout: 10_000 })
        .toBe('R16.1(2)');
      expect(await side.page.getByTestId('call-banner').innerText()).toContain('隐语');
    }
    await expect
      .poll(() => bureau.console.locator('[data-testid="supervision-notice"][data-origin="remote"]').first().innerText())
      .toContain('李静');
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-04-prison-warning-banner.png` });
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-05-bureau-warning-banner.png` });
    await bureau.console.screenshot({ path: `${ARTIFACTS}/call-06-bureau-console-remote-warning.png`, fullPage: true });

    // R22.1: "other" without a written reason is refused and changes nothing.
    await prison.console.getByTestId('reason-other').click();
    await prison.console.getByTestId('terminate').click();
    await prison.console.getByTestId('confirm-ok').click();
    await expect.poll(() => prison.console.getByTestId('supervision-error').innerText()).toContain('R22.1');
    expect(await prison.page.getByTestId('call-screen').getAttribute('data-phase')).toBe('in-progress');

    // R17.1(8): termination at the prison ends both terminals.
    await prison.console.getByTestId('reason-R17.1(8)').click();
    await prison.console.getByTestId('terminate').click();
    await prison.console.getByTestId('confirm-ok').click();
    for (const side of [prison, bureau]) {
      await expect
        .poll(() => side.page.getByTestId('call-ended').getAttribute('data-outcome'), { timeout: 10_000 })
        .toBe('terminated');
      expect(await side.page.getByTestId('call-ended').getAttribute('data-code')).toBe('R17.1(8)');
    }
    // R17.2: the prison's administrators may propose a suspension.
    await prison.console.getByTestId('suspension-proposable').waitFor({ state: 'visible' });
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-07-prison-terminated.png` });
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-08-bureau-terminated.png` });
    await prison.console.screenshot({ path: `${ARTIFACTS}/call-09-prison-console-terminated.png`, fullPage: true });

    const prisonLog = audit(prison, terminateVisit);
    const bureauLog = audit(bureau, terminateVisit);
    expect(prisonLog.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['call.joined', 'call.started', 'call.warning', 'call.terminated', 'call.linkQuality']),
    );
    const terminated = prisonLog.find((e) => e.kind === 'call.terminated');
    expect(terminated).toMatchObject({
      actor: STAFF.li.staffId,
      payload: {
        code: 'R17.1(8)',
        operator: STAFF.li.name,
        supervisors: [STAFF.he.name],
        outcome: 'terminated',
        requirement: 'R17.1',
      },
    });
    expect(prisonLog.find((e) => e.kind === 'call.warning')).toMatchObject({
      actor: STAFF.li.staffId,
      payload: { code: 'R16.1(2)', operator: STAFF.li.name },
    });
    expect(bureauLog.find((e) => e.kind === 'call.remoteWarning')).toMatchObject({
      payload: { code: 'R16.1(2)', by: STAFF.li.name, site: '云南省第一监狱' },
    });
    expect(bureauLog.find((e) => e.kind === 'call.terminated')).toMatchObject({
      payload: { code: 'R17.1(8)', by: STAFF.li.name, origin: 'remote', outcome: 'terminated' },
    });
    for (const side of [prison, bureau]) {
      const status = side
        .db()
        .prepare<[string], { status: string }>('SELECT status FROM visits WHERE visit_id = ?')
        .get(terminateVisit);
      expect(status?.status).toBe('terminated');
      expect(side.problems).toEqual([]);
    }
    // Each terminal sealed its own recording of the visit.
    await expectRecorded(prison, bureau, terminateVisit, 'R16.1(2)');
    await expectRecorded(bureau, prison, terminateVisit, 'R16.1(2)');
  }, 150_000);

  test('R14.2 a 6-minute visit warns at 5 and 1 minutes on both terminals and ends by itself at zero (clock moved)', async () => {
    const { prison, bureau } = bothSides();
    for (const side of [prison, bureau]) {
      await side.page.getByTestId('call-close').click();
      await side.page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    }
    await join(prison, countdownVisit);
    await join(bureau, countdownVisit);
    await inProgress(prison);
    await inProgress(bureau);
    await Promise.all([remotePlays(prison.page), remotePlays(bureau.page)]);

    clock.offset += 61_000;
    for (const side of [prison, bureau]) {
      await expect.poll(() => side.page.getByTestId('call-banner').getAttribute('data-kind'), { timeout: 10_000 }).toBe('time-5');
    }
    await bureau.page.screenshot({ path: `${ARTIFACTS}/call-10-bureau-five-minutes.png` });
    clock.offset += 4 * 60_000;
    for (const side of [prison, bureau]) {
      await expect.poll(() => side.page.getByTestId('call-banner').getAttribute('data-kind'), { timeout: 10_000 }).toBe('time-1');
    }
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-11-prison-one-minute.png` });
    clock.offset += 60_000;
    for (const side of [prison, bureau]) {
      await expect
        .poll(() => side.page.getByTestId('call-ended').getAttribute('data-outcome'), { timeout: 10_000 })
        .toBe('completed');
    }
    await prison.page.screenshot({ path: `${ARTIFACTS}/call-12-prison-ended-by-countdown.png` });
    for (const side of [prison, bureau]) {
      const kinds = audit(side, countdownVisit).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'call.timeWarning')).toHaveLength(2);
      expect(kinds).toContain('call.completed');
      const status = side
        .db()
        .prepare<[string], { status: string }>('SELECT status FROM visits WHERE visit_id = ?')
        .get(countdownVisit);
      expect(status?.status).toBe('completed');
      expect(side.problems).toEqual([]);
      // The countdown's end seals the recording too.
      await expect
        .poll(
          async () =>
            (await side.t.terminal.services.recording.list(undefined))
              .filter((r) => r.visitId === countdownVisit)
              .map((r) => r.state),
          { timeout: 30_000 },
        )
        .toEqual(['sealed']);
    }
  }, 120_000);
});
