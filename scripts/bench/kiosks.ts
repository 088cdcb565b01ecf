// The benches' kiosk (bench:call, bench:visit): a terminal whose main services run in their own
// Node process, as in the shell (harness/browser/child-terminal.ts; that process serves the
// renderer and takes the window's calls over a socket, as main takes Electron's IPC), shown in its own Chromium
// with a fake camera, the day's visits imported into its store; and the steps of a visit as the
// clerk and the officers take them. One Node process per terminal matters for timings: two
// terminals' services in the Playwright client's process wait on each other's work.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { APP_CSP } from '../../src-main/electron/csp';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { importDaySnapshot } from '../../src-main/visit-day';
import type { DaySnapshotInput } from '../../src-main/visit-day/snapshot-schema';
import { daySnapshot, DAY, STAFF, VISITORS } from '../../harness/fixtures/visit-day/day-snapshot';
import { launchChromium } from '../../harness/browser/browser';
import { openChildTerminal, type ChildTerminal, type ChildTerminalSpec } from '../../harness/browser/child-terminal';
import { chromiumTagged } from '../../harness/browser/proc-tree';
import type { SeededVisit } from '../sim-terminal/seed-visits';

export interface BenchKiosk {
  name: 'prison' | 'bureau';
  t: ChildTerminal;
  page: Page;
  browser: Browser;
  /** The kiosk's Chromium (its browser process; the tree below it is the kiosk's). */
  chromiumPid: number;
  recordingDir: string;
}

export interface KioskOptions {
  name: BenchKiosk['name'];
  /** Scratch folder: the kiosk's configuration, data and recordings go here. */
  dir: string;
  storeUrl: string;
  /** The store's visits between the kiosks' rooms: the day's schedule, one a minute from 10:00. */
  visits: readonly SeededVisit[];
  /** The built renderer: main's process serves it, and the window's calls reach main over a socket on its origin. */
  rendererDir: string;
  /** A y4m file for --use-file-for-fake-video-capture. */
  cameraFile: string;
  /** The terminal's clock runs this far from the machine's. */
  clockOffsetMs: number;
  /** The window's calls on some channels, as main's process takes them (`at`: epoch ms there). */
  onInvoke?: ChildTerminalSpec['onInvoke'];
  /** V8 flags for the whole terminal, as Electron's --js-flags gives them to main and the renderers (to compare). */
  jsFlags?: string;
}

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
/** The V8 flags the installed terminal starts with (--js-flags in every launcher: tests/unit/electron/builder-config). */
export const INSTALLED_JS_FLAGS = '--max-semi-space-size=2';
export const KIOSK_START_MINUTES = 10 * 60;
export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

let tagCount = 0;
export async function taggedBrowser(cameraFile: string, jsFlags?: string): Promise<{ browser: Browser; pid: number }> {
  // Chromium ignores an unknown switch; it marks this browser's process in /proc.
  const tag = `--bench-kiosk=${process.pid}-${++tagCount}`;
  const browser = await launchChromium([
    tag,
    `--use-file-for-fake-video-capture=${cameraFile}`,
    '--autoplay-policy=no-user-gesture-required',
    ...(jsFlags ? [`--js-flags=${jsFlags}`] : []),
  ]);
  return { browser, pid: chromiumTagged(tag) };
}

/** Opens the kiosk on its idle screen. */
export async function openKiosk(o: KioskOptions): Promise<BenchKiosk> {
  const config = JSON.parse(fs.readFileSync(root(`harness/fixtures/terminal-config/${o.name}.json`), 'utf8')) as {
    terminalId: string;
    site: { id: string };
  };
  const recordingDir = path.join(o.dir, `${o.name}-recordings`);
  const dataDir = path.join(o.dir, `${o.name}-data`);
  fs.mkdirSync(dataDir, { recursive: true });
  const configPath = path.join(o.dir, `${o.name}.json`);
  fs.writeFileSync(configPath, JSON.stringify({ ...config, centralStoreUrl: o.storeUrl, recordingDir }));
  const token = o.name === 'prison' ? o.visits[0]?.inmateToken : o.visits[0]?.visitorToken;
  if (!token) throw new Error('no kiosk token');
  const { browser, pid } = await taggedBrowser(o.cameraFile, o.jsFlags);
  const t = await openChildTerminal(browser, {
    configPath,
    dataDir,
    clockOffsetMs: o.clockOffsetMs,
    signaling: { url: o.storeUrl, token, tickMs: 250 },
    viewport: { width: 1280, height: 720 },
    serve: { rendererDir: o.rendererDir, csp: APP_CSP },
    ...(o.onInvoke ? { onInvoke: o.onInvoke } : {}),
    ...(o.jsFlags ? { nodeFlags: o.jsFlags.split(' ') } : {}),
  });
  const base = await daySnapshot();
  const snapshot: DaySnapshotInput = {
    ...base,
    siteId: config.site.id,
    visits: o.visits.map((v, i) => ({
      visitId: v.visitId,
      roomId: 'room1',
      date: DAY,
      startTime: hhmm(KIOSK_START_MINUTES + i),
      minutes: 15,
      inmate: { inmateId: `I-${i}`, name: '张建国' },
      visitors: [VISITORS.zhangWei],
    })),
    staff: base.staff.map((st) => ({ ...st, siteId: config.site.id })),
  };
  const db = new Database(path.join(dataDir, STORE_FILE_NAME));
  db.pragma('busy_timeout = 5000');
  importDaySnapshot(db, snapshot, {
    terminalId: config.terminalId,
    siteId: config.site.id,
    roomId: 'room1',
    now: new Date(Date.now() + o.clockOffsetMs),
  });
  db.close();
  await t.page.goto(`${t.rendererUrl ?? ''}/index.html`);
  await t.page.getByTestId('idle-screen').waitFor({ state: 'visible', timeout: 90_000 });
  return { name: o.name, t, page: t.page, browser, chromiumPid: pid, recordingDir };
}

/** A call to main that must succeed and, if it says, be accepted; its value. */
export async function must(t: ChildTerminal, channel: string, args: unknown): Promise<unknown> {
  const r = await t.invoke(channel, args);
  if (!r.ok) throw new Error(`${channel} 失败 failed: ${JSON.stringify(r.error).slice(0, 300)}`);
  const value = r.value as { accepted?: boolean } | null;
  if (value && value.accepted === false) throw new Error(`${channel} 被拒绝 refused: ${JSON.stringify(value).slice(0, 300)}`);
  return r.value;
}

/** The two administrators log in (R9.1). */
export async function logIn(k: BenchKiosk): Promise<void> {
  await k.page.getByTestId('admin-login').click();
  for (const st of [STAFF.li, STAFF.he]) {
    await k.page.getByTestId('login-username').fill(st.username);
    await k.page.getByTestId('login-password').fill(st.password);
    await k.page.getByTestId('login-submit').click();
    if (st === STAFF.li) await k.page.getByTestId('login-slot-1').filter({ hasText: st.name }).waitFor({ state: 'visible' });
  }
  await k.page.getByTestId('visits-screen').waitFor({ state: 'visible', timeout: 60_000 });
}

/** The visit's check-in through main: the visitor, the notice, deposits, the inmate in place, the equipment. */
export async function prepare(k: BenchKiosk, visitId: string): Promise<void> {
  const v = VISITORS.zhangWei;
  await must(k.t, 'checkin.manual', {
    visitId,
    entry: { document: 'resident-id', name: v.name, idNumber: v.documentNumber, validTo: '长期' },
  });
  await must(k.t, 'checkin.acknowledgeNotice', { visitId, documentNumber: v.documentNumber });
  await must(k.t, 'checkin.declareDeposits', { visitId, documentNumber: v.documentNumber, items: [] });
  if (k.name === 'prison') await must(k.t, 'checkin.inmateInPosition', { visitId });
  await must(k.t, 'device.equipmentCheck', {
    visitId,
    camera: { ok: true, detail: '' },
    microphone: { ok: true, detail: '' },
    speaker: { ok: true, detail: '' },
  });
}

/** On the screen: the visit, its readiness step, and into the call. */
export async function join(k: BenchKiosk, visitId: string): Promise<void> {
  await k.page.getByTestId(`visit-${visitId}`).click();
  await k.page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
  await k.page.getByTestId('step-readiness').click();
  await k.page.getByTestId('call-join').click();
  await k.page.getByTestId('call-screen').waitFor({ state: 'visible' });
}

export async function closeKiosk(k: BenchKiosk): Promise<void> {
  await k.t.close().catch(() => undefined);
  await k.browser.close().catch(() => undefined);
}
