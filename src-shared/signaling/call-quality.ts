// What a side of the call saw and heard (issue #23 item 3), from a series of getStats()
// samples of its peer connection: video freezes (count, longest, total), frames per second
// and resolution over time, audio concealment, jitter-buffer delay and round-trip time.
// Pure: the samples are taken elsewhere (a page probe, the renderer); a rebuilt connection
// (R18.1) starts its counters again, so every delta is taken within one connection, and the
// time the picture stood still across a rebuild counts as a freeze of its own.

/** One getStats() reading of the call's connection, flattened. Counters as getStats gives them. */
export interface QualitySample {
  /** ms (any clock, the same for all samples). */
  at: number;
  /** Which peer connection (a rebuilt one restarts every counter). */
  pc: string;
  video: {
    framesDecoded: number;
    freezeCount: number;
    /** s */
    totalFreezesDuration: number;
    frameWidth: number;
    frameHeight: number;
    /** s */
    jitterBufferDelay: number;
    jitterBufferEmittedCount: number;
    bytesReceived: number;
    packetsReceived: number;
    packetsLost: number;
  } | null;
  audio: {
    concealedSamples: number;
    totalSamplesReceived: number;
    /** s */
    jitterBufferDelay: number;
    jitterBufferEmittedCount: number;
    packetsReceived: number;
    packetsLost: number;
  } | null;
  /** The selected candidate pair's current round trip, ms. */
  rttMs: number | null;
  /** The local candidate type of that pair ('relay' when the media goes through TURN). */
  candidateType: string | null;
}

export interface QualityPoint {
  /** s since the first sample */
  t: number;
  fps: number;
  height: number;
  kbps: number;
}

export interface CallQuality {
  seconds: number;
  freezes: { count: number; longestMs: number; totalMs: number };
  fps: { mean: number; p10: number };
  /** Frame height: median, lowest seen while frames flowed, share of time at 360 lines or more. */
  height: { median: number; min: number; at360Pct: number };
  /** Share of audio samples the receiver made up (lost or late packets), %. */
  audioConcealedPct: number;
  jitterBufferMs: { video: number; audio: number };
  rttMs: { mean: number; max: number };
  videoKbps: number;
  packetLossPct: { video: number; audio: number };
  /** The candidate types seen (relay only when every packet went through TURN). */
  candidateTypes: string[];
  /** One point per second or so: what the picture did over time. */
  timeline: QualityPoint[];
}

/** A stall shorter than this between two samples is no freeze (W3C: max(3 frame intervals, interval + 150 ms)). */
const STALL_MS = 600;

const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : 0);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sum of a counter's growth over the run, within each connection. */
function growth(samples: QualitySample[], read: (s: QualitySample) => number | undefined): number {
  let total = 0;
  for (let i = 1; i < samples.length; i += 1) {
    const a = samples[i - 1] as QualitySample;
    const b = samples[i] as QualitySample;
    if (a.pc !== b.pc) continue;
    const va = read(a);
    const vb = read(b);
    if (va !== undefined && vb !== undefined && vb >= va) total += vb - va;
  }
  return total;
}

export function summariseQuality(samples: readonly QualitySample[]): CallQuality {
  const list = [...samples].sort((a, b) => a.at - b.at);
  const first = list[0];
  const last = list.at(-1);
  const seconds = first && last ? (last.at - first.at) / 1000 : 0;

  // Freezes the receiver itself counted (exact frame timing), per interval between samples.
  let count = 0;
  let totalMs = 0;
  let longestMs = 0;
  for (let i = 1; i < list.length; i += 1) {
    const a = list[i - 1] as QualitySample;
    const b = list[i] as QualitySample;
    if (a.pc !== b.pc || !a.video || !b.video) continue;
    const dCount = b.video.freezeCount - a.video.freezeCount;
    const dMs = (b.video.totalFreezesDuration - a.video.totalFreezesDuration) * 1000;
    if (dCount <= 0 || dMs <= 0) continue;
    count += dCount;
    totalMs += dMs;
    // Several freezes ended in one interval: the longest is at most their sum.
    longestMs = Math.max(longestMs, dMs);
  }
  // A picture that stood still across a rebuilt connection, or up to the end: the receiver's
  // own counters never see it, the samples do.
  let lastAdvance: QualitySample | null = null;
  let stallCrossesPc = false;
  const closeStall = (until: number) => {
    if (!lastAdvance) return;
    const ms = until - lastAdvance.at;
    if (stallCrossesPc && ms >= STALL_MS) {
      count += 1;
      totalMs += ms;
      longestMs = Math.max(longestMs, ms);
    }
  };
  for (let i = 1; i < list.length; i += 1) {
    const a = list[i - 1] as QualitySample;
    const b = list[i] as QualitySample;
    const advanced = a.pc === b.pc && (b.video?.framesDecoded ?? 0) > (a.video?.framesDecoded ?? 0);
    if (advanced) {
      closeStall(a.at);
      lastAdvance = b;
      stallCrossesPc = false;
    } else if (a.pc !== b.pc) stallCrossesPc = true;
  }
  // Still frozen at the end: the receiver never counts a freeze no frame ended.
  if (last && lastAdvance && last.at - lastAdvance.at >= STALL_MS) {
    count += 1;
    totalMs += last.at - lastAdvance.at;
    longestMs = Math.max(longestMs, last.at - lastAdvance.at);
  }

  // Frame rate and height over time, in windows of about a second.
  const timeline: QualityPoint[] = [];
  const fpsWindows: number[] = [];
  const heights: number[] = [];
  let windowStart = first;
  for (let i = 1; i < list.length; i += 1) {
    const b = list[i] as QualitySample;
    if (!windowStart || b.at - windowStart.at < 950) continue;
    const a: QualitySample = windowStart;
    windowStart = b;
    const dt = (b.at - a.at) / 1000;
    const same = a.pc === b.pc;
    const frames = same ? Math.max(0, (b.video?.framesDecoded ?? 0) - (a.video?.framesDecoded ?? 0)) : 0;
    const bytes = same ? Math.max(0, (b.video?.bytesReceived ?? 0) - (a.video?.bytesReceived ?? 0)) : 0;
    const fps = frames / dt;
    const height = frames > 0 ? (b.video?.frameHeight ?? 0) : 0;
    fpsWindows.push(fps);
    if (frames > 0) heights.push(height);
    timeline.push({
      t: round(first ? (b.at - first.at) / 1000 : 0),
      fps: round(fps),
      height,
      kbps: round((bytes * 8) / 1000 / dt, 0),
    });
  }

  const concealed = growth(list, (s) => s.audio?.concealedSamples);
  const audioSamples = growth(list, (s) => s.audio?.totalSamplesReceived);
  const vDelay = growth(list, (s) => s.video?.jitterBufferDelay);
  const vEmitted = growth(list, (s) => s.video?.jitterBufferEmittedCount);
  const aDelay = growth(list, (s) => s.audio?.jitterBufferDelay);
  const aEmitted = growth(list, (s) => s.audio?.jitterBufferEmittedCount);
  const lossPct = (lost: number, received: number) => (lost + received > 0 ? (lost / (lost + received)) * 100 : 0);
  const rtts = list.map((s) => s.rttMs).filter((r): r is number => r !== null && Number.isFinite(r));
  const videoBytes = growth(list, (s) => s.video?.bytesReceived);
  return {
    seconds: round(seconds),
    freezes: { count, longestMs: Math.round(longestMs), totalMs: Math.round(totalMs) },
    fps: {
      mean: round(fpsWindows.reduce((x, f) => x + f, 0) / Math.max(1, fpsWindows.length)),
      p10: round(percentile(fpsWindows, 10)),
    },
    height: {
      median: percentile(heights, 50),
      min: heights.length > 0 ? Math.min(...heights) : 0,
      at360Pct: round((heights.filter((h) => h >= 360).length / Math.max(1, fpsWindows.length)) * 100),
    },
    audioConcealedPct: round(audioSamples > 0 ? (concealed / audioSamples) * 100 : 0, 2),
    jitterBufferMs: {
      video: round(vEmitted > 0 ? (vDelay / vEmitted) * 1000 : 0),
      audio: round(aEmitted > 0 ? (aDelay / aEmitted) * 1000 : 0),
    },
    rttMs: {
      mean: round(rtts.reduce((x, r) => x + r, 0) / Math.max(1, rtts.length)),
      max: round(rtts.length > 0 ? Math.max(...rtts) : 0),
    },
    videoKbps: round(seconds > 0 ? (videoBytes * 8) / 1000 / seconds : 0, 0),
    packetLossPct: {
      video: round(
        lossPct(
          growth(list, (s) => s.video?.packetsLost),
          growth(list, (s) => s.video?.packetsReceived),
        ),
        2,
      ),
      audio: round(
        lossPct(
          growth(list, (s) => s.audio?.packetsLost),
          growth(list, (s) => s.audio?.packetsReceived),
        ),
        2,
      ),
    },
    candidateTypes: [...new Set(list.map((s) => s.candidateType).filter((c): c is string => c !== null))],
    timeline,
  };
}

/**
 * How long after `sinceMs` the picture moved again (frames decoded grew), ms; null if it never did.
 * The outage's recovery time: from the link's return to the first new frame.
 */
export function recoveryMs(samples: readonly QualitySample[], sinceMs: number): number | null {
  const list = [...samples].sort((a, b) => a.at - b.at);
  for (let i = 1; i < list.length; i += 1) {
    const a = list[i - 1] as QualitySample;
    const b = list[i] as QualitySample;
    if (b.at <= sinceMs) continue;
    const before = a.pc === b.pc ? (a.video?.framesDecoded ?? 0) : 0;
    if ((b.video?.framesDecoded ?? 0) > before) return Math.max(0, b.at - sinceMs);
  }
  return null;
}
