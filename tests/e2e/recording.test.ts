// R13.1: a 20-second visit recorded at the prison terminal. The renderer's
// real composer (both parties side by side, audio mixed, WebCodecs + WebM writer) streams chunks
// over the contract to the real main services (ffmpeg -c copy, sealed segments, signed
// manifest). The archive must show BOTH pictures (red camera left, blue remote right), both
// moving and both parties audible (the camera's microphone a 1000 Hz tone, the remote party
// a 440 Hz one) in every 2-second window, last the recorded time ±1 s, verify, and a changed
// byte must be caught.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { loadTerminalConfig } from '../../src-main/config/load';
import { resolvePlaybackFile, type SignedManifest } from '../../src-main/recording';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { fakeMicrophone } from '../../harness/fake-media';
import { checkRecording } from '../../harness/recording-check';
import { lastVideoSecond, meanColour, probe, redY4m } from '../../harness/fixtures/recording/media';
import { launchChromium } from '../../harness/browser/browser';
import { recordingScript } from '../../harness/browser/page-bundle';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';
import { logTwoAdminsIn } from '../../harness/terminal/log-admins-in';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const PRISON = root('harness/fixtures/terminal-config/prison.json');
const VISIT_ID = 'V-REC-0001';
const RECORD_MS = 20_000;
/** The local party's microphone (Chromium's fake device) and the remote party's tone (recording-entry.ts). */
const LOCAL_HZ = 1000;
const REMOTE_HZ = 440;

let browser: Browser;
let server: StaticServer;
let recordingRoot: string | null = null;
const open: OpenedTerminal[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const microphone = fakeMicrophone(join(ARTIFACTS, `recording-microphone-${LOCAL_HZ}.wav`), LOCAL_HZ);
  browser = await launchChromium([
    `--use-file-for-fake-video-capture=${redY4m()}`,
    `--use-file-for-fake-audio-capture=${microphone}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
  server = await serveRenderer(root('dist/renderer'), APP_CSP, {
    extraFile: (p) => (recordingRoot ? resolvePlaybackFile(recordingRoot, p) : null),
  });
});

afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
  await browser?.close();
  await server?.close();
});

/** Presentation times (s) of the archive's video keyframes. */
const keyframeTimes = (file: string): number[] =>
  (
    spawnSync(
      'ffprobe',
      ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file],
      { encoding: 'utf8' },
    ).stdout ?? ''
  )
    .trim()
    .split('\n')
    .filter((l) => l.includes('K'))
    .map((l) => Number(l.split(',')[0]))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);

const verify = (manifest: string) =>
  spawnSync('npx', ['tsx', root('scripts/verify.ts'), manifest], { encoding: 'utf8', cwd: root('.') });

describe('recording a visit (R13.1)', () => {
  test('R13.1 both parties seen moving and heard (each tone in every 2 s window), duration ±1 s, signed manifest verifies, one changed byte is named', async () => {
    const [t] = await openTerminals(browser, server.url, [{ configPath: PRISON }]);
    if (!t) throw new Error('no terminal');
    open.push(t);
    const config = loadTerminalConfig(PRISON);
    recordingRoot = join(t.dataDir, 'recordings');
    const db = new Database(join(t.dataDir, STORE_FILE_NAME));
    db.prepare(
      `INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at)
       VALUES (?, '2025-05-04', '09:00', 30, '张三', 1, 'in-progress', '{}', '2025-05-04T00:00:00.000Z')`,
    ).run(VISIT_ID);
    db.close();
    const problems: string[] = [];
    t.page.on('pageerror', (e) => problems.push(e.message));
    await t.context.addInitScript({ content: await recordingScript() });
    // R25.1: recording without a live call, and the console's recordings, need the two administrators.
    await logTwoAdminsIn(t.terminal, t.dataDir, config.site.id);
    await t.load('#/console');
    await t.page.getByTestId('console-recordings').waitFor();

    const started = await t.page
      .evaluate(
        async ({ visitId, siteName }) => {
          const local = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
          // The "remote" party: a blue picture with a moving square, and a tone.
          const remote = (
            window as unknown as { __fakeRemoteParty: (fps: number, tone?: boolean) => MediaStream }
          ).__fakeRemoteParty(20, true);
          const w = window as unknown as Record<string, unknown> & {
            __startVisitRecording: (o: unknown) => Promise<{ recordingId: string; scalabilityMode: string | null }>;
          };
          // The recording's time 0 is the call (main's start, seconds under load, must not shorten it).
          w.__t0 = performance.now();
          const rec = await w.__startVisitRecording({
            visitId,
            local,
            remote,
            labels: { siteName, local: '本端', remote: '对端' },
          });
          w.__rec = rec;
          return { recordingId: rec.recordingId, scalabilityMode: rec.scalabilityMode };
        },
        { visitId: VISIT_ID, siteName: config.site.name },
      )
      .then((r) => {
        // Temporal layers are what keeps the encoder's CPU within bench:recording's target; this
        // Chromium offers them, so their silent loss would be a regression.
        expect(r.scalabilityMode).toBe('L1T3');
        return r.recordingId;
      });
    expect(started).toMatch(/^V-REC-0001-/);

    await t.page.waitForTimeout(RECORD_MS);
    const stopped = await t.page.evaluate(async () => {
      const w = window as unknown as {
        __rec: { stop(): Promise<unknown>; stats(): { chunks: number; bytes: number } };
        __t0: number;
      };
      const recordedMs = performance.now() - w.__t0;
      const summary = await w.__rec.stop();
      return { recordedMs, summary, stats: w.__rec.stats() };
    });
    const summary = stopped.summary as { state: string; segments: number; durationMs: number; archiveSha256: string };
    expect(summary.state).toBe('sealed');

    const dir = join(recordingRoot, started);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SignedManifest;
    const archive = join(dir, manifest.archive?.file ?? 'archive.webm');
    const probed = probe(archive);
    const durationErrorS = Math.abs(probed.durationS - stopped.recordedMs / 1000);
    // Layout: 1280x720, 44 px bars; each 640x480 source fits a 640x632 box at y 120..600.
    // Early, middle and late; "late" stays before the last video frame, which a starved
    // machine may deliver a little before the end of the audio.
    const samples = [3, 10, Math.min(17, lastVideoSecond(archive) - 0.5)];
    const left = samples.map((s) => meanColour(archive, s, { w: 400, h: 300, x: 120, y: 250 }));
    const right = samples.map((s) => meanColour(archive, s, { w: 400, h: 300, x: 760, y: 250 }));
    const keyframesS = keyframeTimes(archive);
    const keyframeGapS = keyframesS.slice(1).reduce((gap, k, i) => Math.max(gap, k - (keyframesS[i] ?? k)), 0);
    const segmentsS = manifest.segments.map((x) => (x.endMs - x.startMs) / 1000);
    const sound = checkRecording(archive, {
      windowS: 2,
      parties: [
        { name: '本端 local', hz: LOCAL_HZ },
        { name: '对端 remote', hz: REMOTE_HZ },
      ],
    });
    const figures = {
      recordedMs: Math.round(stopped.recordedMs),
      archiveS: probed.durationS,
      durationErrorS,
      streams: probed.streams,
      segments: summary.segments,
      segmentsS,
      keyframes: keyframesS.length,
      keyframeGapS,
      chunks: stopped.stats,
      left,
      right,
      sound,
    };
    writeFileSync(join(ARTIFACTS, 'recording-figures.json'), JSON.stringify(figures, null, 2));
    console.log('[recording e2e]', JSON.stringify(figures));

    expect(durationErrorS).toBeLessThanOrEqual(1);
    expect(probed.streams).toContain('audio:opus');
    // Both parties heard, both pictures moving, in every 2-second window of the visit.
    expect(sound.problems).toEqual([]);
    expect(sound.windows.length).toBeGreaterThanOrEqual(Math.floor(RECORD_MS / 2000) - 1);
    // VP9 where Chromium's WebCodecs has it (it does here), VP8 otherwise: both are WebM.
    expect(probed.streams.some((x) => x === 'video:vp9' || x === 'video:vp8')).toBe(true);
    // Keyframes at least every 2 s: -c copy can only cut there.
    expect(keyframeGapS).toBeLessThanOrEqual(2);
    expect(summary.segments).toBeGreaterThanOrEqual(2);
    for (const [r, g, b] of left) expect(r).toBeGreaterThan(Math.max(g, b) + 80); // red camera, left
    for (const [r, g, b] of right) expect(b).toBeGreaterThan(Math.max(r, g) + 80); // blue remote, right
    expect(manifest.segments.every((s) => s.endMs - s.startMs <= 10_000)).toBe(true);

    // The recordings screen: sealed, verified through the contract, and it plays.
    await t.page.reload();
    const row = t.page.getByTestId('recording-row').filter({ hasText: VISIT_ID });
    await expect.poll(() => row.getByTestId('recording-state').innerText()).toBe('已封存');
    await row.getByTestId('recording-verify').click();
    await expect.poll(() => row.getByTestId('recording-verification').innerText()).toMatch(/校验通过/);
    await row.getByTestId('recording-play').click();
    const player = t.page.getByTestId('recording-player');
    await player.waitFor();
    await expect
      .poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    await t.page.screenshot({ path: join(ARTIFACTS, 'recordings-console.png') });

    // npm run verify: 0 on the untouched recording, 1 naming the segment after one byte changes.
    const good = verify(join(dir, 'manifest.json'));
    expect(good.status, good.stdout + good.stderr).toBe(0);
    const victim = manifest.segments[1];
    if (!victim) throw new Error('fewer than two segments');
    const bytes = readFileSync(join(dir, victim.file));
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x01;
    writeFileSync(join(dir, victim.file), bytes);
    const bad = verify(join(dir, 'manifest.json'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(victim.file);
    expect(problems).toEqual([]);
  }, 90_000);
});
