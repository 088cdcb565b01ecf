// The visit window's side of the console feed (R13.1, R24.1): the supervision console, a
// second window on this machine, shows both pictures and both sounds of the visit. The
// visit window already holds them (its camera, the other terminal's stream), so it sends
// both to each console that says hello, over a loopback peer connection whose signals main
// relays between the two windows (call.feed). Nothing leaves the machine: no ICE servers.
// Lower quality than the call itself (at most 480 px wide, 15 frames a second, a capped
// bitrate): the console's tiles are small, and the same cores encode the call and the recording.
import SimplePeer from 'simple-peer';
import type { ConsoleFeedMessage } from '../../src-shared/signaling/call-schemas';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';
import type { KioskClient } from '../kiosk-client';

/** At most this many console windows at once (a reloaded console's old session is dropped first). */
const MAX_CONSOLES = 3;
const FEED_MAX_BITRATE = 400_000;
const FEED_MAX_WIDTH = 480;
const FEED_MAX_FPS = 15;

interface Feed {
  readonly peer: SimplePeer.Instance;
  readonly feed: number;
}

export class ConsoleFeedSender {
  private readonly feeds = new Map<string, Feed>();
  private next = 1;
  private own: MediaStream | null = null;
  private other: MediaStream | null = null;
  private closed = false;

  constructor(
    private readonly client: KioskClient,
    private readonly visitId: string,
  ) {}

  /** The pictures changed (camera ready, the other side reconnected): every console gets a new feed. */
  setStreams(own: MediaStream | null, other: MediaStream | null): void {
    if (this.own === own && this.other === other) return;
    this.own = own;
    this.other = other;
    for (const session of [...this.feeds.keys()]) this.build(session);
  }

  message(m: ConsoleFeedMessage): void {
    if (this.closed || m.visitId !== this.visitId || m.from !== 'console') return;
    if (m.kind === 'hello') {
      this.build(m.session);
      return;
    }
    const feed = this.feeds.get(m.session);
    if (feed && feed.feed === m.feed && m.data) feed.peer.signal(m.data as SimplePeer.SignalData);
  }

  close(): void {
    this.closed = true;
    for (const f of this.feeds.values()) f.peer.destroy();
    this.feeds.clear();
  }

  private build(session: string): void {
    this.feeds.get(session)?.peer.destroy();
    this.feeds.delete(session);
    const streams = [this.own, this.other].filter((s): s is MediaStream => s !== null);
    if (this.closed || streams.length === 0) return;
    while (this.feeds.size >= MAX_CONSOLES) {
      const oldest = this.feeds.keys().next().value as string;
      this.feeds.get(oldest)?.peer.destroy();
      this.feeds.delete(oldest);
    }
    const feed = this.next++;
    const ids = { own: this.own?.id ?? null, other: this.other?.id ?? null };
    const peer = new SimplePeer({ initiator: true, streams, trickle: true, config: { iceServers: [] } });
    this.feeds.set(session, { peer, feed });
    peer.on('signal', (data) => {
      const message: ConsoleFeedMessage = {
        visitId: this.visitId,
        from: 'visit',
        session,
        kind: 'signal',
        feed,
        data: data as RtcSignal,
        streams: ids,
      };
      void this.client.call.feed(message).catch(() => undefined);
    });
    peer.on('connect', () => void capBitrate(peer));
    // A console that went away (closed, reloaded) just ends its feed.
    peer.on('error', () => undefined);
    peer.on('close', () => {
      if (this.feeds.get(session)?.peer === peer) this.feeds.delete(session);
    });
  }
}

async function capBitrate(peer: SimplePeer.Instance): Promise<void> {
  const pc = (peer as unknown as { _pc?: RTCPeerConnection })._pc;
  for (const sender of pc?.getSenders() ?? []) {
    if (sender.track?.kind !== 'video') continue;
    const params = sender.getParameters();
    if (params.encodings.length === 0) continue;
    const width = sender.track.getSettings().width ?? FEED_MAX_WIDTH;
    for (const e of params.encodings) {
      e.maxBitrate = FEED_MAX_BITRATE;
      e.scaleResolutionDownBy = Math.max(1, width / FEED_MAX_WIDTH);
      e.maxFramerate = FEED_MAX_FPS;
    }
    await sender.setParameters(params).catch(() => undefined);
  }
}
