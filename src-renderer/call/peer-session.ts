// The renderer's side of the call (design.md: simple-peer lives here, main relays its
// signals). One simple-peer connection per generation: main's call state says which
// generation to build and whether this side initiates (the prison side does); a new
// generation after a drop means "build a new peer connection" (R18.1). The renderer
// never decides anything about the visit: it only reports what the connection does.
import SimplePeer from 'simple-peer';
import type { CallState } from '../../src-shared/signaling/call-schemas';
import type { KioskClient } from '../kiosk-client';
import { StatsSampler } from './stats';

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
  private closed = false;

  constructor(
    private readonly client: KioskClient,
    private readonly visitId: string,
    private readonly local: MediaStream,
    private readonly events: PeerSessionEvents,
  ) {}

  /** Follows main's state: builds the peer of a new generation, drops it when the call ends. */
  update(state: CallState): void {
    if (this.closed || state.visitId !== this.visitId) return;
    if (!LIVE_PHASES.has(state.phase)) {
      if (state.phase === 'ended') this.close();
      return;
    }
    if (state.generation > this.generation) this.build(state.generation, state.initiator, state.iceServers);
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
    this.peer.signal(data as SimplePeer.SignalData);
  }

  close(): void {
    this.closed = true;
    this.stopStats();
    this.peer?.destroy();
    this.peer = null;
  }

  private build(generation: number, initiator: boolean, iceServers: CallState['iceServers']): void {
    this.stopStats();
    this.peer?.destroy();
    this.generation = generation;
    const report = (state: 'connected' | 'disconnected' | 'failed') => {
      if (this.closed || this.generation !== generation) return;
      void this.client.call.media({ visitId: this.visitId, generation, state }).catch(() => undefined);
    };
    const peer = new SimplePeer({ initiator, stream: this.local, trickle: true, config: { iceServers: iceServers as RTCIceServer[] } });
    this.peer = peer;
    peer.on('signal', (data) => {
      if (this.generation !== generation) return;
      void this.client.call.signal({ visitId: this.visitId, generation, data }).catch(() => undefined);
    });
    peer.on('stream', (stream) => this.events.onRemoteStream(stream));
    peer.on('connect', () => {
      report('connected');
      this.startStats(peer);
    });
    peer.on('iceStateChange', (ice: RTCIceConnectionState) => {
      if (ice === 'disconnected') report('disconnected');
      else if (ice === 'failed') report('failed');
      else if ((ice === 'connected' || ice === 'completed') && peer.connected) report('connected');
    });
    peer.on('error', () => report('failed'));
    peer.on('close', () => report('failed'));
    for (const data of this.pending.get(generation) ?? []) peer.signal(data as SimplePeer.SignalData);
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
  }
}
