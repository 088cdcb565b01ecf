// Issue #19: the extra, low-bitrate streams this terminal sends the monitoring centre's
// observers (R13.1). One send-only simple-peer per observer main lists in the call state
// (this side initiates; a new epoch means the observer dropped the old stream: build again).
// The picture is a clone of this room's camera scaled down in the browser (320×180, 10 fps,
// at most 150 kbit/s per observer), so the visit's own connection, its preview and its
// recording keep their original tracks and are not disturbed when an observer comes or goes.
import SimplePeer from 'simple-peer';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';
import { OBSERVER_STREAM } from '../../src-shared/signaling/observer-protocol';
import type { KioskClient } from '../kiosk-client';

const LIVE_PHASES = new Set<CallState['phase']>(['connecting', 'in-progress', 'reconnecting']);

interface Stream {
  epoch: number;
  peer: SimplePeer.Instance;
}

/** Caps every video sender of the connection at the observer bitrate (after negotiation, when encodings exist). */
export async function capSenders(pc: RTCPeerConnection, maxBitrate: number = OBSERVER_STREAM.maxBitrateBps): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video') continue;
    const params = sender.getParameters();
    if (params.encodings.length === 0) params.encodings = [{}];
    for (const e of params.encodings) {
      e.maxBitrate = maxBitrate;
      e.maxFramerate = OBSERVER_STREAM.frameRate;
    }
    await sender.setParameters(params).catch(() => undefined);
  }
}

export class ObserverStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly pending = new Map<string, unknown[]>();
  private small: MediaStream | null = null;
  private closed = false;

  constructor(
    private readonly client: KioskClient,
    private readonly visitId: string,
    private readonly local: MediaStream,
  ) {}

  /** Builds a stream to each listed observer (of its current epoch), drops the others. */
  update(state: CallState): void {
    if (this.closed || state.visitId !== this.visitId) return;
    const wanted = LIVE_PHASES.has(state.phase) ? state.observers : [];
    const keep = new Set(wanted.map((o) => o.observerId));
    for (const [id, s] of this.streams) {
      const now = wanted.find((o) => o.observerId === id);
      if (!keep.has(id) || now?.epoch !== s.epoch) this.drop(id);
    }
    for (const o of wanted) if (!this.streams.has(o.observerId)) this.build(o.observerId, o.epoch, state);
  }

  /** An observer's answer or candidate. */
  signal(observerId: string, data: unknown): void {
    const s = this.streams.get(observerId);
    if (s && !s.peer.destroyed) return s.peer.signal(data as SimplePeer.SignalData);
    const list = this.pending.get(observerId) ?? [];
    if (list.length < 50) list.push(data);
    this.pending.set(observerId, list);
  }

  /** How many observer streams run (tests, the bench). */
  get size(): number {
    return this.streams.size;
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.streams.keys()]) this.drop(id);
    for (const t of this.small?.getTracks() ?? []) t.stop();
    this.small = null;
  }

  /** One scaled-down copy of the room's camera and microphone, shared by every observer. */
  private smallStream(): MediaStream {
    if (this.small) return this.small;
    const small = new MediaStream();
    for (const t of this.local.getAudioTracks()) small.addTrack(t.clone());
    for (const t of this.local.getVideoTracks()) {
      const c = t.clone();
      const { width, height, frameRate } = OBSERVER_STREAM;
      // A clone can be scaled apart from the original: the visit's own track stays as it is.
      void c
        .applyConstraints({ width: { max: width }, height: { max: height }, frameRate: { max: frameRate } })
        .catch(() => undefined);
      small.addTrack(c);
    }
    this.small = small;
    return small;
  }

  private build(observerId: string, epoch: number, state: CallState): void {
    const peer = new SimplePeer({
      initiator: true,
      stream: this.smallStream(),
      trickle: true,
      config: { iceServers: state.iceServers as RTCIceServer[], iceTransportPolicy: state.iceTransportPolicy },
    });
    this.streams.set(observerId, { epoch, peer });
    peer.on('signal', (data) => {
      if (this.streams.get(observerId)?.peer !== peer) return;
      void this.client.call
        .observerSignal({ visitId: this.visitId, observerId, epoch, data: data as RtcSignal })
        .catch(() => undefined);
    });
    peer.on('connect', () => {
      const pc = (peer as unknown as { _pc?: RTCPeerConnection })._pc;
      if (pc) void capSenders(pc);
    });
    // An observer that goes away is main's to announce; a failed stream just stays down until then.
    peer.on('error', () => undefined);
    for (const data of this.pending.get(observerId) ?? []) peer.signal(data as SimplePeer.SignalData);
    this.pending.delete(observerId);
  }

  private drop(observerId: string): void {
    this.streams.get(observerId)?.peer.destroy();
    this.streams.delete(observerId);
    this.pending.delete(observerId);
  }
}
