// A simulated visit terminal in Node: joins a visit's room through
// the central store's real signaling with main's own SignalingClient, speaks the same
// protocol as a kiosk (ready → generation 1, the prison/inmate side initiates, rtc
// signals and controls wrapped in the peer envelope), and sends generated video and
// audio over a simple-peer connection built on @roamhq/wrtc. What it receives is
// counted (frames, audio chunks) and timed, for tests and the call benchmark.
import SimplePeer from 'simple-peer';
import type { MediaStreamTrack as WrtcTrack } from '@roamhq/wrtc';
import { SignalingClient, type SignalingEndpoint } from '../../src-main/call/signaling-client';
import { peerEnvelopeSchema, type PeerControl } from '../../src-shared/signaling/peer-envelope';
import { rtcSignalSchema } from '../../src-shared/signaling/rtc-signal';
import type { IceServer } from '../../src-shared/signaling/call-schemas';
import type { ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';
import { startGeneratedMedia, type GeneratedMedia, type GeneratedMediaOptions } from './generated-media';
import { wrtc } from './wrtc';

export interface SimTerminalOptions {
  endpoint: SignalingEndpoint;
  visitId: string;
  media?: Partial<GeneratedMediaOptions>;
  iceServers?: IceServer[];
  /** Progress lines (joined, ready, connected, first frame…); silent by default. */
  log?: (line: string) => void;
  /** Every message from the store, as it arrives (a test times a reconnection with it). */
  onServerMessage?: (message: ServerMessage) => void;
}

export interface FirstFrame {
  /** Epoch milliseconds (performance.timeOrigin-based, comparable across processes). */
  at: number;
  width: number;
  height: number;
  /** Mean chroma of the frame: which terminal's tint arrived. */
  tint: { u: number; v: number };
}

export interface SimFigures {
  side: SignalSide | null;
  joinedAt: number | null;
  /** When this side knew both sides were ready (its own ready and the peer's). */
  bothReadyAt: number | null;
  connectedAt: number | null;
  firstFrame: FirstFrame | null;
  framesReceived: number;
  audioChunksReceived: number;
  framesSent: number;
  generation: number;
  /** The other side's end of the visit (its countdown, a termination), if any. */
  ended: { outcome: string; code: string | null } | null;
  errors: string[];
}

const DEFAULT_MEDIA: GeneratedMediaOptions = { width: 320, height: 240, fps: 15, tint: { u: 90, v: 160 }, toneHz: 440 };
const epochNow = () => performance.timeOrigin + performance.now();

function meanChroma(frame: { width: number; height: number; data: Uint8Array }): { u: number; v: number } {
  const luma = frame.width * frame.height;
  const chroma = luma / 4;
  let u = 0;
  let v = 0;
  for (let i = 0; i < chroma; i += 1) {
    u += frame.data[luma + i] ?? 0;
    v += frame.data[luma + chroma + i] ?? 0;
  }
  return { u: Math.round(u / chroma), v: Math.round(v / chroma) };
}

export class SimTerminal {
  private readonly client: SignalingClient;
  private media: GeneratedMedia | null = null;
  private peer: SimplePeer.Instance | null = null;
  private readonly pending = new Map<number, unknown[]>();
  private readonly sinks: { stop(): void }[] = [];
  private readonly waiters: (() => void)[] = [];
  private stopped = false;
  private joinFailure: ((error: Error) => void) | null = null;
  private readonly figures: SimFigures = {
    side: null,
    joinedAt: null,
    bothReadyAt: null,
    connectedAt: null,
    firstFrame: null,
    framesReceived: 0,
    audioChunksReceived: 0,
    framesSent: 0,
    generation: 0,
    ended: null,
    errors: [],
  };

  constructor(private readonly o: SimTerminalOptions) {
    this.client = new SignalingClient({
      endpoint: o.endpoint,
      visitId: o.visitId,
      onMessage: (m) => this.onMessage(m),
      onConnection: (up, detail) => {
        if (up) return;
        this.log(`信令连接断开 signaling closed (${detail.code ?? '-'} ${detail.reason ?? ''})`);
        if (detail.fatal && !this.stopped) {
          const error = new Error(`模拟终端无法加入会见 ${o.visitId}：${detail.reason || '连接被拒绝'}（${detail.code ?? '-'}）`);
          this.figures.errors.push(error.message);
          this.joinFailure?.(error);
          this.wake();
        }
      },
      backoff: { initialMs: 100, maxMs: 2_000 },
    });
  }

  /** Starts the camera and microphone and joins; resolves once the store welcomed this side. */
  join(timeoutMs = 10_000): Promise<void> {
    this.media = startGeneratedMedia({ ...DEFAULT_MEDIA, ...this.o.media });
    this.client.start();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`模拟终端 ${timeoutMs} ms 内未能加入会见 ${this.o.visitId}`)), timeoutMs);
      this.joinFailure = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      void this.until(() => this.figures.joinedAt !== null, timeoutMs + 1_000).then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        () => undefined,
      );
    });
  }

  snapshot(): SimFigures {
    return { ...this.figures, framesSent: this.media?.framesSent ?? 0, errors: [...this.figures.errors] };
  }

  /** Resolves when at least `frames` remote video frames were decoded. */
  async receivedFrames(frames: number, timeoutMs = 20_000): Promise<SimFigures> {
    await this.until(() => this.figures.framesReceived >= frames, timeoutMs, `${frames} 帧远端画面`);
    return this.snapshot();
  }

  /** Resolves when the other side ended the visit. */
  async endedByPeer(timeoutMs: number): Promise<SimFigures> {
    await this.until(() => this.figures.ended !== null, timeoutMs, '对方结束会见');
    return this.snapshot();
  }

  /** Says goodbye to the room and releases the peer connection and the media. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.client.stop();
    this.peer?.destroy();
    this.peer = null;
    for (const sink of this.sinks.splice(0)) sink.stop();
    this.media?.stop();
    this.wake();
  }

  private log(line: string): void {
    this.o.log?.(`[sim ${this.figures.side ?? '?'}] ${line}`);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private async until(done: () => boolean, timeoutMs: number, what = '条件'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (this.figures.errors.length > 0 && this.stopped === false && this.figures.joinedAt === null)
        throw new Error(this.figures.errors[0]);
      if (this.stopped) throw new Error(`模拟终端已停止，未等到${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`模拟终端 ${timeoutMs} ms 内未等到${what}（已收 ${this.figures.framesReceived} 帧）`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Reports how the visit ended (R18.1), as a kiosk's call does at its end; resolves with the
   * visit's status at the store, rejects with the store's refusal.
   */
  async reportOutcome(outcome: 'completed' | 'terminated' | 'interrupted', code: string, reason: string): Promise<string> {
    const answer = new Promise<string>((resolve, reject) => {
      this.outcomeWaiter = (m) => {
        if (m.type === 'outcome-recorded') resolve(m.status);
        else if (m.type === 'error') reject(new Error(m.message));
        else return false;
        return true;
      };
    });
    this.client.send({ type: 'outcome', outcome, code, reason });
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('中心库未答复会见结果')), 10_000).unref());
    try {
      return await Promise.race([answer, timer]);
    } finally {
      this.outcomeWaiter = null;
    }
  }

  private outcomeWaiter: ((m: ServerMessage) => boolean) | null = null;

  private onMessage(m: ServerMessage): void {
    if (this.stopped) return;
    this.o.onServerMessage?.(m);
    if (this.outcomeWaiter?.(m) === true) this.outcomeWaiter = null;
    switch (m.type) {
      case 'welcome':
        this.figures.side = m.side;
        this.figures.joinedAt ??= epochNow();
        this.log(`已加入会见 joined visit ${m.visitId}（对方${m.peerPresent ? '已在线' : '未上线'}）`);
        if (m.peerPresent) this.client.send({ type: 'ready' });
        break;
      case 'presence':
        if (m.state === 'joined') this.client.send({ type: 'ready' });
        break;
      case 'ready':
        if (this.figures.generation === 0) {
          this.figures.bothReadyAt = epochNow();
          this.log('双方就绪 both ready: building the peer connection');
          this.build(1);
        }
        break;
      case 'signal':
        this.onEnvelope(m.data);
        break;
      default:
        break;
    }
    this.wake();
  }

  private onEnvelope(data: unknown): void {
    const parsed = peerEnvelopeSchema.safeParse(data);
    if (!parsed.success) return;
    const e = parsed.data;
    if (e.kind === 'control') return this.onControl(e.control);
    if (e.generation < this.figures.generation) return;
    if (e.generation > this.figures.generation || this.peer === null) {
      const list = this.pending.get(e.generation) ?? [];
      list.push(e.data);
      this.pending.set(e.generation, list);
      return;
    }
    this.peer.signal(e.data as SimplePeer.SignalData);
  }

  private onControl(c: PeerControl): void {
    switch (c.type) {
      case 'ended':
        this.figures.ended = { outcome: c.outcome, code: c.outcome === 'completed' ? 'R14.2' : 'R18.1' };
        break;
      case 'terminate':
        this.figures.ended = { outcome: 'terminated', code: c.code };
        break;
      case 'renegotiate':
        if (c.generation > this.figures.generation) this.build(c.generation);
        break;
      default:
        this.log(`对方操作 remote action: ${c.type}`);
    }
  }

  private build(generation: number): void {
    this.peer?.destroy();
    this.figures.generation = generation;
    const initiator = this.figures.side === 'inmate';
    const peer = new SimplePeer({
      initiator,
      trickle: true,
      wrtc: wrtc as unknown as SimplePeer.Options['wrtc'],
      stream: this.media?.stream as unknown as MediaStream,
      config: { iceServers: (this.o.iceServers ?? []) as RTCIceServer[] },
    });
    this.peer = peer;
    peer.on('signal', (data) => {
      const rtc = rtcSignalSchema.safeParse(data);
      if (!rtc.success) this.figures.errors.push(`signal not sent: ${rtc.error.issues[0]?.message ?? 'invalid'}`);
      else if (this.figures.generation === generation)
        this.client.send({ type: 'signal', data: { kind: 'rtc', generation, data: rtc.data } });
    });
    peer.on('connect', () => {
      this.figures.connectedAt ??= epochNow();
      this.log('媒体连接已建立 peer connected');
      this.wake();
    });
    peer.on('track', (track: MediaStreamTrack) => this.sink(track as unknown as WrtcTrack));
    peer.on('error', (error: Error) => {
      this.figures.errors.push(`peer: ${error.message}`);
      this.wake();
    });
    for (const data of this.pending.get(generation) ?? []) peer.signal(data as SimplePeer.SignalData);
    for (const g of [...this.pending.keys()]) if (g <= generation) this.pending.delete(g);
  }

  private sink(track: WrtcTrack): void {
    if (track.kind === 'video') {
      const sink = new wrtc.nonstandard.RTCVideoSink(track);
      sink.onframe = (event: { frame: { width: number; height: number; data: Uint8Array } }) => {
        this.figures.framesReceived += 1;
        if (this.figures.firstFrame === null) {
          const { frame } = event;
          this.figures.firstFrame = { at: epochNow(), width: frame.width, height: frame.height, tint: meanChroma(frame) };
          this.log(`收到第一帧远端画面 first remote frame ${frame.width}×${frame.height}`);
        }
        if (this.figures.framesReceived % 5 === 0) this.wake();
      };
      this.sinks.push(sink);
    } else if (track.kind === 'audio') {
      const sink = new wrtc.nonstandard.RTCAudioSink(track);
      sink.ondata = () => {
        this.figures.audioChunksReceived += 1;
      };
      this.sinks.push(sink);
    }
  }
}
