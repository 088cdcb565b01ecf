// Two Chromium kiosks in a visit call over a government-like network (issue #23): the real
// central store (signaling) minting each visit's coturn credential, Debian's coturn as the
// relay, relay-only ICE (both terminals "behind NAT": no direct path is ever tried), and the
// userspace impairment proxy between the terminals and coturn. Each kiosk is the real
// renderer over the real main services (harness/browser/terminals), with its own fake camera
// (640×360, 15 fps) and microphone, and a getStats probe in its page. Shared by the e2e test
// (a short profile in CI) and `npm run bench:network`.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { APP_CSP } from '../../src-main/electron/csp';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { importDaySnapshot } from '../../src-main/visit-day';
import type { DaySnapshotInput } from '../../src-main/visit-day/snapshot-schema';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import { launchChromium } from '../browser/browser';
import { serveRenderer, type StaticServer } from '../browser/static-server';
import { openTerminals, type OpenedTerminal } from '../browser/terminals';
import { fakeDeviceArgs, makeFakeMedia } from '../fake-media';
import { at, DAY, daySnapshot, STAFF, VISITORS } from '../fixtures/visit-day/day-snapshot';
import { startStore, type TestStore } from '../store/store';
import { enrolTerminal, insertVisit } from '../store/sync-helpers';
import { buildWorld } from '../store/world';
import { startCoturn, type Coturn } from './coturn';
import { startImpairProxyProcess, type ImpairProxyProcess } from './impair-proxy-process';
import { linkSettings, type NetworkProfile } from './profiles';
import { STATS_PROBE, takeSamples, type ProbeSample } from './stats-probe';

export type KioskName = 'prison' | 'bureau';

export interface Kiosk {
  name: KioskName;
  t: OpenedTerminal;
  page: Page;
  /** Page errors, for a test to assert there were none. */
  problems: string[];
  /** Main's latest call state. */
  state: CallState | null;
  /** Where this terminal seals its recordings. */
  recordingDir: string;
  /** Its microphone's tone (harness/fake-media). */
  hz: number;
}

export interface NetworkCall {
  coturn: Coturn;
  proxy: ImpairProxyProcess;
  store: TestStore;
  visitIds: string[];
  kiosks: Record<KioskName, Kiosk>;
  /** The link profile on both terminals' paths to the relay; `down` cuts them (an outage). */
  setProfile(profile: NetworkProfile, down?: boolean): Promise<void>;
  /** Both sides: visit-day steps, join from the readiness screen, until main says in-progress. */
  connect(visitId: string, timeoutMs?: number): Promise<void>;
  /** The prison ends the call (R17.1 "other"); resolves with each side's sealed recording id. */
  end(visitId: string): Promise<Record<KioskName, string>>;
  /** Each side's getStats samples since the last call. */
  samples(): Promise<Record<KioskName, ProbeSample[]>>;
  close(): Promise<void>;
}

export interface NetworkCallOptions {
  /** The built renderer (npm run build:renderer). */
  rendererDir: string;
  /** How many visits (one after another on the fixture day, 30 minutes each). */
  visits?: number;
  /** R18.1's grace time the terminals give a lost link. */
  graceMs?: number;
  /** Loss and jitter repeatable run to run. */
  seed?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export async function startNetworkCall(options: NetworkCallOptions): Promise<NetworkCall> {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  const close = async () => {
    for (const c of cleanup.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const coturn = await startCoturn();
    cleanup.push(() => coturn.stop());
    const proxy = await startImpairProxyProcess({
      target: { host: coturn.host, port: coturn.port },
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    cleanup.push(() => proxy.close());
    // The kiosks' clock: 09:50 on the fixture day, running (check-in is open for the 10:00 visit).
    const offset = at('09:50').getTime() - Date.now();
    const now = () => new Date(Date.now() + offset);
    // The terminals are told the proxy's address; coturn checks the credential the store minted.
    const store = await startStore(
      'sqlite',
      {},
      {
        now,
        signaling: {
          heartbeatMs: 5_000,
          ice: { iceServers: [], iceTransportPolicy: 'relay' },
          turn: coturn.turnSecret([`turn:${proxy.host}:${proxy.port}?transport=udp`]),
        },
      },
    );
    cleanup.push(() => store.stop());
    const world = await buildWorld(store);
    const tokens = {
      prison: (await enrolTerminal(store, world.tokens.prisonAAdmin, world.prisonA.roomId)).token,
      bureau: (await enrolTerminal(store, world.tokens.bureauAAdmin, world.bureauA.roomId)).token,
    };
    const visitIds: string[] = [];
    const starts: string[] = [];
    for (let i = 0; i < (options.visits ?? 1); i += 1) {
      const startTime = hhmm(10 * 60 + i * 30);
      starts.push(startTime);
      visitIds.push(
        await insertVisit(store.app.ctx.db, {
          roomId: world.prisonA.roomId,
          remoteRoomId: world.bureauA.roomId,
          date: DAY,
          startTime,
          minutes: 30,
        }),
      );
    }

    const dir = mkdtempSync(join(tmpdir(), 'kiosk-network-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const server: StaticServer = await serveRenderer(options.rendererDir, APP_CSP);
    cleanup.push(() => server.close());
    const base = await daySnapshot();
    const kiosks = {} as Record<KioskName, Kiosk>;
    for (const name of ['prison', 'bureau'] as const) {
      const fixture = fileURLToPath(new URL(`../fixtures/terminal-config/${name}.json`, import.meta.url));
      const config = JSON.parse(readFileSync(fixture, 'utf8')) as { terminalId: string; site: { id: string } };
      const configPath = join(dir, `${name}.json`);
      writeFileSync(
        configPath,
        JSON.stringify({ ...config, centralStoreUrl: store.url, recordingDir: join(dir, `${name}-recordings`) }),
      );
      const media = makeFakeMedia(dir, name);
      const browser: Browser = await launchChromium([...fakeDeviceArgs(media), '--autoplay-policy=no-user-gesture-required']);
      cleanup.push(() => browser.close());
      const token = tokens[name];
      // No ICE servers of the terminal's own: only what the store hands out (coturn, relay only).
      const [t] = await openTerminals(browser, server.url, [
        {
          configPath,
          now,
          viewport: { width: 1280, height: 720 },
          call: {
            signaling: () => ({ url: store.url, token }),
            iceServers: [],
            ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
            tickMs: 250,
            linkSummaryMs: 10_000,
          },
        },
      ]);
      if (!t) throw new Error('no terminal opened');
      cleanup.push(() => t.close());
      const snapshot: DaySnapshotInput = {
        ...base,
        siteId: config.site.id,
        visits: visitIds.map((visitId, i) => ({
          visitId,
          roomId: 'room1',
          date: DAY,
          startTime: starts[i] as string,
          minutes: 30,
          inmate: { inmateId: 'I-1', name: '张建国' },
          visitors: [VISITORS.zhangWei],
        })),
        staff: base.staff.map((s) => ({ ...s, siteId: config.site.id })),
      };
      const db = new Database(join(t.dataDir, STORE_FILE_NAME));
      importDaySnapshot(db, snapshot, { terminalId: config.terminalId, siteId: config.site.id, roomId: 'room1', now: now() });
      db.close();
      const kiosk: Kiosk = {
        name,
        t,
        page: t.page,
        problems: [],
        state: null,
        recordingDir: join(dir, `${name}-recordings`),
        hz: media.hz,
      };
      t.terminal.onEvent((event, payload) => {
        if (event === 'call.state') kiosk.state = payload as CallState;
      });
      t.page.on('pageerror', (e) => kiosk.problems.push(`pageerror: ${e.message}`));
      await t.context.addInitScript({ content: STATS_PROBE });
      await t.load();
      await logBothIn(t.page);
      kiosks[name] = kiosk;
    }

    return {
      coturn,
      proxy,
      store,
      visitIds,
      kiosks,
      setProfile: (profile, down = false) => proxy.set(linkSettings(profile, down)),
      async connect(visitId, timeoutMs = 60_000) {
        for (const k of [kiosks.prison, kiosks.bureau]) await prepare(k, visitId);
        for (const k of [kiosks.prison, kiosks.bureau]) await joinCall(k.page, visitId);
        const deadline = Date.now() + timeoutMs;
        while (!(kiosks.prison.state?.phase === 'in-progress' && kiosks.bureau.state?.phase === 'in-progress')) {
          if (Date.now() > deadline)
            throw new Error(
              `通话未接通 call not in progress: prison ${kiosks.prison.state?.phase} bureau ${kiosks.bureau.state?.phase}`,
            );
          await sleep(200);
        }
      },
      async end(visitId) {
        const ended = await kiosks.prison.t.terminal.services.call.terminate({ visitId, code: 'other', text: '网络测试结束' });
        if (!ended.accepted) throw new Error(`结束通话被拒绝 terminate refused: ${JSON.stringify(ended).slice(0, 300)}`);
        const ids = {} as Record<KioskName, string>;
        for (const k of [kiosks.prison, kiosks.bureau]) {
          const deadline = Date.now() + 60_000;
          for (;;) {
            const mine = (await k.t.terminal.services.recording.list(undefined)).filter((r) => r.visitId === visitId);
            const sealed = mine.find((r) => r.state === 'sealed');
            if (sealed && mine.every((r) => r.state !== 'recording')) {
              ids[k.name] = sealed.recordingId;
              break;
            }
            if (Date.now() > deadline) throw new Error(`${k.name} 录像未封存 recording not sealed: ${JSON.stringify(mine)}`);
            await sleep(250);
          }
        }
        return ids;
      },
      async samples() {
        const [prison, bureau] = await Promise.all([takeSamples(kiosks.prison.page), takeSamples(kiosks.bureau.page)]);
        return { prison, bureau };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** R25.1: both administrators log in from the idle screen. */
async function logBothIn(page: Page): Promise<void> {
  await page.getByTestId('idle-screen').waitFor({ state: 'visible', timeout: 60_000 });
  await page.getByTestId('admin-login').click();
  for (const s of [STAFF.li, STAFF.he]) {
    await page.getByTestId('login-username').fill(s.username);
    await page.getByTestId('login-password').fill(s.password);
    await page.getByTestId('login-submit').click();
    if (s === STAFF.li) await page.getByTestId('login-slot-1').filter({ hasText: s.name }).waitFor({ state: 'visible' });
  }
  await page.getByTestId('visits-screen').waitFor({ state: 'visible' });
}

/** The visit-day steps through main's services (the visit-day e2e covers their screens). */
async function prepare(k: Kiosk, visitId: string): Promise<void> {
  const s = k.t.terminal.services;
  const v = VISITORS.zhangWei;
  const ok = { ok: true, detail: '' };
  const steps =
    k.name === 'prison'
      ? [await s.checkin.inmateInPosition({ visitId })]
      : [
          await s.checkin.manual({
            visitId,
            entry: { document: 'resident-id', name: v.name, idNumber: v.documentNumber, validTo: '长期' },
          }),
          await s.checkin.acknowledgeNotice({ visitId, documentNumber: v.documentNumber }),
          await s.checkin.declareDeposits({ visitId, documentNumber: v.documentNumber, items: [] }),
        ];
  steps.push(await s.device.equipmentCheck({ visitId, camera: ok, microphone: ok, speaker: ok }));
  const refused = steps.find((o) => !o.accepted);
  if (refused) throw new Error(`${k.name} 会见准备被拒绝 preparation refused: ${JSON.stringify(refused).slice(0, 300)}`);
}

/** From the visits list to the call screen. */
async function joinCall(page: Page, visitId: string): Promise<void> {
  await page.getByTestId(`visit-${visitId}`).click();
  await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
  await page.getByTestId('step-readiness').click();
  await page.getByTestId('call-join').click();
  await page.getByTestId('call-screen').waitFor({ state: 'visible' });
}
