// Link quality kept with the visit: every sample the renderer takes
// (getStats every few seconds) is kept in memory for the console, and a summary of
// each window goes to the audit log, which the central store receives with the chain.
import type { JsonObject } from '../../src-shared/audit/canonical-json';
import type { LinkSample } from '../../src-shared/signaling/call-schemas';

const MAX_KEPT = 1_000;

const round = (n: number) => Math.round(n * 10) / 10;

export class LinkQuality {
  readonly samples: LinkSample[] = [];
  private window: LinkSample[] = [];
  private windowStart: number | null = null;

  add(sample: LinkSample, now: number): void {
    this.samples.push(sample);
    if (this.samples.length > MAX_KEPT) this.samples.shift();
    this.window.push(sample);
    this.windowStart ??= now;
  }

  /** The summary of the samples since the last one, if the window is due (or `force`). */
  summary(now: number, windowMs: number, force = false): JsonObject | null {
    if (this.window.length === 0 || this.windowStart === null) return null;
    if (!force && now - this.windowStart < windowMs) return null;
    const w = this.window;
    const avg = (f: (s: LinkSample) => number) => round(w.reduce((a, s) => a + f(s), 0) / w.length);
    const rtts = w.map((s) => s.rttMs).filter((r): r is number => r !== null);
    const out: JsonObject = {
      from: w[0]?.at ?? null,
      to: w.at(-1)?.at ?? null,
      samples: w.length,
      bitrateKbpsAvg: avg((s) => s.bitrateKbps),
      bitrateKbpsMin: round(Math.min(...w.map((s) => s.bitrateKbps))),
      packetLossPctAvg: avg((s) => s.packetLossPct),
      packetLossPctMax: round(Math.max(...w.map((s) => s.packetLossPct))),
      fpsAvg: avg((s) => s.fps),
      rttMsAvg: rtts.length === 0 ? null : round(rtts.reduce((a, r) => a + r, 0) / rtts.length),
      rttMsMax: rtts.length === 0 ? null : round(Math.max(...rtts)),
      frame: `${w.at(-1)?.frameWidth ?? 0}x${w.at(-1)?.frameHeight ?? 0}`,
    };
    this.window = [];
    this.windowStart = null;
    return out;
  }
}
