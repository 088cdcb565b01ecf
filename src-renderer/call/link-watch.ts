// Issue #23 item 4 and R18.1, on the sending side of the call's connection: twice a second a
// look at getStats. (1) When the other side's packets flow again after an outage, this side's
// picture restarts with a key frame at once: the other side's decoder lost its references in
// the outage, and Chromium's receiver asks for a key frame only when its 3-second decode
// timer next fires, so the picture came back anywhere from 0.5 to 3.5 s after the link did.
// (2) Every 2 s the loss the other side reports on this side's video and the round trip grade
// the link (src-shared/signaling/send-ladder) and the video sender follows the ladder.
import { encodingFor, LadderState, ReturnWatch, type Rung, type SendReading } from '../../src-shared/signaling/send-ladder';

const POLL_MS = 500;
/** Readings of the ladder every this many polls (an RTCP report comes about once a second). */
const LADDER_EVERY = 4;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export class LinkWatch {
  private timer: number | null = null;
  private readonly returns = new ReturnWatch();
  private readonly ladder = new LadderState();
  private polls = 0;
  private busy = false;
  private lastVideo: { sent: number; lost: number } | null = null;
  /** setParameters calls one after another (a stale transaction is refused). */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pc: RTCPeerConnection) {}

  start(): void {
    if (this.timer !== null) return;
    this.timer = window.setInterval(() => void this.poll(), POLL_MS);
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
  }

  get rung(): Rung {
    return this.ladder.rung;
  }

  private videoSender(): RTCRtpSender | null {
    return this.pc.getSenders().find((s) => s.track?.kind === 'video') ?? null;
  }

  private async poll(): Promise<void> {
    if (this.busy || this.pc.connectionState === 'closed') return;
    this.busy = true;
    try {
      const report = await this.pc.getStats();
      let received = 0;
      let sent = 0;
      let lost = 0;
      let pairId: string | null = null;
      const byId = new Map<string, Record<string, unknown>>();
      report.forEach((s: Record<string, unknown>) => {
        byId.set(String(s.id), s);
        if (s.type === 'inbound-rtp') received += num(s.packetsReceived);
        if (s.type === 'outbound-rtp' && s.kind === 'video') sent += num(s.packetsSent);
        if (s.type === 'remote-inbound-rtp' && s.kind === 'video') lost += Math.max(0, num(s.packetsLost));
        if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') pairId = s.selectedCandidatePairId;
      });
      if (this.returns.read(received, performance.now())) this.keyFrame();
      this.polls += 1;
      if (this.polls % LADDER_EVERY !== 0) return;
      // A key frame's pause whose resume was refused (e.g. mid-renegotiation) must not leave the picture off.
      if (
        this.videoSender()
          ?.getParameters()
          .encodings?.some((e) => e.active === false)
      )
        this.resume();
      const pair = pairId ? byId.get(pairId) : undefined;
      const rtt = pair && typeof pair.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : null;
      const prev = this.lastVideo;
      this.lastVideo = { sent, lost };
      const dSent = prev ? sent - prev.sent : 0;
      const dLost = prev ? lost - prev.lost : 0;
      const reading: SendReading = { lossPct: dSent > 0 && dLost >= 0 ? (dLost / dSent) * 100 : null, rttMs: rtt };
      const next = this.ladder.read(reading);
      if (next) this.apply(next);
    } catch {
      // A connection closing under getStats: the session builds a new watch for the next one.
    } finally {
      this.busy = false;
    }
  }

  /** The video sender's settings for `rung` (audio keeps its priority, set at connect). */
  private apply(rung: Rung): void {
    this.enqueue(async (sender) => {
      const height = sender.track?.getSettings().height ?? 0;
      const e = encodingFor(rung, height);
      const params = sender.getParameters();
      params.degradationPreference = e.degradationPreference;
      for (const enc of params.encodings ?? []) {
        enc.scaleResolutionDownBy = e.scaleResolutionDownBy;
        if (e.maxFramerate === null) delete enc.maxFramerate;
        else enc.maxFramerate = e.maxFramerate;
        if (e.maxBitrate === null) delete enc.maxBitrate;
        else enc.maxBitrate = e.maxBitrate;
      }
      await sender.setParameters(params);
    });
  }

  /** A key frame now: pausing and resuming the encoding restarts it with one (no frame is lost). */
  keyFrame(): void {
    const set = async (sender: RTCRtpSender, active: boolean) => {
      const params = sender.getParameters();
      for (const enc of params.encodings ?? []) enc.active = active;
      await sender.setParameters(params);
    };
    this.enqueue(async (sender) => {
      try {
        await set(sender, false);
      } finally {
        // Never left paused, whatever the first call did (and the next reading checks again).
        await set(sender, true).catch(() => set(sender, true));
      }
    });
  }

  private resume(): void {
    this.enqueue(async (sender) => {
      const params = sender.getParameters();
      for (const enc of params.encodings ?? []) enc.active = true;
      await sender.setParameters(params);
    });
  }

  private enqueue(f: (sender: RTCRtpSender) => Promise<void>): void {
    this.queue = this.queue
      .then(() => {
        const sender = this.videoSender();
        return sender && this.pc.connectionState !== 'closed' ? f(sender) : undefined;
      })
      // A sender that changed under us (a renegotiation) refuses: the next reading tries again.
      .catch(() => undefined);
  }
}
