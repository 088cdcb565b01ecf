// The whole demo as one function (scripts/demo.ts prints it; tests/e2e/demo.test.ts runs
// it): the real central store seeded through its HTTP API, two kiosk terminals (the real
// renderer in headless Chromium, each with its own fake camera and microphone, over the real
// main services) with simulated ID-card readers, and one visit from enrolment to the end by
// countdown, the recordings sealed, checked for both parties' sound and moving pictures,
// uploaded and verified on both sides.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { addDays, chinaDate, weekday } from '../../src-shared/calendar';
import { APP_CSP } from '../../src-main/electron/csp';
import { launchChromium } from '../../harness/browser/browser';
import { seededTerminalConfig, seedVisitDay, type VisitDaySeed } from '../../harness/store/seed-store';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals } from '../../harness/browser/terminals';
import { demoCardReader, type DemoCardReader } from './card-readers';
import { startDemoStore, VirtualClock, type DemoStore } from './central-store';
import { fakeDeviceArgs, makeFakeMedia } from '../../harness/fake-media';
import {
  centralCopy,
  checkArchive,
  findManifest,
  sealedRecording,
  verify,
  waitForUpload,
  type VerifyOutcome,
} from './recordings';
import {
  callPhase,
  checkInByCard,
  enrol,
  inmateAndEquipment,
  joinCall,
  loginBoth,
  noticeAndDeposits,
  openVisit,
  remoteVideoPlays,
  waitUntil,
  type DemoSide,
} from './terminal-steps';

export interface DemoOptions {
  /** Where everything is kept: the store's database and received files, the terminals' data and recordings, screenshots. */
  outDir: string;
  /** A built renderer (vite build). */
  rendererDir: string;
  /** One line per step (zh-CN, then English). */
  log: (line: string) => void;
  /** Real seconds the call runs before the countdown is fast-forwarded. */
  callSeconds?: number;
}

export interface DemoRecording {
  side: 'prison' | 'bureau';
  recordingId: string;
  terminalManifest: string;
  centralManifest: string;
  terminalCheck: VerifyOutcome;
  centralCheck: VerifyOutcome;
  /** R13.1: what the archive's sound and picture showed (levels in dBFS and changed pixels per 2-second window). */
  media: { windows: number; levels: Record<string, number[]>; motion: { left: number[]; right: number[] } };
}

export interface DemoResult {
  visitId: string;
  storeDir: string;
  terminals: { side: 'prison' | 'bureau'; dataDir: string; recordingDir: string }[];
  recordings: DemoRecording[];
  screenshots: string;
}

/** R14.2 needs 5 minutes at least at the approval; the demo fast-forwards the clock. */
const VISIT_MINUTES = 5;
const SITE_LABEL = { prison: '监狱端 prison terminal', bureau: '司法局端 bureau terminal' } as const;

/** Today in China if a weekday, otherwise the next Monday (the rules book working days). */
export function demoDay(now = new Date()): string {
  const today = chinaDate(now);
  const day = weekday(today);
  return addDays(today, day === 6 ? 2 : day === 0 ? 1 : 0);
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const step = (() => {
    let n = 0;
    return (zh: string, en: string) => o.log(`\n【${++n}】${zh}\n    ${en}`);
  })();
  const note = (line: string) => o.log(`    · ${line}`);
  const shots = join(o.outDir, 'screenshots');
  mkdirSync(shots, { recursive: true });

  const clock = new VirtualClock();
  const browsers: Browser[] = [];
  const readers: DemoCardReader[] = [];
  const sides: DemoSide[] = [];
  let server: StaticServer | null = null;
  let store: DemoStore | null = null;
  try {
    step('启动省级中心库（SQLite 数据库在演示数据目录中）', 'Starting the central store (SQLite in the demo data folder)');
    store = await startDemoStore(join(o.outDir, 'central'), clock);
    note(`中心库 central store: ${store.url}  数据 data: ${store.dataDir}`);

    const visitDate = demoDay();
    step(
      '通过中心库 HTTP 接口建立演示数据：省局、监狱、监区、县司法局、管理员、服刑人员、会见申请（司法局受理→转交→监狱审批→通知家属）、终端注册码',
      'Seeding through the HTTP API: province, prison, ward, county bureau, staff, an inmate, a Form 2 application through the review chain, enrolment codes',
    );
    const seed: VisitDaySeed = await seedVisitDay(store, { visitDate, start: '10:00', minutes: VISIT_MINUTES });
    clock.setChinaTime(visitDate, '09:50');
    note(
      `会见 visit ${seed.visit.id}：服刑人员 ${seed.inmate.name}，${seed.visit.date} ${seed.visit.start} 起 ${seed.visit.minutes} 分钟`,
    );
    note(`会见人 visitors: ${seed.visitors.map((v) => v.name).join('、')}`);
    note(`演示时钟 demo clock: ${visitDate} 09:50（北京时间 CST），距开始还有几分钟 a few minutes before the slot`);

    step(
      '启动两台会见室终端（无界面 Chromium，各自的模拟摄像头、麦克风与身份证读卡器）',
      'Starting two kiosk terminals (headless Chromium, each with its own fake camera, microphone and ID-card reader simulator)',
    );
    server = await serveRenderer(o.rendererDir, APP_CSP);
    for (const name of ['prison', 'bureau'] as const) {
      const dataDir = join(o.outDir, name, 'data');
      const recordingDir = join(o.outDir, name, 'recordings');
      const reader = demoCardReader(name);
      readers.push(reader);
      const configPath = join(o.outDir, `${name}-terminal.json`);
      writeFileSync(
        configPath,
        JSON.stringify(
          seededTerminalConfig(seed, name, store, { dataDir, recordingDir }, { idCardReader: reader.config }),
          null,
          2,
        ),
      );
      // Each party speaks as a tone at its own frequency, so the recordings show whose sound they carry.
      const media = makeFakeMedia(o.outDir, name);
      const browser = await launchChromium([...fakeDeviceArgs(media), '--autoplay-policy=no-user-gesture-required']);
      browsers.push(browser);
      const [t] = await openTerminals(browser, server.url, [
        {
          configPath,
          dataDir,
          now: clock.now,
          viewport: { width: 1280, height: 720 },
          call: { iceServers: [], graceMs: 30_000, tickMs: 250, linkSummaryMs: 10_000 },
        },
      ]);
      if (!t) throw new Error('终端未能打开 terminal did not open');
      const problems: string[] = [];
      t.page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await t.load();
      await t.page.getByTestId('idle-screen').waitFor({ state: 'visible', timeout: 60_000 });
      sides.push({ name, label: SITE_LABEL[name], t, reader, admins: seed.admins[name], problems });
      note(`${SITE_LABEL[name]}：数据 data ${dataDir}`);
    }
    const [prison, bureau] = sides as [DemoSide, DemoSide];
    const visitId = seed.visit.id;

    step(
      '终端用一次性注册码向中心库注册，并同步当日会见安排与管理员口令散列',
      "Each terminal enrols with its one-time code and pulls today's visit and the administrators' password hashes",
    );
    await Promise.all([enrol(prison, seed.enrolment.prison, visitId), enrol(bureau, seed.enrolment.bureau, visitId)]);
    note('两台终端均已注册并同步 both enrolled and synced');

    step('每台终端两名管理员登录（R25.1）', 'Two administrators log in at each terminal (R25.1)');
    for (const side of sides) {
      await loginBoth(side);
      note(`${side.label}：${side.admins.map((a) => a.name).join('、')}`);
      await openVisit(side.t.page, visitId);
    }
    await bureau.t.page.screenshot({ path: join(shots, '01-bureau-checkin.png') });

    const cardPaths = seed.visitors
      .slice(0, 2)
      .map((v) => fileURLToPath(new URL(`../../harness/fixtures/idcards/${v.card}.json`, import.meta.url)));
    step(
      '会见人在司法局端刷身份证签到（R11.1，读卡器模拟器）',
      'Visitors check in by ID card at the bureau (R11.1, reader simulator)',
    );
    const checkedIn = await checkInByCard(bureau, cardPaths);
    note(
      `已签到 checked in: ${checkedIn} 人（${seed.visitors
        .slice(0, 2)
        .map((v) => v.name)
        .join('、')}）`,
    );

    step('会见须知确认（R12.1）与随身物品寄存（R19.1）', 'The notice acknowledged (R12.1) and belongings deposited (R19.1)');
    await noticeAndDeposits(bureau);
    note('张伟寄存手机一部，段明无物品 one phone deposited, nothing for the other');
    await bureau.t.page.screenshot({ path: join(shots, '02-bureau-prepare.png') });

    step(
      '监狱民警确认服刑人员到位（R11.2）；两端设备检测（R12.1）',
      'The prison confirms the inmate in position (R11.2); equipment check at both ends (R12.1)',
    );
    await inmateAndEquipment(prison, visitId);
    await inmateAndEquipment(bureau, visitId);
    const prisonReady = await prison.t.terminal.services.visit.readiness({ visitId });
    const visitorSteps = prisonReady.blockers.filter(
      (b) => ['R11.1', 'R12.1', 'R19.1'].includes(b.requirement ?? '') && !b.code.startsWith('equipment'),
    );
    if (visitorSteps.length > 0) {
      note(
        `监狱端同样要求登记会见人 the prison terminal also asks for the visitors: ${visitorSteps.map((b) => b.message).join('；')}`,
      );
      await checkInByCard(prison, cardPaths);
      await noticeAndDeposits(prison);
    }
    note('两端均可开始 both sides ready');

    step(
      '两端加入会见：经中心库信令建立点对点音视频（R24.1）',
      "Both join: the peer-to-peer call is set up through the store's signaling (R24.1)",
    );
    const joinedAt = Date.now();
    await joinCall(prison, visitId);
    await joinCall(bureau, visitId);
    for (const side of sides)
      await waitUntil(
        `${side.label} 通话进行中 in progress`,
        () => callPhase(side.t.page),
        (p) => p === 'in-progress',
      );
    const [pv, bv] = await Promise.all([remoteVideoPlays(prison.t.page), remoteVideoPlays(bureau.t.page)]);
    note(
      `通话建立用时 call up after ${((Date.now() - joinedAt) / 1000).toFixed(1)} s；监狱端看到 prison sees ${pv.width}×${pv.height}，司法局端看到 bureau sees ${bv.width}×${bv.height}`,
    );
    for (const side of sides) {
      await waitUntil(
        `${side.label} 录像开始 recording started`,
        () => side.t.terminal.services.recording.list(undefined),
        (rows) => rows.some((r) => r.visitId === visitId && r.state === 'recording'),
        30_000,
      );
    }
    note(
      "两端录像已开始（双方画面并排、双方声音混录，封存后检查）both terminals are recording (both pictures side by side, both parties' sound mixed; checked once sealed)",
    );
    await prison.t.page.screenshot({ path: join(shots, '03-prison-call.png') });
    await bureau.t.page.screenshot({ path: join(shots, '04-bureau-call.png') });

    const callSeconds = o.callSeconds ?? 15;
    step(
      `会见进行 ${callSeconds} 秒后，演示时钟快进到最后一分钟（R14.2 提醒）`,
      `After ${callSeconds} s of call the demo clock jumps to the last minute (R14.2 warning)`,
    );
    await new Promise((r) => setTimeout(r, callSeconds * 1000));
    const remaining = async () => (await prison.t.terminal.services.call.current(undefined))?.remainingMs ?? 0;
    clock.forward(Math.max(0, (await remaining()) - 50_000));
    for (const side of sides) {
      await waitUntil(
        `${side.label} 一分钟提醒 one-minute warning`,
        () => side.t.page.getByTestId('call-banner').getAttribute('data-kind'),
        (k) => k === 'time-1',
        30_000,
      );
    }
    note('两端均显示"剩余 1 分钟"提醒 both show the one-minute warning');
    await bureau.t.page.screenshot({ path: join(shots, '05-bureau-one-minute.png') });

    step('倒计时归零，会见自动结束', 'The countdown reaches zero and the visit ends by itself');
    await new Promise((r) => setTimeout(r, 3_000));
    clock.forward((await remaining()) + 1_000);
    for (const side of sides) {
      await waitUntil(
        `${side.label} 会见结束 ended`,
        () => side.t.page.getByTestId('call-ended').getAttribute('data-outcome'),
        (x) => x === 'completed',
        30_000,
      );
    }
    note('两端均已结束（completed）both ended (completed)');
    await prison.t.page.screenshot({ path: join(shots, '06-prison-ended.png') });

    step(
      '录像封存（签名清单）并上传中心库（tus，断点续传，中心库核对 SHA-256）',
      'Recordings sealed (signed manifest) and uploaded to the store (tus, resumable, SHA-256 confirmed there)',
    );
    const recordings: DemoRecording[] = [];
    for (const side of sides) {
      const sealed = await sealedRecording(side.t.terminal, visitId);
      const recordingDir = join(o.outDir, side.name, 'recordings');
      const terminalManifest = findManifest(recordingDir, sealed.recordingId);
      note(
        `${side.label}：录像 ${sealed.recordingId} 已封存 sealed（${sealed.durationMs !== null ? `${(sealed.durationMs / 1000).toFixed(1)} s` : '-'}）`,
      );
      const received = await waitForUpload(store, side.t.terminal, seed.terminalIds[side.name], visitId);
      note(`${side.label}：中心库已确认 ${received.length} 个文件 the store confirmed ${received.length} files`);
      const centralManifest = centralCopy(store, received, join(o.outDir, 'central-copy', side.name, sealed.recordingId));
      // R13.1: "with sound" only once the archive shows it.
      const media = checkArchive(terminalManifest);
      if (!media.ok)
        throw new Error(
          `${side.label} 录像的声音或画面不完整 the recording's sound or picture is incomplete: ${media.problems.join('；')}`,
        );
      note(
        `${side.label}：录像中双方声音在每 2 秒均可听见、两半画面均在动 both parties audible and both halves moving in every 2-second window (${media.windows.length} windows)`,
      );
      recordings.push({
        side: side.name,
        recordingId: sealed.recordingId,
        terminalManifest,
        centralManifest,
        terminalCheck: await verify(terminalManifest),
        centralCheck: await verify(centralManifest),
        media: {
          windows: media.windows.length,
          levels: media.levels,
          motion: { left: media.motion.left, right: media.motion.right },
        },
      });
    }
    for (const side of sides) {
      if (side.problems.length > 0) throw new Error(`${side.label} 页面错误 page errors: ${side.problems.join('；')}`);
    }
    const bad = recordings.filter((r) => !r.terminalCheck.ok);
    if (bad.length > 0)
      throw new Error(
        `终端录像校验失败 terminal recording failed verification: ${bad.map((r) => `${r.side}: ${r.terminalCheck.message}`).join('；')}`,
      );
    return {
      visitId,
      storeDir: store.dataDir,
      terminals: sides.map((s) => ({
        side: s.name,
        dataDir: join(o.outDir, s.name, 'data'),
        recordingDir: join(o.outDir, s.name, 'recordings'),
      })),
      recordings,
      screenshots: shots,
    };
  } finally {
    for (const side of sides) await side.t.close().catch(() => undefined);
    for (const b of browsers) await b.close().catch(() => undefined);
    for (const r of readers) r.unregister();
    await server?.close().catch(() => undefined);
    await store?.stop().catch(() => undefined);
  }
}
