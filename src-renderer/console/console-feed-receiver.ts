// The console window's side of the console feed (R13.1, R24.1): says hello to the visit
// window (again every few seconds until pictures arrive: the visit window may not have its
// camera yet), answers its loopback offer, and sorts the streams into this room's own
// picture and the other side's by the ids the visit window names. A new feed number means
// the visit window rebuilt its feed (e.g. the other side reconnected): start over.
import SimplePeer from 'simple-peer';
import type { ConsoleFeedMessage } from '../../src-shared/signaling/call-schemas';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';
import type { KioskClient } from '../kiosk-client';

export interface FeedStreams {
  own: MediaStream | null;
  other: MediaStream | null;
}

const HELLO_EVERY_MS = 3_000;
/** A feed that brought no picture in this long is asked for again. */
const FEED_PATIENCE_MS = 10_000;

export class ConsoleFeedReceiver {
  readonly session = crypto.randomUUID();
  private peer: SimplePeer.Instance | null = null;
  private feed = 0;
  private ids: ConsoleFeedMessage['streams'] = null;
  private streams: FeedStreams = { own: null, other: null };
  private timer: number | null = null;
  private answeredAt = 0;
  private closed = false;

  constructor(
    private readonly client: KioskClient,
    private readonly visitId: string,
    private readonly onStreams: (streams: FeedStreams) => void,
  ) {}

  start(): void {
    this.hello();
    this.timer = window.setInterval(() => {
      const waiting = !this.streams.own && !this.streams.other;
      if (waiting && (this.peer === null || Date.now() - this.answeredAt > FEED_PATIENCE_MS)) this.hello();
    }, HELLO_EVERY_MS);
  }

  message(m: ConsoleFeedMessage): void {
    if (this.closed || m.visitId !== this.visitId || m.from !== 'visit' || m.session !== this.session) return;
    if (m.feed < this.feed || !m.data) return;
    if (m.feed > this.feed) this.answer(m.feed, m.streams);
    this.peer?.signal(m.data as SimplePeer.SignalData);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) window.clearInterval(this.timer);
    this.peer?.destroy();
    this.peer = null;
  }

  private hello(): void {
    const m: ConsoleFeedMessage = {
      visitId: this.visitId,
      from: 'console',
      session: this.session,
      kind: 'hello',
      feed: this.feed,
      data: null,
      streams: null,
    };
    void this.client.call.feed(m).catch(() => undefined);
  }

  private answer(feed: number, ids: ConsoleFeedMessage['streams']): void {
    this.peer?.destroy();
    this.feed = feed;
    this.ids = ids;
    this.answeredAt = Date.now();
    this.streams = { own: null, other: null };
    this.onStreams(this.streams);
    const peer = new SimplePeer({ initiator: false, trickle: true, config: { iceServers: [] } });
    this.peer = peer;
    peer.on('signal', (data) => {
      if (this.peer !== peer) return;
      const m: ConsoleFeedMessage = {
        visitId: this.visitId,
        from: 'console',
        session: this.session,
        kind: 'signal',
        feed,
        data: data as RtcSignal,
        streams: null,
      };
      void this.client.call.feed(m).catch(() => undefined);
    });
    peer.on('stream', (stream: MediaStream) => {
      if (this.peer !== peer) return;
      this.streams = sortStream(this.streams, stream, this.ids);
      this.onStreams(this.streams);
    });
    peer.on('error', () => undefined);
  }
}

/** By the id the visit window named; an unnamed stream fills the first empty place. */
export function sortStream(current: FeedStreams, stream: MediaStream, ids: ConsoleFeedMessage['streams']): FeedStreams {
  if (ids?.own === stream.id) return { ...current, own: stream };
  if (ids?.other === stream.id) return { ...current, other: stream };
  return current.own === null && ids?.own !== null ? { ...current, own: stream } : { ...current, other: stream };
}
