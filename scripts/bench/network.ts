// npm run bench:network — the visit call over a government-like network (issue #23): two
// headless Chromium kiosks (the real renderer over the real main services, 640×360 fake
// cameras, recording on) in one call through Debian's coturn, relay only, on the credential
// the central store minted for the visit, with the userspace impairment proxy on both
// terminals' paths to the relay (harness/net). The link runs each profile in turn — LAN (the
// baseline, measured in the same run), county WAN, poor, bad, and a 5-second outage on the
// county WAN — and each side's getStats gives what it saw and heard (src-shared/signaling/
// call-quality): frames per second, picture height, freezes, audio concealment, jitter
// buffers, round trip, bitrate; the outage gives the time from the link's return to the
// first new frame. Targets (issue #23 item 5) are printed beside the figures.
//   NETWORK_BENCH_SECONDS   how long each profile is measured (default 60)
//   NETWORK_BENCH_SETTLE    seconds after a switch before measuring (default 8)
//   NETWORK_BENCH_PROFILES  which, comma-separated (default lan,county,poor,bad,outage)
//   NETWORK_BENCH_TRACE     a file to write every getStats sample of each profile to (JSON)
// Last line of output: one JSON object.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNetworkCall, type KioskName, type NetworkCall } from '../../harness/net/network-call';
import { PROFILES, type NetworkProfile } from '../../harness/net/profiles';
import type { ProbeSample } from '../../harness/net/stats-probe';
import { recordingGaps, type RecordingGaps } from '../../harness/net/recording-gaps';
import { recoveryMs, summariseQuality, type CallQuality } from '../../src-shared/signaling/call-quality';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SECONDS = Number(process.env['NETWORK_BENCH_SECONDS'] ?? 60);
const SETTLE = Number(process.env['NETWORK_BENCH_SETTLE'] ?? 8);
const OUTAGE_S = 5;
const ALL = ['lan', 'county', 'poor', 'bad', 'outage'] as const;
type Phase = (typeof ALL)[number];
const CHOSEN = (process.env['NETWORK_BENCH_PROFILES'] ?? ALL.join(','))
  .split(',')
  .map((p) => p.trim())
  .filter((p): p is Phase => (ALL as readonly string[]).includes(p));

interface Target {
  text: string;
  met(q: CallQuality, recovered: number | null): boolean;
}

/** Issue #23 item 5. */
const TARGETS: Record<Phase, Target> = {
  lan: { text: 'baseline', met: () => true },
  county: { text: 'freeze ≤ 0.5 s, concealment < 1 %', met: (q) => q.freezes.longestMs <= 500 && q.audioConcealedPct < 1 },
  poor: {
    text: '≥ 10 fps at ≥ 360p, freeze ≤ 2 s, concealment < 5 %',
    met: (q) => q.fps.mean >= 10 && q.height.median >= 360 && q.freezes.longestMs <= 2000 && q.audioConcealedPct < 5,
  },
  bad: { text: 'audio continues: concealment < 15 %', met: (q) => q.audioConcealedPct < 15 },
  outage: { text: 'picture back ≤ 3 s after the link', met: (_q, r) => r !== null && r <= 3000 },
};

const PROFILE_OF: Record<Phase, NetworkProfile> = {
  lan: PROFILES.lan,
  county: PROFILES.county,
  poor: PROFILES.poor,
  bad: PROFILES.bad,
  outage: PROFILES.county,
};

interface Row {
  phase: Phase;
  side: KioskName;
  quality: CallQuality;
  recoveredMs: number | null;
  /** The other side's sending, as this side's picture: its height, why it was limited, its congestion estimate. */
  sent: { medianHeight: number; limitation: string; estimateKbps: number };
  meets: boolean;
  /** How late the impairment proxy's delay timers were on average (the machine's jitter on top of the profile's), ms. */
  proxyLateMs: number;
}

/** The impairment proxy's delay-stage lateness so far, over all links. */
async function proxyLateness(net: NetworkCall): Promise<{ ms: number; packets: number }> {
  let ms = 0;
  let packets = 0;
  for (const l of await net.proxy.counters())
    for (const d of [l.up, l.down]) {
      ms += d.lateMsTotal;
      packets += d.delivered;
    }
  return { ms, packets };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** `samples` are the sender's own (the other side of the row's picture). */
function sentSummary(samples: ProbeSample[]): Row['sent'] {
  const reasons = new Map<string, number>();
  for (const s of samples) reasons.set(s.sent?.limitation ?? '', (reasons.get(s.sent?.limitation ?? '') ?? 0) + 1);
  const top = [...reasons].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return {
    medianHeight: median(samples.map((s) => s.sent?.height ?? 0)),
    limitation: top,
    estimateKbps: Math.round(median(samples.map((s) => s.sent?.availableBps ?? 0)) / 1000),
  };
}

const trace: { phase: Phase; back: number | null; samples: Record<KioskName, ProbeSample[]> }[] = [];

async function measure(net: NetworkCall, phase: Phase): Promise<Row[]> {
  const profile = PROFILE_OF[phase];
  await net.setProfile(profile);
  await sleep(SETTLE * 1000);
  await net.samples();
  const lateBefore = await proxyLateness(net);
  let back: number | null = null;
  if (phase === 'outage') {
    // The cut in the middle of the window.
    const before = Math.max(0, (SECONDS - OUTAGE_S) / 2);
    await sleep(before * 1000);
    await net.setProfile(profile, true);
    await sleep(OUTAGE_S * 1000);
    await net.setProfile(profile);
    back = Date.now();
    await sleep(Math.max(0, SECONDS - before - OUTAGE_S) * 1000);
  } else {
    await sleep(SECONDS * 1000);
  }
  const samples = await net.samples();
  const lateAfter = await proxyLateness(net);
  const proxyLateMs = Number(((lateAfter.ms - lateBefore.ms) / Math.max(1, lateAfter.packets - lateBefore.packets)).toFixed(1));
  trace.push({ phase, back, samples });
  const other = (side: KioskName): KioskName => (side === 'prison' ? 'bureau' : 'prison');
  return (['prison', 'bureau'] as const).map((side) => {
    const quality = summariseQuality(samples[side]);
    const recoveredMs = back === null ? null : recoveryMs(samples[side], back);
    return {
      phase,
      side,
      quality,
      recoveredMs,
      sent: sentSummary(samples[other(side)]),
      proxyLateMs,
      meets: TARGETS[phase].met(quality, recoveredMs),
    };
  });
}

const pad = (v: unknown, n: number) => String(v).padStart(n);

function printTable(rows: Row[]): void {
  const head = [
    'profile'.padEnd(8),
    'side'.padEnd(6),
    pad('fps', 5),
    pad('p10', 5),
    pad('height', 6),
    pad('min', 4),
    pad('≥360%', 6),
    pad('frz', 4),
    pad('longest', 8),
    pad('total', 6),
    pad('conceal%', 8),
    pad('jbV ms', 7),
    pad('jbA ms', 7),
    pad('rtt', 5),
    pad('kbps', 5),
    pad('loss%', 6),
    pad('back ms', 8),
    pad('sent', 5),
    ' limit'.padEnd(10),
    pad('est', 5),
    'target',
  ].join(' ');
  console.log(head);
  for (const r of rows) {
    const q = r.quality;
    console.log(
      [
        r.phase.padEnd(8),
        r.side.padEnd(6),
        pad(q.fps.mean, 5),
        pad(q.fps.p10, 5),
        pad(q.height.median, 6),
        pad(q.height.min, 4),
        pad(q.height.at360Pct, 6),
        pad(q.freezes.count, 4),
        pad(q.freezes.longestMs, 8),
        pad(q.freezes.totalMs, 6),
        pad(q.audioConcealedPct, 8),
        pad(q.jitterBufferMs.video, 7),
        pad(q.jitterBufferMs.audio, 7),
        pad(Math.round(q.rttMs.mean), 5),
        pad(q.videoKbps, 5),
        pad(q.packetLossPct.video, 6),
        pad(r.recoveredMs ?? '-', 8),
        pad(r.sent.medianHeight, 5),
        ` ${r.sent.limitation}`.padEnd(10),
        pad(r.sent.estimateKbps, 5),
        `${r.meets ? 'met' : 'MISSED'}: ${TARGETS[r.phase].text}`,
      ].join(' '),
    );
  }
}

async function main(): Promise<void> {
  const rendererDir = process.env['RENDERER_OUT_DIR'] ?? root('dist/renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.log(JSON.stringify({ skipped: `renderer not built at ${rendererDir} (npm run build:renderer)` }));
    return;
  }
  console.log(
    `bench:network — ${CHOSEN.join(', ')}; ${SECONDS} s each after ${SETTLE} s to settle; two Chromium kiosks through coturn (relay only) and the impairment proxy`,
  );
  const net = await startNetworkCall({ rendererDir, seed: 23 });
  const rows: Row[] = [];
  const recordings: { side: KioskName; callS: number; gaps: RecordingGaps }[] = [];
  try {
    const visitId = net.visitIds[0] as string;
    await net.connect(visitId);
    const connectedAt = Date.now();
    for (const phase of CHOSEN) {
      const got = await measure(net, phase);
      rows.push(...got);
      for (const r of got)
        console.log(
          `  ${phase} ${r.side}: ${r.quality.fps.mean} fps, ${r.quality.height.median}p, longest freeze ${r.quality.freezes.longestMs} ms, concealment ${r.quality.audioConcealedPct} %${r.recoveredMs !== null ? `, back after ${r.recoveredMs} ms` : ''} (proxy timers ${r.proxyLateMs} ms late on average)`,
        );
    }
    for (const k of [net.kiosks.prison, net.kiosks.bureau])
      if (k.state?.phase !== 'in-progress') console.log(`  warning: ${k.name} ended in phase ${k.state?.phase ?? '?'}`);
    // Item 3: each terminal's recording of the whole run, sealed.
    const callS = Math.round((Date.now() - connectedAt) / 100) / 10;
    const ids = await net.end(visitId);
    for (const k of [net.kiosks.prison, net.kiosks.bureau]) {
      const other = k.name === 'prison' ? net.kiosks.bureau : net.kiosks.prison;
      recordings.push({ side: k.name, callS, gaps: recordingGaps(k.recordingDir, ids[k.name], { own: k.hz, other: other.hz }) });
    }
  } finally {
    await net.close();
    const traceFile = process.env['NETWORK_BENCH_TRACE'];
    if (traceFile) fs.writeFileSync(traceFile, JSON.stringify(trace));
  }
  console.log('');
  printTable(rows);
  // Each impaired profile against the baseline measured in this run.
  const base = (side: KioskName) => rows.find((r) => r.phase === 'lan' && r.side === side)?.quality;
  const ratios = rows
    .filter((r) => r.phase !== 'lan')
    .map((r) => {
      const b = base(r.side);
      return {
        phase: r.phase,
        side: r.side,
        fpsVsBaseline: b && b.fps.mean > 0 ? Number((r.quality.fps.mean / b.fps.mean).toFixed(2)) : null,
        kbpsVsBaseline: b && b.videoKbps > 0 ? Number((r.quality.videoKbps / b.videoKbps).toFixed(2)) : null,
      };
    });
  console.log('');
  for (const r of recordings)
    console.log(
      `  recording ${r.side}: ${r.gaps.archiveS} s archived of a ${r.callS} s call (segments span ${r.gaps.coverage.segmentsS} s; picture ${r.gaps.coverage.videoS} s, sound ${r.gaps.coverage.audioS} s), ${r.gaps.segments} segments (largest gap ${r.gaps.largestSegmentGapMs} ms); longest still: own ${r.gaps.longestS.ownStill} s, other ${r.gaps.longestS.otherStill} s; longest silent: own ${r.gaps.longestS.ownSilent} s, other ${r.gaps.longestS.otherSilent} s`,
    );
  for (const r of ratios)
    console.log(
      `  ${r.phase} ${r.side}: fps ×${r.fpsVsBaseline ?? '-'} and video kbit/s ×${r.kbpsVsBaseline ?? '-'} of the LAN baseline`,
    );
  console.log(
    JSON.stringify({
      bench: 'network',
      secondsPerProfile: SECONDS,
      rows: rows.map((r) => ({
        phase: r.phase,
        side: r.side,
        meets: r.meets,
        recoveredMs: r.recoveredMs,
        sent: r.sent,
        ...r.quality,
        timeline: undefined,
      })),
      ratios,
      recordings,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
