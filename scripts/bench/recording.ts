// npm run bench:recording, for 720p at 30 fps, all in one run:
//  1. recorder: the recorder's ffmpeg (-c copy from the spool into sealed segments) fed a
//     pre-encoded VP8 + Opus WebM at real-time pace, as MediaRecorder would: CPU seconds
//     and peak RSS per minute recorded;
//  2. baseline: Jibri-style, ffmpeg grabbing an Xvfb screen (Chromium playing the same
//     video on it) with x11grab and encoding libx264 veryfast at the same size and rate;
//  3. whole overhead: a real terminal (main's services and the recorder in their own Node
//     process, harness/browser/terminal-process.ts, as in the shell; Chromium showing both
//     parties as the call screen does) measured while NOT recording, then while recording
//     with the renderer's real composer + WebCodecs encoders + WebM writer → chunks → main
//     → ffmpeg; CPU of all terminal processes (Chromium's, main, ffmpeg) recording minus not
//     recording. This process (Playwright's client, which carries the chunks from the page's
//     binding to main over IPC) is no part of the figure. The remote party's frames
//     are I420 VideoFrames, as a WebRTC remote's are (decoded YUV); before, the bench fed a
//     canvas stream (RGB), which no call delivers. BENCH_RECORDING_REMOTE=canvas brings the
//     canvas remote back, to measure the composer's RGB path. Either way the remote party
//     is on screen in both phases, so its own cost cancels out of the difference;
//  4. soak: the recording phase lasts BENCH_RECORDING_SOAK_MINUTES (default 2 for CI; 60
//     for the real soak); main's process reports its own RSS, JS heap and external memory
//     (process.memoryUsage) every 5 s over IPC, printed each minute; ffmpeg's RSS from /proc;
//     start, middle and end, with the least-squares slope (MiB per minute) after a warm-up.
// BENCH_RECORDING_SECONDS scales 1–3 (default 60). Installs nothing: without Xvfb the
// baseline is reported as not run. Last line: one JSON object.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startRecording } from '../../src-main/recording';
import { openStore } from '../../src-main/store';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { redY4m } from '../../harness/fixtures/recording/media';
import { launchChromium } from '../../harness/browser/browser';
import { recordingScript } from '../../harness/browser/page-bundle';
import { openChildTerminal } from '../../harness/browser/child-terminal';
import { INSTALLED_JS_FLAGS } from './kiosks';
import type { HeapSpaces } from '../../harness/browser/terminal-process';
import { threadCpu as threadCpuOf } from '../../harness/browser/proc-tree';
import { seedTestAdmins, TEST_ADMINS } from '../../harness/terminal/log-admins-in';

const SECONDS = Number(process.env.BENCH_RECORDING_SECONDS ?? 60);
const SOAK_SECONDS = Math.round(Number(process.env.BENCH_RECORDING_SOAK_MINUTES ?? 2) * 60);
const SOAK_SAMPLE_MS = 5_000;
const REMOTE_SOURCE = process.env.BENCH_RECORDING_REMOTE === 'canvas' ? 'canvas' : 'decoded';
/** The recorder's codec (default VP9, the renderer's default); BENCH_RECORDING_CODEC=vp8 to compare. */
const CODEC = process.env.BENCH_RECORDING_CODEC === 'vp8' ? 'vp8' : 'vp9';
const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 30;
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const which = (cmd: string): string | null => {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};

/** utime+stime (s) and peak RSS (VmHWM, KiB) of a live process, from /proc. */
function sample(pid: number): { cpuS: number; peakKiB: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuS = (Number(fields[11]) + Number(fields[12])) / TICK;
    const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuS, peakKiB: Number(hwm?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** Keeps the last sample of every pid it is shown (ffmpeg may be restarted). */
class Meter {
  private readonly last = new Map<number, { cpuS: number; peakKiB: number }>();
  see(pid: number | undefined): void {
    if (pid === undefined) return;
    const s = sample(pid);
    if (!s) return;
    // A zombie's last read has no VmHWM: keep the highest values seen.
    const prev = this.last.get(pid);
    this.last.set(pid, { cpuS: Math.max(prev?.cpuS ?? 0, s.cpuS), peakKiB: Math.max(prev?.peakKiB ?? 0, s.peakKiB) });
  }
  get cpuS(): number {
    return [...this.last.values()].reduce((a, s) => a + s.cpuS, 0);
  }
  get peakMiB(): number {
    return Math.max(0, ...[...this.last.values()].map((s) => s.peakKiB)) / 1024;
  }
}

function inputWebm(seconds: number): string {
  const path = join(tmpdir(), `yn-bench-720p30-v1-${seconds}s.webm`);
  if (existsSync(path)) return path;
  const partial = `${path}.${process.pid}.partial`;
  console.log(`生成 ${seconds} s 的 720p30 VP8+Opus 输入（只做一次）…`);
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${WIDTH}x${HEIGHT}:rate=${FPS}`,
    '-f',
    'lavfi',
    '-i',
    'sine=f=440',
    '-c:v',
    'libvpx',
    '-b:v',
    '1500k',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    String(FPS),
    '-c:a',
    'libopus',
    '-t',
    String(seconds),
    '-f',
    'webm',
    '-y',
    partial,
  ]);
  renameSync(partial, path);
  return path;
}

async function benchRecorder(input: string): Promise<{ cpuS: number; peakMiB: number; segments: number; wallS: number }> {
  const root = mkdtempSync(join(tmpdir(), 'yn-bench-rec-'));
  try {
    const store = openStore({ path: join(root, 'terminal.db') });
    store.db
      .prepare(
        `INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at)
       VALUES ('V-BENCH', '2025-05-04', '09:00', 30, '张三', 1, 'in-progress', '{}', '2025-05-04T00:00:00.000Z')`,
      )
      .run();
    const recording = await startRecording({
      visitId: 'V-BENCH',
      terminalId: 'bench',
      dir: join(root, 'recordings'),
      db: store.db,
      keyPath: join(root, 'key.pem'),
    });
    const meter = new Meter();
    const bytes = readFileSync(input);
    const perSecond = Math.ceil(bytes.length / SECONDS);
    const t0 = performance.now();
    // One chunk per second (MediaRecorder's timeslice), paced to the wall clock.
    for (let i = 0, at = 0; at < bytes.length; i++, at += perSecond) {
      const wait = t0 + i * 1000 - performance.now();
      if (wait > 0) await delay(wait);
      recording.write(bytes.subarray(at, at + perSecond));
      meter.see(recording.ffmpegPid());
    }
    const poll = setInterval(() => meter.see(recording.ffmpegPid()), 100);
    const sealed = await recording.stop();
    clearInterval(poll);
    const wallS = (performance.now() - t0) / 1000;
    store.close();
    return { cpuS: meter.cpuS, peakMiB: meter.peakMiB, segments: sealed.manifest.segments.length, wallS };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

type BaselineResult =
  | { ran: true; cpuS: number; peakMiB: number; xvfbCpuS: number; chromiumCpuS: number; screenMoving: boolean }
  | { ran: false; reason: string };

async function benchBaseline(input: string): Promise<BaselineResult> {
  const xvfb = which('Xvfb');
  if (!xvfb) return { ran: false, reason: 'Xvfb 未安装（Debian：apt-get install -y xvfb），基线未运行' };
  const display = `:${90 + (process.pid % 9)}`;
  const children: ChildProcess[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'yn-bench-screen-'));
  try {
    children.push(spawn(xvfb, [display, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' }));
    await delay(1000);
    // What Jibri grabs is a browser showing the call: here Chromium playing the same video.
    const chromium = process.env.CHROMIUM_PATH ?? which('chromium');
    if (chromium) {
      // A page looping the video muted (muted autoplay is always allowed), full screen.
      const page = join(scratch, 'call.html');
      writeFileSync(
        page,
        `<!doctype html><body style="margin:0;background:#000;overflow:hidden"><video src="file://${input}" autoplay muted loop style="width:100vw;height:100vh"></video></body>`,
      );
      children.push(
        spawn(
          chromium,
          [
            '--no-sandbox',
            '--kiosk',
            '--autoplay-policy=no-user-gesture-required',
            '--disable-gpu',
            '--allow-file-access-from-files',
            '--user-data-dir=' + join(scratch, 'profile'),
            `file://${page}`,
          ],
          {
            stdio: 'ignore',
            env: { ...process.env, DISPLAY: display },
          },
        ),
      );
      await delay(5000);
    }
    // The baseline must encode a moving picture, as a call is: two grabs a second apart differ.
    const grabMd5 = () => {
      try {
        return execFileSync(
          'ffmpeg',
          [
            '-hide_banner',
            '-loglevel',
            'error',
            '-f',
            'x11grab',
            '-video_size',
            `${WIDTH}x${HEIGHT}`,
            '-i',
            display,
            '-frames:v',
            '1',
            '-f',
            'md5',
            '-',
          ],
          { encoding: 'utf8' },
        ).trim();
      } catch {
        return null;
      }
    };
    const firstGrab = grabMd5();
    await delay(1000);
    const screenMoving = firstGrab !== null && firstGrab !== grabMd5();
    const grab = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'x11grab',
        '-video_size',
        `${WIDTH}x${HEIGHT}`,
        '-framerate',
        String(FPS),
        '-i',
        display,
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-pix_fmt',
        'yuv420p',
        '-t',
        String(SECONDS),
        '-f',
        'matroska',
        '-y',
        '/dev/null',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const meter = new Meter();
    const exited = new Promise<number | null>((resolve) => grab.on('exit', (code) => resolve(code)));
    const poll = setInterval(() => meter.see(grab.pid), 100);
    // The screen side of the baseline (Xvfb, and the Chromium painting it), for the record.
    const [xvfbPid, chromiumPid] = children.map((c) => c.pid);
    const screen0 = { xvfb: treeCpu(xvfbPid), chromium: treeCpu(chromiumPid) };
    const code = await exited;
    const screen1 = { xvfb: treeCpu(xvfbPid), chromium: treeCpu(chromiumPid) };
    clearInterval(poll);
    if (code !== 0) return { ran: false, reason: `x11grab 的 ffmpeg 退出码 ${String(code)}` };
    return {
      ran: true,
      cpuS: meter.cpuS,
      peakMiB: meter.peakMiB,
      xvfbCpuS: screen1.xvfb - screen0.xvfb,
      chromiumCpuS: screen1.chromium - screen0.chromium,
      screenMoving,
    };
  } finally {
    for (const child of children.reverse()) child.kill('SIGTERM');
    await delay(500);
    // Chromium may still be writing its profile after SIGTERM: retry instead of failing the bench.
    rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

// ---- 3 and 4: the whole terminal, not recording vs recording, and the soak ----

/** pid → [ppid, comm, cpu seconds] of every live process, from /proc. */
function processTable(): Map<number, { ppid: number; comm: string; cpuS: number }> {
  const table = new Map<number, { ppid: number; comm: string; cpuS: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), comm, cpuS: (Number(fields[11]) + Number(fields[12])) / TICK });
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

/** CPU seconds of a process and its live descendants. */
function treeCpu(root: number | undefined): number {
  if (root === undefined) return 0;
  const table = processTable();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of table) {
      if (tree.has(pid) || !tree.has(p.ppid)) continue;
      tree.add(pid);
      grew = true;
    }
  }
  return [...tree].reduce((sum, pid) => sum + (table.get(pid)?.cpuS ?? 0), 0);
}

type Role = 'main' | 'ffmpeg' | 'chromium';

/** The terminal's main process (its services and recorder, in a child: terminal-process.ts). */
let mainPid: number | undefined;

/**
 * This process's descendants: Chromium's processes, the terminal's main process and the
 * recorder's ffmpeg below it. This process itself (the bench and Playwright's client) is no
 * part of a terminal and is left out.
 */
function terminalProcesses(): Map<number, { role: Role; cpuS: number }> {
  const table = processTable();
  const mine = new Map<number, { role: Role; cpuS: number }>();
  const seen = new Set([process.pid]);
  const underMain = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of table) {
      if (seen.has(pid) || !seen.has(p.ppid)) continue;
      seen.add(pid);
      if (pid === mainPid || underMain.has(p.ppid)) underMain.add(pid);
      const role: Role = p.comm === 'ffmpeg' ? 'ffmpeg' : underMain.has(pid) ? 'main' : 'chromium';
      mine.set(pid, { role, cpuS: p.cpuS });
      grew = true;
    }
  }
  return mine;
}

/** CPU seconds per role between two snapshots (a process born in between counts from 0). */
function cpuBetween(
  a: Map<number, { role: Role; cpuS: number }>,
  b: Map<number, { role: Role; cpuS: number }>,
): Record<Role, number> {
  const out: Record<Role, number> = { main: 0, ffmpeg: 0, chromium: 0 };
  for (const [pid, p] of b) out[p.role] += Math.max(0, p.cpuS - (a.get(pid)?.cpuS ?? 0));
  return out;
}

/** CPU seconds per "process type / thread name" of the terminal's processes (proc-tree.ts). */
const threadCpu = (pids: Iterable<number>): Map<string, number> => threadCpuOf(pids, mainPid);

/** The largest per-thread differences (CPU s per minute), recording minus not recording. */
function topThreads(
  idle: { a: Map<string, number>; b: Map<string, number>; s: number },
  rec: { a: Map<string, number>; b: Map<string, number>; s: number },
  n = 12,
): Record<string, number> {
  const rate = (x: { a: Map<string, number>; b: Map<string, number>; s: number }, k: string) =>
    (((x.b.get(k) ?? 0) - (x.a.get(k) ?? 0)) * 60) / x.s;
  const keys = new Set([...idle.b.keys(), ...rec.b.keys()]);
  const rows = [...keys].map((k) => [k, round(rate(rec, k) - rate(idle, k), 2)] as const).filter(([, v]) => Math.abs(v) >= 0.05);
  return Object.fromEntries(rows.sort((x, y) => y[1] - x[1]).slice(0, n));
}

/** Self time (ms) per function of a V8 CPU profile, the largest first. */
function topSelfTime(
  profile: {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
    samples?: number[];
    timeDeltas?: number[];
  },
  n = 15,
): Record<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const key = frame ? `${frame.functionName || '(anonymous)'}@${frame.url.split('/').pop() ?? ''}:${frame.lineNumber}` : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return Object.fromEntries(
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, Math.round(v)]),
  );
}

const rssMiB = (pid: number): number | null => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
};

/** RSS of the terminal's Chromium renderer processes (the page that composes and encodes). */
function rendererRssMiB(): number {
  let mib = 0;
  for (const pid of terminalProcesses().keys()) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) mib += rssMiB(pid) ?? 0;
    } catch {
      // exited meanwhile
    }
  }
  return mib;
}

/** Least-squares slope, MiB per minute, of samples after the first 20 % (warm-up: caches, JIT, ffmpeg's probe). */
function slopePerMinute(samples: Array<{ tS: number; mib: number }>): number | null {
  const s = samples.slice(Math.floor(samples.length * 0.2));
  if (s.length < 3) return null;
  const mt = s.reduce((a, x) => a + x.tS, 0) / s.length;
  const mm = s.reduce((a, x) => a + x.mib, 0) / s.length;
  const num = s.reduce((a, x) => a + (x.tS - mt) * (x.mib - mm), 0);
  const den = s.reduce((a, x) => a + (x.tS - mt) ** 2, 0);
  return den > 0 ? Math.round((num / den) * 60 * 1000) / 1000 : null;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const pick = <T>(xs: T[]): { start: T | null; middle: T | null; end: T | null } => ({
  start: xs[0] ?? null,
  middle: xs[Math.floor(xs.length / 2)] ?? null,
  end: xs.at(-1) ?? null,
});

interface TerminalBench {
  idle: Record<Role, number> & { seconds: number };
  recording: Record<Role, number> & { seconds: number };
  overheadCpuSecondsPerMinute: number;
  overheadByRole: Record<Role, number>;
  /** Largest per-thread differences, CPU s per minute ("process type/thread name"). */
  threads: Record<string, number>;
  archive: {
    segments: number;
    durationMs: number | null;
    recordedMs: number;
    state: string;
    codec: string;
    remote: string;
    maxSegmentS: number;
    maxKeyframeGapS: number;
    videoFrames: number;
    videoFps: number;
  };
  soak: {
    minutes: number;
    main: {
      samples: { start: unknown; middle: unknown; end: unknown };
      slopeMiBPerMinute: number | null;
      heap: {
        samples: { start: unknown; middle: unknown; end: unknown };
        slopeMiBPerMinute: number | null;
        committedSlopeMiBPerMinute: number | null;
      };
      externalSlopeMiBPerMinute: number | null;
    };
    ffmpeg: { samples: { start: unknown; middle: unknown; end: unknown }; slopeMiBPerMinute: number | null };
  };
}

async function benchTerminal(): Promise<TerminalBench> {
  const root = mkdtempSync(join(tmpdir(), 'yn-bench-term-'));
  // The local store first (migrated by openStore), then main's services in their own process.
  const db = openStore({ path: join(root, STORE_FILE_NAME) }).db;
  db.prepare(
    `INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at)
     VALUES ('V-BENCH-T', '2025-05-04', '09:00', 120, '张三', 1, 'in-progress', '{}', '2025-05-04T00:00:00.000Z')`,
  ).run();
  db.close();
  // R25.1: a recording without a live call needs the two administrators logged in.
  await seedTestAdmins(root, 'ynjy01');
  // A blank same-origin page on 127.0.0.1 (a secure context for getUserMedia).
  const http = createServer((_req, res) =>
    res.end('<!doctype html><meta charset="utf-8"><title>bench</title><body style="margin:0;background:#000"></body>'),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  let closeTerminal: () => Promise<void> = async () => undefined;
  const browser = await launchChromium([
    `--use-file-for-fake-video-capture=${redY4m()}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
  try {
    // Main's services and the recorder in a child process (no Playwright client inside): the
    // soak reads that process's own memory, reported over IPC every SOAK_SAMPLE_MS.
    const terminal = await openChildTerminal(browser, {
      configPath: fileURLToPath(new URL('../../harness/fixtures/terminal-config/prison.json', import.meta.url)),
      dataDir: root,
      memoryEveryMs: SOAK_SAMPLE_MS,
      // V8 flags for main's process: the installed terminal's (its launchers' --js-flags, docs/deploy.md) unless
      // BENCH_RECORDING_NODE_FLAGS says otherwise ('' for V8's defaults, to compare).
      nodeFlags: (process.env.BENCH_RECORDING_NODE_FLAGS ?? INSTALLED_JS_FLAGS).split(' ').filter(Boolean),
      viewport: { width: WIDTH, height: HEIGHT },
      initScripts: [await recordingScript()],
    });
    closeTerminal = () => terminal.close();
    mainPid = terminal.pid;
    for (const a of TEST_ADMINS) {
      const r = await terminal.invoke('auth.login', { username: a.username, password: a.password });
      if (!r.ok || (r.value as { accepted?: boolean }).accepted === false)
        throw new Error(`login of ${a.username} refused: ${JSON.stringify(r).slice(0, 200)}`);
    }
    let mainMemory: { atMs: number; memory: NodeJS.MemoryUsage; spaces: HeapSpaces } | null = null;
    terminal.onMemory((memory, atMs, spaces) => (mainMemory = { memory, atMs, spaces }));
    const { context, page } = terminal;
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    // The call as the visit screen shows it: both parties on screen, not yet recorded.
    await page.evaluate(async (source) => {
      const local = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
      const remote = (
        window as unknown as { __fakeRemoteParty: (fps: number, tone: boolean, source: string) => MediaStream }
      ).__fakeRemoteParty(30, false, source);
      for (const stream of [local, remote]) {
        const v = document.createElement('video');
        v.muted = true;
        v.autoplay = true;
        v.srcObject = stream;
        v.style.width = '50%';
        document.body.append(v);
        await v.play();
      }
      Object.assign(window, { __local: local, __remote: remote });
    }, REMOTE_SOURCE);
    await delay(3000); // settle

    console.log(`终端（未录像）测量 ${SECONDS} s…`);
    const a0 = terminalProcesses();
    const ta0 = threadCpu(a0.keys());
    await delay(SECONDS * 1000);
    const a1 = terminalProcesses();
    const idle = cpuBetween(a0, a1);
    const ta1 = threadCpu(a1.keys());

    const recordS = Math.max(SECONDS, SOAK_SECONDS);
    console.log(`终端（录像中，${FPS} fps 合成）测量并浸泡 ${recordS} s…`);
    const b0 = terminalProcesses();
    const tb0 = threadCpu(b0.keys());
    const t0 = performance.now();
    await page.evaluate(
      async ({ fps, videoCodec }) => {
        const w = window as unknown as Record<string, unknown> & {
          __local: MediaStream;
          __remote: MediaStream;
          __startVisitRecording: (o: unknown) => Promise<unknown>;
        };
        w.__rec = await w.__startVisitRecording({
          visitId: 'V-BENCH-T',
          local: w.__local,
          remote: w.__remote,
          fps,
          videoCodec,
          labels: { siteName: '基准测试', local: '本端', remote: '对端' },
        });
      },
      { fps: FPS, videoCodec: CODEC },
    );
    // BENCH_RECORDING_PROFILE=1: the page's JavaScript profile while recording (self time per function).
    const profiler = process.env.BENCH_RECORDING_PROFILE === '1' ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const mainRss: Array<{ tS: number; mib: number }> = [];
    const mainHeap: Array<{ tS: number; mib: number; externalMiB: number; totalMiB: number }> = [];
    const ffmpegRss: Array<{ tS: number; mib: number; pid: number }> = [];
    while (performance.now() - t0 < recordS * 1000) {
      await delay(SOAK_SAMPLE_MS);
      const tS = round((performance.now() - t0) / 1000, 1);
      // The child's latest report (every SOAK_SAMPLE_MS): main's own process, not this one.
      const latest = mainMemory as { memory: NodeJS.MemoryUsage; spaces: HeapSpaces } | null;
      const mem = latest?.memory;
      if (!mem) continue;
      mainRss.push({ tS, mib: round(mem.rss / 1048576, 1) });
      // The JS heap and Buffers apart from RSS: a flat heap under a growing RSS is the
      // allocator keeping freed pages, not objects kept alive.
      mainHeap.push({
        tS,
        mib: round(mem.heapUsed / 1048576, 1),
        externalMiB: round(mem.external / 1048576, 1),
        totalMiB: round(mem.heapTotal / 1048576, 1),
      });
      const ff = [...terminalProcesses()].find(([, p]) => p.role === 'ffmpeg')?.[0];
      const mib = ff === undefined ? null : rssMiB(ff);
      if (ff !== undefined && mib !== null) ffmpegRss.push({ tS, mib: round(mib, 1), pid: ff });
      // Once a minute, so a long soak shows its progress and its memory even if it is cut short.
      if (mainRss.length % Math.round(60_000 / SOAK_SAMPLE_MS) === 0) {
        console.log(
          `浸泡 ${Math.round(tS / 60)}/${Math.round(recordS / 60)} 分钟：main RSS ${mainRss.at(-1)?.mib ?? '?'} MiB（JS 堆 ${mainHeap.at(-1)?.mib ?? '?'}/${mainHeap.at(-1)?.totalMiB ?? '?'} MiB 用/占，外部 ${mainHeap.at(-1)?.externalMiB ?? '?'} MiB），ffmpeg RSS ${ffmpegRss.at(-1)?.mib ?? '?'} MiB，Chromium 渲染进程 RSS ${round(rendererRssMiB(), 1)} MiB`,
        );
        // Which V8 space holds the committed pages (used/size MiB): names the growth, if any.
        const spaces = Object.entries(latest?.spaces ?? {}).map(
          ([k, v]) => `${k} ${round(v.used / 1048576, 1)}/${round(v.size / 1048576, 1)}`,
        );
        console.log(`  V8 堆空间（用/占 MiB）：${spaces.join('，')}`);
      }
    }
    if (profiler)
      console.log(
        `页面 JavaScript 自身耗时（ms）：${JSON.stringify(topSelfTime((await profiler.send('Profiler.stop')).profile))}`,
      );
    const b1 = terminalProcesses(); // before stop: the archive build is not recording overhead
    const recordedMs = performance.now() - t0;
    const threads = topThreads({ a: ta0, b: ta1, s: SECONDS }, { a: tb0, b: threadCpu(b1.keys()), s: recordedMs / 1000 });
    const recording = cpuBetween(b0, b1);
    const { summary, recordingId, codec } = await page.evaluate(async () => {
      const w = window as unknown as {
        __rec: {
          recordingId: string;
          codec: string;
          scalabilityMode: string | null;
          stop(): Promise<{ state: string; segments: number; durationMs: number | null }>;
        };
      };
      return {
        summary: await w.__rec.stop(),
        recordingId: w.__rec.recordingId,
        codec: [w.__rec.codec, w.__rec.scalabilityMode].filter(Boolean).join(' '),
      };
    });
    // What -c copy could make of the stream: the longest sealed segment and keyframe gap.
    const dir = join(root, 'recordings', recordingId);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      segments: Array<{ startMs: number; endMs: number }>;
      archive: { file: string } | null;
    };
    const maxSegmentS = Math.max(0, ...manifest.segments.map((x) => (x.endMs - x.startMs) / 1000));
    const archiveFile = join(dir, manifest.archive?.file ?? 'archive.webm');
    const probed = existsSync(archiveFile)
      ? execFileSync(
          'ffprobe',
          ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', archiveFile],
          { encoding: 'utf8', maxBuffer: 1 << 30 },
        )
          .trim()
          .split('\n')
      : [];
    const times = probed
      .map((l) => Number(l.split(',')[0]))
      .filter(Number.isFinite)
      .sort((x, y) => x - y);
    const keys = probed
      .filter((l) => l.includes('K'))
      .map((l) => Number(l.split(',')[0]))
      .sort((x, y) => x - y);
    const maxKeyframeGapS = keys.slice(1).reduce((gap, k, i) => Math.max(gap, k - (keys[i] ?? k)), 0);
    const videoFps = times.length > 1 ? (times.length - 1) / ((times.at(-1) ?? 0) - (times[0] ?? 0)) : 0;
    const perMin = (cpu: Record<Role, number>, s: number) => ({
      main: round((cpu.main * 60) / s),
      ffmpeg: round((cpu.ffmpeg * 60) / s),
      chromium: round((cpu.chromium * 60) / s),
    });
    const idlePm = perMin(idle, SECONDS);
    const recPm = perMin(recording, recordedMs / 1000);
    const overheadByRole = {
      main: round(recPm.main - idlePm.main),
      ffmpeg: round(recPm.ffmpeg - idlePm.ffmpeg),
      chromium: round(recPm.chromium - idlePm.chromium),
    };
    return {
      idle: { ...idlePm, seconds: SECONDS },
      recording: { ...recPm, seconds: round(recordedMs / 1000, 1) },
      overheadCpuSecondsPerMinute: round(overheadByRole.main + overheadByRole.ffmpeg + overheadByRole.chromium),
      overheadByRole,
      threads,
      archive: {
        segments: summary.segments,
        durationMs: summary.durationMs,
        recordedMs: Math.round(recordedMs),
        state: summary.state,
        codec,
        remote: REMOTE_SOURCE,
        maxSegmentS: round(maxSegmentS),
        maxKeyframeGapS: round(maxKeyframeGapS),
        videoFrames: times.length,
        videoFps: round(videoFps, 1),
      },
      soak: {
        minutes: round(recordS / 60, 2),
        main: {
          samples: pick(mainRss),
          slopeMiBPerMinute: slopePerMinute(mainRss),
          heap: {
            samples: pick(mainHeap),
            slopeMiBPerMinute: slopePerMinute(mainHeap),
            committedSlopeMiBPerMinute: slopePerMinute(mainHeap.map((x) => ({ tS: x.tS, mib: x.totalMiB }))),
          },
          externalSlopeMiBPerMinute: slopePerMinute(mainHeap.map((x) => ({ tS: x.tS, mib: x.externalMiB }))),
        },
        ffmpeg: { samples: pick(ffmpegRss), slopeMiBPerMinute: slopePerMinute(ffmpegRss) },
      },
    };
  } finally {
    await closeTerminal();
    await browser.close();
    http.close();
    // BENCH_RECORDING_KEEP=1 keeps the terminal's data (spool, segments, archive) to inspect.
    if (process.env.BENCH_RECORDING_KEEP === '1') console.log(`终端数据保留在 ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

const perMinute = (x: number) => Math.round(((x * 60) / SECONDS) * 1000) / 1000;

const input = inputWebm(SECONDS);
const recorder = await benchRecorder(input);
console.log(
  `录像 ffmpeg（-c copy）：${SECONDS} s 内 CPU ${recorder.cpuS.toFixed(2)} s，峰值内存 ${recorder.peakMiB.toFixed(1)} MiB，${recorder.segments} 个分段`,
);
const baseline = await benchBaseline(input);
if (baseline.ran)
  console.log(
    `Jibri 式基线（x11grab + libx264 veryfast）：ffmpeg CPU ${baseline.cpuS.toFixed(2)} s，峰值内存 ${baseline.peakMiB.toFixed(1)} MiB；Xvfb CPU ${baseline.xvfbCpuS.toFixed(2)} s，屏幕上的 Chromium CPU ${baseline.chromiumCpuS.toFixed(2)} s`,
  );
else console.log(`基线未运行：${baseline.reason}`);
const whole = await benchTerminal();
console.log(
  `整机录像开销：每分钟 CPU ${whole.overheadCpuSecondsPerMinute} s（main ${whole.overheadByRole.main}，ffmpeg ${whole.overheadByRole.ffmpeg}，Chromium ${whole.overheadByRole.chromium}）`,
);
console.log(`开销最大的线程（每分钟 CPU s）：${JSON.stringify(whole.threads)}`);
console.log(
  `归档：${whole.archive.codec}，${whole.archive.videoFrames} 帧（${whole.archive.videoFps} fps），最长分段 ${whole.archive.maxSegmentS} s，最大关键帧间隔 ${whole.archive.maxKeyframeGapS} s`,
);
console.log(
  `浸泡 ${whole.soak.minutes} 分钟：main RSS ${JSON.stringify(whole.soak.main.samples)} 斜率 ${String(whole.soak.main.slopeMiBPerMinute)} MiB/分（JS 堆斜率 ${String(whole.soak.main.heap.slopeMiBPerMinute)}，外部内存斜率 ${String(whole.soak.main.externalSlopeMiBPerMinute)} MiB/分）；ffmpeg RSS ${JSON.stringify(whole.soak.ffmpeg.samples)} 斜率 ${String(whole.soak.ffmpeg.slopeMiBPerMinute)} MiB/分`,
);

const baselinePerMinute = baseline.ran ? perMinute(baseline.cpuS) : null;
const ratio = baseline.ran && baseline.cpuS > 0 ? recorder.cpuS / baseline.cpuS : null;
// The target compares with the baseline's encoder (ffmpeg x11grab + libx264); with Xvfb added, for the record.
const wholeRatio = baselinePerMinute ? whole.overheadCpuSecondsPerMinute / baselinePerMinute : null;
const wholeRatioVsFfmpegAndXvfb =
  baseline.ran && baselinePerMinute
    ? whole.overheadCpuSecondsPerMinute / (baselinePerMinute + perMinute(baseline.xvfbCpuS))
    : null;
console.log(
  JSON.stringify({
    bench: 'recording',
    seconds: SECONDS,
    size: `${WIDTH}x${HEIGHT}`,
    fps: FPS,
    recorder: {
      cpuSecondsPerMinute: perMinute(recorder.cpuS),
      peakRssMiB: Math.round(recorder.peakMiB * 10) / 10,
      segments: recorder.segments,
    },
    baseline: baseline.ran
      ? {
          ran: true,
          cpuSecondsPerMinute: baselinePerMinute,
          peakRssMiB: Math.round(baseline.peakMiB * 10) / 10,
          xvfbCpuSecondsPerMinute: perMinute(baseline.xvfbCpuS),
          screenChromiumCpuSecondsPerMinute: perMinute(baseline.chromiumCpuS),
          screenMoving: baseline.screenMoving,
        }
      : { ran: false, reason: baseline.reason },
    cpuRatio: ratio === null ? null : Math.round(ratio * 10000) / 10000,
    wholeOverhead: {
      cpuSecondsPerMinute: whole.overheadCpuSecondsPerMinute,
      byRole: whole.overheadByRole,
      threads: whole.threads,
      idle: whole.idle,
      recording: whole.recording,
      archive: whole.archive,
      mainInOwnProcess: true,
    },
    wholeRatio: wholeRatio === null ? null : Math.round(wholeRatio * 10000) / 10000,
    wholeRatioVsFfmpegAndXvfb: wholeRatioVsFfmpegAndXvfb === null ? null : Math.round(wholeRatioVsFfmpegAndXvfb * 10000) / 10000,
    soak: whole.soak,
    targets: {
      cpuRatio: '≤ 0.05 (recorder ffmpeg ≤ 1/20 of the baseline)',
      wholeRatio: '≤ 0.5 (whole recording overhead ≤ half the baseline)',
    },
    meetsTarget: ratio === null || wholeRatio === null ? null : { cpuRatio: ratio <= 0.05, wholeRatio: wholeRatio <= 0.5 },
  }),
);
