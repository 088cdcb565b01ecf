// The renderer's side of the call (design.md: simple-peer lives here, main relays its
// signals). One simple-peer connection per generation: main's call state says which
// generation to build and whether this side initiates (the prison side does); a new
// generation after a drop means "build a new peer connection" (R18.1). The renderer
// never decides anything about the visit: it only reports what the connection does.
// R18.1: a rise of `iceRestarts` asks the initiator to restart ICE on the current
// connection; a window that (re)attaches builds only generations from `minGeneration`
// on, and only after main has taken its "local-ready" (so a reloaded window never
// answers with a dead generation). R24.1: a hold stops this side's outgoing picture and
// sound, a mute its outgoing sound; the local preview and the recording keep the
// original tracks (the peer gets clones).
import SimplePeer from 'simple-peer';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import type { KioskClient } from '../kiosk-client';
import { StatsSampler } from './stats';
import { prioritiseAudio } from './sender-priority';
import { LinkWatch } from './link-watch';
import { withOpusFec } from '../../src-shared/signaling/sdp-audio';
import { withVideoFloor } from '../../src-shared/signaling/sdp-video';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';
import { SetupTimeline, signalKind } from './setup-timeline';

export interface PeerSessionEvents {
  onRemoteStream(stream: MediaStream | null): void;
}

const LIVE_PHASES = new Set<CallState['phase']>(['connecting', 'in-progress', 'reconnecting']);
const STATS_INTERVAL_MS = 3_000;

export class PeerSession {
  private peer: SimplePeer.Instance | null = null;
  private generation = 0;
  private readonly pending = new Map<number, unknown[]>();
  private statsTimer: number | null = null;
  private sampler: StatsSampler | null = null;
  private watch: LinkWatch | null = null;
  private closed = false;
  /** Main has taken this window's "local-ready": states from now on are for this window. */
  private attached = false;
  private latest: CallState | null = null;
  private minGeneration = 1;
  private iceRestarts = 0;
  /** Issue #22 item 2: the current connection's set-up steps (./setup-timeline). */
  private timeline: SetupTimeline | null = null;
  /** What the other terminal receives: clones, so a hold or mute leaves the preview and the recording alone. */
  private readonly outgoing: MediaStream;

  constructor(
    private readonly client: KioskClient,
    private readonly visitId: string,
    local: MediaStream,
    private readonly events: PeerSessionEvents,
  ) {
    this.outgoing = local.clone();
  }

  /** Tells main this window listens (R24.1), then follows its state. */
  async attach(): Promise<void> {
    await this.client.call.media({ visitId: this.visitId, generation: 0, state: 'local-ready' }).catch(() => undefined);
    const current = await this.client.call.current().catch(() => null);
    this.attached = true;
    const state = current?.visitId === this.visitId ? current : this.latest;
    if (state) this.update(state);
  }

  /** Follows main's state: builds the peer of a new generation, drops it when the call ends. */
  update(state: CallState): void {
    if (this.closed || state.visitId !== this.visitId) return;
    this.latest = state;
    this.applyControls(state);
    if (!this.attached) return;
    if (!LIVE_PHASES.has(state.phase)) {
      if (state.phase === 'ended') this.close();
      return;
    }
    // Never go back below what main already declared dead for this window.
    this.minGeneration = Math.max(this.minGeneration, state.minGeneration);
    if (state.generation > this.generation && state.generation >= this.minGeneration) {
      this.iceRestarts = state.iceRestarts;
      this.build(state.generation, state.initiator, state.iceServers, state.iceTransportPolicy);
      return;
    }
    if (state.generation === this.generation && state.iceRestarts > this.iceRestarts) {
      this.iceRestarts = state.iceRestarts;
      if (state.initiator) this.restartIce();
    }
  }

  /** R24.1: hold → nothing leaves this terminal; mute of this side → no sound leaves it. */
  private applyControls(state: CallState): void {
    const held = state.phase !== 'ended' && state.hold !== null;
    const muted = state.muted.some((m) => m.side === state.side);
    for (const t of this.outgoing.getVideoTracks()) t.enabled = !held;
    for (const t of this.outgoing.getAudioTracks()) t.enabled = !held && !muted;
  }

  /** R18.1 first remedy: a new ICE negotiation on the same connection (new candidates, e.g. a restarted TURN server). */
  private restartIce(): void {
    const peer = this.peer;
    const pc = (peer as unknown as { _pc?: RTCPeerConnection } | null)?._pc;
    if (!peer || !pc || peer.destroyed) return;
    pc.restartIce();
    // simple-peer's own renegotiation (not in its typings): an offer that carries the restart.
    (peer as unknown as { negotiate(): void }).negotiate();
  }

  /** The other terminal's signal, for the generation it was made for. */
  signal(generation: number, data: unknown): void {
    if (this.closed || generation < this.generation) return;
    if (generation > this.generation || !this.peer) {
      // The state event for this generation has not arrived yet: keep the signal for it.
      const list = this.pending.get(generation) ?? [];
      list.push(data);
      this.pending.set(generation, list);
      return;
    }
    this.timeline?.once(`recv:${signalKind(data as SimplePeer.SignalData)}`);
    this.peer.signal(data as SimplePeer.SignalData);
  }

  close(): void {
    this.closed = true;
    this.stopStats();
    this.peer?.destroy();
    this.peer = null;
    for (const t of this.outgoing.getTracks()) t.stop();
  }

  private build(
    generation: number,
    initiator: boolean,
    iceServers: CallState['iceServers'],
    iceTransportPolicy: CallState['iceTransportPolicy'],
  ): void {
    this.stopStats();
    this.peer?.destroy();
    this.generation = generation;
    const timeline = new SetupTimeline(this.visitId, generation);
    this.timeline = timeline;
    timeline.mark('build');
    const report = (state: 'connected' | 'disconnected' | 'failed') => {
      if (this.closed || this.generation !== generation) return;
      void this.client.call.media({ visitId: this.visitId, generation, state }).catch(() => undefined);
    };
    const peer = new SimplePeer({
      initiator,
      stream: this.outgoing,
      trickle: true,
      config: { iceServers: iceServers as RTCIceServer[], iceTransportPolicy },
      // Issue #23: Opus in-band FEC both ways (a lost audio packet rebuilt from the next), and
      // a floor under the video's congestion estimate.
      sdpTransform: (sdp: string) => withVideoFloor(withOpusFec(sdp)),
    });
    this.peer = peer;
    const pc = (peer as unknown as { _pc?: RTCPeerConnection })._pc;
    if (pc) {
      timeline.watch(pc);
      // Before the offer: the senders' priorities stay through the negotiation (./sender-priority).
      void prioritiseAudio(pc).then(() => timeline.mark('priorities'));
    }
    timeline.mark('pc-created');
    peer.on('signal', (data) => {
      if (this.generation !== generation) return;
      timeline.once(`send:${signalKind(data)}`);
      // simple-peer's SignalData is typed loosely (kind: string); the contract checks the real shape.
      void this.client.call.signal({ visitId: this.visitId, generation, data: data as RtcSignal }).catch(() => undefined);
    });
    peer.on('stream', (stream) => this.events.onRemoteStream(stream));
    peer.on('connect', () => {
      timeline.once('peer-connect');
      report('connected');
      this.startStats(peer);
      // Issue #23: sound before picture; the picture lowers its size and rate before it freezes.
      const pc = (peer as unknown as { _pc?: RTCPeerConnection })._pc;
      if (pc)
        void prioritiseAudio(pc).then((changed) => {
          // Set at build and kept: nothing to do here (the e2e call-network test checks it).
          if (changed > 0) timeline.mark('priorities:at-connect');
          // The encoding ladder and the key frame after an outage (issue #23, R18.1).
          if (this.closed || this.generation !== generation || this.peer !== peer) return;
          this.watch?.stop();
          this.watch = new LinkWatch(pc);
          this.watch.start();
        });
    });
    peer.on('iceStateChange', (ice: RTCIceConnectionState) => {
      if (ice === 'disconnected') report('disconnected');
      else if (ice === 'failed') report('failed');
      else if ((ice === 'connected' || ice === 'completed') && peer.connected) report('connected');
    });
    peer.on('error', () => report('failed'));
    peer.on('close', () => report('failed'));
    for (const data of this.pending.get(generation) ?? []) {
      timeline.once(`recv:${signalKind(data as SimplePeer.SignalData)}`);
      peer.signal(data as SimplePeer.SignalData);
    }
    this.pending.delete(generation);
    for (const g of [...this.pending.keys()]) if (g < generation) this.pending.delete(g);
  }

  private startStats(peer: SimplePeer.Instance): void {
    const pc = (peer as unknown as { _pc?: RTCPeerConnection })._pc;
    if (!pc) return;
    this.sampler = new StatsSampler(pc);
    this.statsTimer = window.setInterval(() => {
      void this.sampler?.sample().then((sample) => {
        if (sample && !this.closed) void this.client.call.stats({ visitId: this.visitId, sample }).catch(() => undefined);
      });
    }, STATS_INTERVAL_MS);
  }

  private stopStats(): void {
    if (this.statsTimer !== null) window.clearInterval(this.statsTimer);
    this.statsTimer = null;
    this.sampler = null;
    this.watch?.stop();
    this.watch = null;
  }
}
