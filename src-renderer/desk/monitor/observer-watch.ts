// Issue #19: the desk window's side of observing one visit (R13.1). Main holds the socket
// (desk.observe); the terminals each offer a low-bitrate stream, and this answers with one
// receive-only simple-peer per side. A side that rejoins the relay (the terminal reconnected)
// starts a new stream, so its old peer is dropped. A store node that drains (4503, #20) is
// left for another at once: the watch observes again and the terminals offer new streams.
// Nothing here decides about the visit.
import SimplePeer from 'simple-peer';
import type { DeskObserverEvent } from '../../../src-shared/ipc/desk-monitor-contract';
import { CLOSE } from '../../../src-shared/signaling/protocol';
import type { IceConfig, SignalSide } from '../../../src-shared/signaling/protocol';
import type { RtcSignal } from '../../../src-shared/signaling/rtc-signal';
import type { KioskClient } from '../../kiosk-client';
import { deskCall } from '../app/desk-call';

export interface ObserverWatchEvents {
  onStream(side: SignalSide, stream: MediaStream | null, pc: RTCPeerConnection | null): void;
  /** The store closed the socket (or refused it): the reason, in zh-CN. */
  onClosed(reason: string): void;
}

export class ObserverWatch {
  private readonly peers = new Map<SignalSide, SimplePeer.Instance>();
  private readonly queued: { from: SignalSide; data: unknown }[] = [];
  private ice: IceConfig | null = null;
  private off: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly client: KioskClient,
    private readonly visitId: string,
    private readonly events: ObserverWatchEvents,
  ) {}

  async start(): Promise<void> {
    // Listening first: the terminals' offers may arrive before observe answers.
    this.off = this.client.on('desk.observer', (e) => {
      if (e.visitId === this.visitId) this.handle(e.message);
    });
    await this.join();
  }

  private async join(): Promise<void> {
    try {
      const joined = await deskCall(this.client.desk.observe({ visitId: this.visitId }));
      if (this.stopped) return;
      this.ice = joined.ice;
      for (const q of this.queued.splice(0)) this.peerFor(q.from).signal(q.data as SimplePeer.SignalData);
    } catch (error) {
      this.events.onClosed(error instanceof Error ? error.message : String(error));
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.off?.();
    for (const side of [...this.peers.keys()]) this.drop(side);
    void this.client.desk.unobserve({ visitId: this.visitId }).catch(() => undefined);
  }

  private handle(message: DeskObserverEvent['message']): void {
    if (this.stopped) return;
    switch (message.type) {
      case 'signal':
        if (this.ice === null) this.queued.push({ from: message.from, data: message.data });
        else this.peerFor(message.from).signal(message.data as SimplePeer.SignalData);
        return;
      case 'presence':
        // Joined again or gone: either way the old stream from that side is dead.
        this.drop(message.side);
        return;
      case 'closed':
        for (const side of [...this.peers.keys()]) this.drop(side);
        if (message.code === CLOSE.NODE_DRAINING) {
          // Not an end: through the load balancer to another node, with fresh streams.
          this.ice = null;
          void this.join();
          return;
        }
        this.events.onClosed(message.reason);
        return;
      default:
        return;
    }
  }

  private peerFor(side: SignalSide): SimplePeer.Instance {
    const existing = this.peers.get(side);
    if (existing && !existing.destroyed) return existing;
    const ice = this.ice ?? { iceServers: [], iceTransportPolicy: 'all' as const };
    const peer = new SimplePeer({
      initiator: false,
      trickle: true,
      config: { iceServers: ice.iceServers as RTCIceServer[], iceTransportPolicy: ice.iceTransportPolicy },
    });
    this.peers.set(side, peer);
    peer.on('signal', (data) => {
      if (this.peers.get(side) !== peer) return;
      void this.client.desk.observerSignal({ visitId: this.visitId, to: side, data: data as RtcSignal }).catch(() => undefined);
    });
    peer.on('stream', (stream: MediaStream) => {
      const pc = (peer as unknown as { _pc?: RTCPeerConnection })._pc ?? null;
      this.events.onStream(side, stream, pc);
    });
    peer.on('close', () => {
      if (this.peers.get(side) === peer) this.events.onStream(side, null, null);
    });
    peer.on('error', () => undefined);
    return peer;
  }

  private drop(side: SignalSide): void {
    const peer = this.peers.get(side);
    this.peers.delete(side);
    peer?.destroy();
    this.events.onStream(side, null, null);
  }
}
