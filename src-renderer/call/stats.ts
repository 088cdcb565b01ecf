// Link quality from RTCPeerConnection.getStats: received video
// bitrate, packet loss since the previous sample, frame rate, frame size and the
// selected candidate pair's round-trip time.
import type { LinkSample } from '../../src-shared/signaling/call-schemas';

interface Counters {
  at: number;
  bytes: number;
  lost: number;
  received: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const round = (n: number) => Math.round(n * 10) / 10;

export class StatsSampler {
  private previous: Counters | null = null;

  constructor(private readonly pc: RTCPeerConnection) {}

  async sample(): Promise<LinkSample | null> {
    if (this.pc.connectionState === 'closed') return null;
    const report = await this.pc.getStats();
    let video: Record<string, unknown> | null = null;
    let rtt: number | null = null;
    report.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') video = s;
      if (
        s.type === 'candidate-pair' &&
        s.state === 'succeeded' &&
        s.nominated === true &&
        typeof s.currentRoundTripTime === 'number'
      ) {
        rtt = s.currentRoundTripTime * 1000;
      }
    });
    const v = (video ?? {}) as Record<string, unknown>;
    const now = performance.now();
    const counters: Counters = {
      at: now,
      bytes: num(v.bytesReceived),
      lost: Math.max(0, num(v.packetsLost)),
      received: num(v.packetsReceived),
    };
    const prev = this.previous;
    this.previous = counters;
    const seconds = prev ? (now - prev.at) / 1000 : 0;
    const bitrateKbps = prev && seconds > 0 ? Math.max(0, ((counters.bytes - prev.bytes) * 8) / 1000 / seconds) : 0;
    const lost = prev ? Math.max(0, counters.lost - prev.lost) : counters.lost;
    const received = prev ? Math.max(0, counters.received - prev.received) : counters.received;
    const packetLossPct = lost + received > 0 ? Math.min(100, (lost / (lost + received)) * 100) : 0;
    return {
      at: new Date().toISOString(),
      bitrateKbps: round(bitrateKbps),
      packetLossPct: round(packetLossPct),
      fps: round(num(v.framesPerSecond)),
      rttMs: rtt === null ? null : round(rtt),
      frameWidth: Math.round(num(v.frameWidth)),
      frameHeight: Math.round(num(v.frameHeight)),
    };
  }
}
