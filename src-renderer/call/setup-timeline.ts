// Issue #22 item 2: where a call's set-up goes, one mark per step of the renderer's peer
// connection (built, offer/answer/candidates sent and received, ICE, DTLS, first RTP).
// In memory only, a few dozen marks per connection and the last few connections, read by
// `npm run bench:call` from window.__callSetup; never logged.
import type SimplePeer from 'simple-peer';

export interface SetupMark {
  what: string;
  /** Epoch ms (performance.timeOrigin + now), comparable across the windows of one machine. */
  at: number;
}

export interface SetupRecord {
  visitId: string;
  generation: number;
  marks: SetupMark[];
}

const MAX_MARKS = 60;
const KEPT = 4;

export class SetupTimeline {
  private readonly record: SetupRecord;

  constructor(visitId: string, generation: number) {
    this.record = { visitId, generation, marks: [] };
    const w = window as unknown as { __callSetup?: SetupRecord[] };
    const list = (w.__callSetup ??= []);
    list.push(this.record);
    if (list.length > KEPT) list.splice(0, list.length - KEPT);
  }

  mark(what: string): void {
    if (this.record.marks.length < MAX_MARKS) this.record.marks.push({ what, at: performance.timeOrigin + performance.now() });
  }

  /** Marks the first occurrence only (e.g. the first candidate of a type). */
  once(what: string): void {
    if (!this.record.marks.some((m) => m.what === what)) this.mark(what);
  }

  /** The connection's own steps: gathering, ICE, DTLS, the first packet of each remote track. */
  watch(pc: RTCPeerConnection): void {
    pc.addEventListener('icegatheringstatechange', () => this.once(`gathering:${pc.iceGatheringState}`));
    pc.addEventListener('iceconnectionstatechange', () => this.once(`ice:${pc.iceConnectionState}`));
    // 'connected' here means the DTLS handshake is done as well.
    pc.addEventListener('connectionstatechange', () => this.once(`dtls:${pc.connectionState}`));
    pc.addEventListener('track', (e) => {
      this.once(`track:${e.track.kind}`);
      // A remote track unmutes on its first RTP packet.
      e.track.addEventListener('unmute', () => this.once(`rtp:${e.track.kind}`), { once: true });
    });
  }
}

/** "offer", "answer", "candidate:host" …: what a simple-peer signal is, for the marks. */
export function signalKind(data: SimplePeer.SignalData): string {
  if (data.type === 'candidate') {
    const text = data.candidate?.candidate ?? '';
    return `candidate:${/ typ (\w+)/.exec(text)?.[1] ?? 'end'}`;
  }
  return data.type ?? ('renegotiate' in data ? 'renegotiate' : 'other');
}
