// npm run bench:recording (issue 7 item 8): for 720p at 30 fps, the recorder's ffmpeg
// (-c copy from the spool into sealed segments) — CPU seconds and peak RSS per minute
// recorded — fed a pre-encoded VP8 + Opus WebM at real-time pace, as MediaRecorder would;
// and side by side, in the same run, a Jibri-style baseline: ffmpeg grabbing an Xvfb screen
// (Chromium playing the same video on it) with x11grab and encoding libx264 veryfast at the
// same size and rate. BENCH_RECORDING_SECONDS scales the run (default 60). Installs nothing:
// without Xvfb the baseline is reported as not run. Last line: one JSON object.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecording } from '../../src-main/recorder';
import { openStore } from '../../src-main/store';

const SECONDS = Number(process.env.BENCH_RECORDING_SECONDS ?? 60);
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
    if (s) this.last.set(pid, s);
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
    '-hide_banner', '-loglevel', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}:rate=${FPS}`,
    '-f', 'lavfi', '-i', 'sine=f=440',
    '-c:v', 'libvpx', '-b:v', '1500k', '-deadline', 'realtime', '-cpu-used', '8', '-g', String(FPS),
    '-c:a', 'libopus', '-t', String(seconds), '-f', 'webm', '-y', partial,
  ]);
  renameSync(partial, path);
  return path;
}

async function benchRecorder(input: string): Promise<{ cpuS: number; peakMiB: number; segments: number; wallS: number }> {
  const root = mkdtempSync(join(tmpdir(), 'yn-bench-rec-'));
  try {
    const store = openStore({ path: join(root, 'terminal.db') });
    store.db.prepare(
      `INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at)
       VALUES ('V-BENCH', '2025-05-04', '09:00', 30, '张三', 1, 'in-progress', '{}', '2025-05-04T00:00:00.000Z')`,
    ).run();
    const recording = await startRecording({ visitId: 'V-BENCH', terminalId: 'bench', dir: join(root, 'recordings'), db: store.db, keyPath: join(root, 'key.pem') });
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

async function benchBaseline(input: string): Promise<{ ran: true; cpuS: number; peakMiB: number } | { ran: false; reason: string }> {
  const xvfb = which('Xvfb');
  if (!xvfb) return { ran: false, reason: 'Xvfb 未安装（Debian：apt-get install -y xvfb），基线未运行' };
  const display = `:${90 + (process.pid % 9)}`;
  const children: ChildProcess[] = [];
  try {
    children.push(spawn(xvfb, [display, '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' }));
    await delay(1000);
    // What Jibri grabs is a browser showing the call: here Chromium playing the same video.
    const chromium = process.env.CHROMIUM_PATH ?? which('chromium');
    if (chromium) {
      children.push(spawn(chromium, ['--no-sandbox', '--kiosk', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--user-data-dir=' + mkdtempSync(join(tmpdir(), 'yn-bench-chr-')), `file://${input}`], {
        stdio: 'ignore',
        env: { ...process.env, DISPLAY: display },
      }));
      await delay(3000);
    }
    const grab = spawn('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-f', 'x11grab', '-video_size', `${WIDTH}x${HEIGHT}`, '-framerate', String(FPS), '-i', display,
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-t', String(SECONDS), '-f', 'matroska', '-y', '/dev/null',
    ], { stdio: ['ignore', 'ignore', 'inherit'] });
    const meter = new Meter();
    const exited = new Promise<number | null>((resolve) => grab.on('exit', (code) => resolve(code)));
    const poll = setInterval(() => meter.see(grab.pid), 100);
    const code = await exited;
    clearInterval(poll);
    if (code !== 0) return { ran: false, reason: `x11grab 的 ffmpeg 退出码 ${String(code)}` };
    return { ran: true, cpuS: meter.cpuS, peakMiB: meter.peakMiB };
  } finally {
    for (const child of children.reverse()) child.kill('SIGTERM');
  }
}

const perMinute = (x: number) => Math.round((x * 60 / SECONDS) * 1000) / 1000;

const input = inputWebm(SECONDS);
const recorder = await benchRecorder(input);
console.log(`录像 ffmpeg（-c copy）：${SECONDS} s 内 CPU ${recorder.cpuS.toFixed(2)} s，峰值内存 ${recorder.peakMiB.toFixed(1)} MiB，${recorder.segments} 个分段`);
const baseline = await benchBaseline(input);
if (baseline.ran) console.log(`Jibri 式基线（x11grab + libx264 veryfast）：CPU ${baseline.cpuS.toFixed(2)} s，峰值内存 ${baseline.peakMiB.toFixed(1)} MiB`);
else console.log(`基线未运行：${baseline.reason}`);
const ratio = baseline.ran && baseline.cpuS > 0 ? recorder.cpuS / baseline.cpuS : null;
console.log(JSON.stringify({
  bench: 'recording',
  seconds: SECONDS,
  size: `${WIDTH}x${HEIGHT}`,
  fps: FPS,
  recorder: { cpuSecondsPerMinute: perMinute(recorder.cpuS), peakRssMiB: Math.round(recorder.peakMiB * 10) / 10, segments: recorder.segments },
  baseline: baseline.ran ? { ran: true, cpuSecondsPerMinute: perMinute(baseline.cpuS), peakRssMiB: Math.round(baseline.peakMiB * 10) / 10 } : { ran: false, reason: baseline.reason },
  cpuRatio: ratio === null ? null : Math.round(ratio * 10000) / 10000,
  target: 'recorder ffmpeg CPU ≤ 1/20 of the baseline (cpuRatio ≤ 0.05)',
  meetsTarget: ratio === null ? null : ratio <= 0.05,
}));
