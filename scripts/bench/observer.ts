// npm run bench:observer — issue #19's monitoring-centre figures, each with its baseline
// measured in the same run. CPU is read from /proc (utime + stime of a Chromium's whole
// process tree: browser, renderer, GPU and utility processes), as % of one core.
//   terminal  a terminal's Chromium in a visit — its 1280×720 camera and microphone sent to
//             the other terminal (another Chromium) and the other's received and shown,
//             MediaRecorder recording (as the terminal records the visit) — with one
//             observer attached vs none: the observer stream is built as
//             src-renderer/call/observer-streams.ts builds it (a clone of the camera scaled
//             to 320×180 at 10 fps, ≤ 150 kbit/s by RTCRtpSender.setParameters). Rounds
//             none / observer / none, the two "none" averaged. Target: at most +20 %.
//   wall      the observer's Chromium showing WALL_SIZE tiles (two streams each: both rooms
//             of a visit, 320×180 at 10 fps), every <video> on screen, the sound of one;
//             the streams come from a third Chromium. Baseline: the same page idle.
// Bounded (about two minutes). Last line of output: one JSON object.
import http from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../harness/browser/browser';
import { OBSERVER_STREAM } from '../../src-shared/signaling/observer-protocol';
import { WALL_SIZE } from '../../src-shared/ipc/desk-monitor-contract';

const WINDOW_MS = 15_000;
const WARMUP_MS = 4_000;
/** Terminal: rounds of none / one observer, alternated. */
const ROUNDS = 4;
const ROUND_MS = 8_000;
const TICKS = 100; // getconf CLK_TCK on Linux

// ── CPU of a process tree ────────────────────────────────────────────────────

function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may contain spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** The Chromium whose command line carries `tag`, and every process below it. */
function treeTicks(tag: string): number {
  const all = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const root = all.find((pid) => {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.includes(tag) && !cmd.includes('--type=');
    } catch {
      return false;
    }
  });
  if (root === undefined) throw new Error(`no Chromium tagged ${tag}`);
  const stats = new Map(all.map((pid) => [pid, procStat(pid)] as const));
  const inTree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, s] of stats)
      if (s && !inTree.has(pid) && inTree.has(s.ppid)) {
        inTree.add(pid);
        grew = true;
      }
  }
  let ticks = 0;
  for (const pid of inTree) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(m * 10) / 10;
};

async function cpuPercent(tag: string, ms = WINDOW_MS): Promise<number> {
  const t0 = treeTicks(tag);
  const start = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, ms));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round(((treeTicks(tag) - t0) / TICKS / seconds) * 1000) / 10;
}

// ── The pages: plain RTCPeerConnections, SDP handed over by this process ─────

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><body style="margin:0;background:#000">
<div id="grid" style="display:grid;grid-template-columns:repeat(6,320px);gap:2px"></div>
<script>
window.pcs = {};
const done = (pc) => new Promise((r) => { if (pc.iceGatheringState === 'complete') r(); else pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()); });
window.camera = async (w, h, fps) => navigator.mediaDevices.getUserMedia({ video: { width: w, height: h, frameRate: fps }, audio: true });
window.show = (stream, w, h, muted) => { const v = document.createElement('video'); v.autoplay = true; v.playsInline = true; v.muted = muted; v.width = w; v.height = h; v.srcObject = stream; document.getElementById('grid').appendChild(v); };
window.offer = async (id, stream) => {
  const pc = new RTCPeerConnection(); window.pcs[id] = pc;
  if (stream) for (const t of stream.getTracks()) pc.addTrack(t, stream);
  await pc.setLocalDescription(await pc.createOffer({ offerToReceiveAudio: true, offerToReceiveVideo: true }));
  await done(pc); return pc.localDescription.sdp;
};
window.answer = async (id, sdp, stream, show) => {
  const pc = new RTCPeerConnection(); window.pcs[id] = pc;
  if (stream) for (const t of stream.getTracks()) pc.addTrack(t, stream);
  pc.ontrack = (e) => { if (show && e.track.kind === 'video') window.show(e.streams[0], show.w, show.h, show.muted); };
  await pc.setRemoteDescription({ type: 'offer', sdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await done(pc); return pc.localDescription.sdp;
};
window.accept = async (id, sdp, cap) => {
  const pc = window.pcs[id];
  pc.ontrack = (e) => { if (e.track.kind === 'video') window.show(e.streams[0], 320, 180, true); };
  await pc.setRemoteDescription({ type: 'answer', sdp });
  if (cap) for (const s of pc.getSenders()) if (s.track && s.track.kind === 'video') {
    const p = s.getParameters(); if (!p.encodings.length) p.encodings = [{}];
    for (const e of p.encodings) { e.maxBitrate = cap.maxBitrateBps; e.maxFramerate = cap.frameRate; }
    await s.setParameters(p);
  }
};
window.small = async (stream, cap) => {
  const out = new MediaStream();
  for (const t of stream.getAudioTracks()) out.addTrack(t.clone());
  for (const t of stream.getVideoTracks()) { const c = t.clone(); await c.applyConstraints({ width: { max: cap.width }, height: { max: cap.height }, frameRate: { max: cap.frameRate } }); out.addTrack(c); }
  return out;
};
window.record = (stream) => { const r = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' }); r.ondataavailable = () => undefined; r.start(1000); window.recorder = r; };
window.inboundKbps = async (ms) => {
  const total = async () => { let b = 0; for (const pc of Object.values(window.pcs)) (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') b += s.bytesReceived; }); return b; };
  const a = await total(); await new Promise((r) => setTimeout(r, ms)); return Math.round(((await total()) - a) * 8 / ms);
};
window.outboundKbps = async (id, ms) => {
  const pc = window.pcs[id]; const total = async () => { let b = 0; (await pc.getStats()).forEach((s) => { if (s.type === 'outbound-rtp' && s.kind === 'video') b += s.bytesSent; }); return b; };
  const a = await total(); await new Promise((r) => setTimeout(r, ms)); return Math.round(((await total()) - a) * 8 / ms);
};
</script>`;

function serve(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

async function browserTagged(tag: string): Promise<{ browser: Browser; tag: string }> {
  // Chromium ignores an unknown switch; it marks the browser process for /proc.
  return { browser: await launchChromium([`--bench-tag=${tag}`, '--autoplay-policy=no-user-gesture-required']), tag };
}

async function open(browser: Browser, url: string, size = { width: 1280, height: 720 }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** A WebRTC call from `a` (offering `aStream`) to `b` (answering with `bStream`). */
async function connect(
  a: Page,
  b: Page,
  id: string,
  aStream: string,
  bStream: string | null,
  show: { w: number; h: number; muted: boolean },
  cap: typeof OBSERVER_STREAM | null,
) {
  const offer = await a.evaluate(
    ([i, s]) =>
      (window as never as { offer: (i: string, s: unknown) => Promise<string> }).offer(
        i,
        (window as never as Record<string, unknown>)[s],
      ),
    [id, aStream] as const,
  );
  const answer = await b.evaluate(
    ([i, sdp, s, sh]) =>
      (window as never as { answer: (...a: unknown[]) => Promise<string> }).answer(
        i,
        sdp,
        s === null ? null : (window as never as Record<string, unknown>)[s],
        sh,
      ),
    [id, offer, bStream, show] as const,
  );
  await a.evaluate(([i, sdp, c]) => (window as never as { accept: (...a: unknown[]) => Promise<void> }).accept(i, sdp, c), [
    id,
    answer,
    cap,
  ] as const);
}

/** Runs `js` (statements, may await) in the page. */
const run = (page: Page, js: string) => page.evaluate(`(async () => { ${js} })()`);

async function terminalFigures(url: string) {
  const terminal = await browserTagged(`terminal-${process.pid}`);
  const other = await browserTagged(`peer-${process.pid}`);
  const observer = await browserTagged(`observer1-${process.pid}`);
  try {
    const t = await open(terminal.browser, url);
    const p = await open(other.browser, url);
    const o = await open(observer.browser, url);
    await run(
      t,
      'window.cam = await window.camera(1280, 720, 25); window.show(window.cam, 320, 180, true); window.record(window.cam)',
    );
    await run(p, 'window.cam = await window.camera(1280, 720, 25)');
    await connect(t, p, 'visit', 'cam', 'cam', { w: 1280, h: 720, muted: false }, null);
    // The visit's encoder ramps up (bitrate, resolution) over its first seconds: let it settle.
    await new Promise((r) => setTimeout(r, 3 * WARMUP_MS));
    // Before any observer exists (no clone, no connection): the reference the rounds are checked against.
    const beforeAnyObserver = await cpuPercent(terminal.tag, ROUND_MS);
    await run(t, `window.obs = await window.small(window.cam, ${JSON.stringify(OBSERVER_STREAM)})`);
    await connect(t, o, 'observer', 'obs', null, { w: 320, h: 180, muted: true }, OBSERVER_STREAM);
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const observerKbps = await t.evaluate(() =>
      (window as never as { outboundKbps: (i: string, ms: number) => Promise<number> }).outboundKbps('observer', 3000),
    );
    // Alternating rounds on the same connections (the shared machine's load drifts): the
    // observer's senders carry nothing (replaceTrack(null): no capture scaling, no encoding)
    // or the small stream's tracks.
    const rounds: { none: number[]; observer: number[] } = { none: [], observer: [] };
    for (let i = 0; i < ROUNDS; i++) {
      for (const on of [false, true]) {
        await run(
          t,
          `const tracks = window.obs.getTracks(); for (const s of window.pcs.observer.getSenders()) { s._kind = s._kind || (s.track && s.track.kind); await s.replaceTrack(${on} ? tracks.find((x) => x.kind === s._kind) : null); }`,
        );
        await new Promise((r) => setTimeout(r, 3000));
        (on ? rounds.observer : rounds.none).push(await cpuPercent(terminal.tag, ROUND_MS));
      }
    }
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    const none = mean(rounds.none);
    const withObserver = mean(rounds.observer);
    return {
      noObserverPct: none,
      beforeAnyObserverPct: beforeAnyObserver,
      rounds,
      oneObserverPct: withObserver,
      increasePct: Math.round(((withObserver - none) / none) * 1000) / 10,
      // Each round against the "none" just before it, the median: less swayed by the machine's drift.
      pairedIncreasePct: median(rounds.observer.map((x, i) => ((x - (rounds.none[i] ?? x)) / (rounds.none[i] ?? x)) * 100)),
      targetIncreasePct: 20,
      observerStreamKbps: observerKbps,
    };
  } finally {
    for (const b of [terminal, other, observer]) await b.browser.close();
  }
}

async function wallFigures(url: string) {
  const source = await browserTagged(`sources-${process.pid}`);
  const wall = await browserTagged(`wall-${process.pid}`);
  try {
    const s = await open(source.browser, url);
    const w = await open(wall.browser, url, { width: 1920, height: 1080 });
    await run(
      s,
      `window.cam = await window.camera(640, 360, 15); window.obs = await window.small(window.cam, ${JSON.stringify(OBSERVER_STREAM)})`,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const idle = await cpuPercent(wall.tag, 5000);
    const streams = WALL_SIZE * 2;
    for (let i = 0; i < streams; i++) {
      // The officer listens to one tile: that one's sound plays, the rest are muted.
      await connect(s, w, `tile-${i}`, 'obs', null, { w: 320, h: 180, muted: i > 1 }, OBSERVER_STREAM);
    }
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const tiles = await cpuPercent(wall.tag);
    const inboundKbps = await w.evaluate(() =>
      (window as never as { inboundKbps: (ms: number) => Promise<number> }).inboundKbps(3000),
    );
    const playing = await w.evaluate(() => Array.from(document.querySelectorAll('video')).filter((v) => v.videoWidth > 0).length);
    await w.screenshot({ path: 'test-results/bench-observer-wall.png' }).catch(() => undefined);
    return {
      tiles: WALL_SIZE,
      streams,
      playing,
      idlePct: idle,
      wallPct: tiles,
      perTilePct: Math.round(((tiles - idle) / WALL_SIZE) * 10) / 10,
      inboundKbps,
    };
  } finally {
    for (const b of [source, wall]) await b.browser.close();
  }
}

async function main() {
  fs.mkdirSync('test-results', { recursive: true });
  const server = await serve();
  try {
    const terminal = await terminalFigures(server.url);
    process.stdout.write(`terminal: ${JSON.stringify(terminal)}\n`);
    const wall = await wallFigures(server.url);
    process.stdout.write(`wall: ${JSON.stringify(wall)}\n`);
    const result = {
      bench: 'observer',
      cores: (await import('node:os')).cpus().length,
      terminal,
      wall,
      pass: terminal.increasePct <= terminal.targetIncreasePct && terminal.pairedIncreasePct <= terminal.targetIncreasePct,
    };
    fs.writeFileSync('test-results/bench-observer.json', JSON.stringify(result, null, 2));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await server.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
