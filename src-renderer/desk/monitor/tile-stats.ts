// Issue #19: what a wall tile shows of its stream's quality, from the receiving peer's own
// statistics: video bitrate (kbit/s) since the previous sample and frames per second. Pure
// arithmetic over two samples, so it can be tested without a browser.
export interface InboundSample {
  at: number;
  bytes: number;
  fps: number | null;
}

export interface TileFigures {
  kbps: number;
  fps: number;
}

export function tileFigures(before: InboundSample | null, now: InboundSample): TileFigures | null {
  if (before === null || now.at <= before.at || now.bytes < before.bytes) return null;
  const kbps = Math.round(((now.bytes - before.bytes) * 8) / (now.at - before.at));
  return { kbps, fps: Math.round(now.fps ?? 0) };
}

/** The inbound video's byte count and frame rate from a getStats() report. */
export function inboundVideo(report: RTCStatsReport, at: number): InboundSample | null {
  let found: InboundSample | null = null;
  report.forEach((s: { type?: string; kind?: string; bytesReceived?: number; framesPerSecond?: number }) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video')
      found = { at, bytes: s.bytesReceived ?? 0, fps: s.framesPerSecond ?? null };
  });
  return found;
}
