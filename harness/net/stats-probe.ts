// A page probe (issue #23 item 3): wraps the page's RTCPeerConnection so every connection is
// known, and samples the call's connection with getStats() four times a second into a queue
// the test or bench takes (QualitySample, ../../src-shared/signaling/call-quality). The call's
// connection is the newest open one with ICE servers (the console's loopback feed has none).
// A string, not a function: tsx would add its __name helper, which the page does not have.
import type { Page } from 'playwright-core';
import type { QualitySample } from '../../src-shared/signaling/call-quality';

export const STATS_PROBE = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__netProbe) return;
  const pcs = [];
  let made = 0;
  class Probed extends Native {
    constructor(config, ...rest) {
      super(config, ...rest);
      made += 1;
      this.__probeId = 'pc' + made;
      this.__probeServers = (config && config.iceServers ? config.iceServers.length : 0);
      pcs.push(this);
    }
  }
  window.RTCPeerConnection = Probed;
  const samples = [];
  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : 0);
  const pick = () => {
    for (let i = pcs.length - 1; i >= 0; i -= 1) {
      const pc = pcs[i];
      if (pc.connectionState !== 'closed' && pc.__probeServers > 0) return pc;
    }
    return null;
  };
  let busy = false;
  setInterval(async () => {
    const pc = pick();
    if (!pc || busy) return;
    busy = true;
    try {
      const report = await pc.getStats();
      const byId = new Map();
      report.forEach((s) => byId.set(s.id, s));
      let video = null, audio = null, pairId = null, sentHeight = 0, sentFps = 0, limitation = '';
      let sentBytes = 0, sentFrames = 0, sentKeyFrames = 0, target = 0, plisIn = 0, keyFramesIn = 0, plisOut = 0;
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') video = {
          framesDecoded: num(s.framesDecoded), freezeCount: num(s.freezeCount), totalFreezesDuration: num(s.totalFreezesDuration),
          frameWidth: num(s.frameWidth), frameHeight: num(s.frameHeight), jitterBufferDelay: num(s.jitterBufferDelay),
          jitterBufferEmittedCount: num(s.jitterBufferEmittedCount), bytesReceived: num(s.bytesReceived),
          packetsReceived: num(s.packetsReceived), packetsLost: Math.max(0, num(s.packetsLost)) };
        if (s.type === 'inbound-rtp' && s.kind === 'audio') audio = {
          concealedSamples: num(s.concealedSamples), totalSamplesReceived: num(s.totalSamplesReceived),
          jitterBufferDelay: num(s.jitterBufferDelay), jitterBufferEmittedCount: num(s.jitterBufferEmittedCount),
          packetsReceived: num(s.packetsReceived), packetsLost: Math.max(0, num(s.packetsLost)) };
        if (s.type === 'outbound-rtp' && s.kind === 'video') {
          sentHeight = num(s.frameHeight); sentFps = num(s.framesPerSecond); limitation = s.qualityLimitationReason || '';
          sentBytes = num(s.bytesSent); sentFrames = num(s.framesEncoded); sentKeyFrames = num(s.keyFramesEncoded);
          target = num(s.targetBitrate); plisIn = num(s.pliCount);
        }
        if (s.type === 'inbound-rtp' && s.kind === 'video') { keyFramesIn = num(s.keyFramesDecoded); plisOut = num(s.pliCount); }
        if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
      });
      if (!pairId) report.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pairId = s.id; });
      const pair = pairId ? byId.get(pairId) : null;
      const local = pair ? byId.get(pair.localCandidateId) : null;
      samples.push({
        at: Date.now(), pc: pc.__probeId, video, audio,
        rttMs: pair && typeof pair.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : null,
        candidateType: local ? local.candidateType : null,
        sent: { height: sentHeight, fps: sentFps, limitation, bytes: sentBytes, frames: sentFrames, keyFrames: sentKeyFrames,
          targetBps: target, plisReceived: plisIn, availableBps: pair ? num(pair.availableOutgoingBitrate) : 0 },
        keyFramesDecoded: keyFramesIn, plisSent: plisOut,
      });
      if (samples.length > 20000) samples.splice(0, samples.length - 20000);
    } catch (e) {
      // A connection closing under getStats: the next tick samples the new one.
    } finally {
      busy = false;
    }
  }, 250);
  const describe = () => {
    const pc = pick();
    if (!pc) return null;
    const fec = (d) => !!d && /a=fmtp:\\d+ [^\\r\\n]*useinbandfec=1/.test(d.sdp || '');
    return {
      fec: { local: fec(pc.localDescription), remote: fec(pc.remoteDescription) },
      senders: pc.getSenders().filter((x) => x.track).map((x) => {
        const p = x.getParameters();
        const e = (p.encodings && p.encodings[0]) || {};
        return { kind: x.track.kind, priority: e.priority || null, networkPriority: e.networkPriority || null, degradationPreference: p.degradationPreference || null };
      }),
    };
  };
  window.__netProbe = { take: () => samples.splice(0), connections: () => pcs.length, describe };
})();`;

/** What the sending side did at the time (its picture's height and rate, and why it limited them). */
export type ProbeSample = QualitySample & {
  sent?: {
    height: number;
    fps: number;
    limitation: string;
    /** Counters as getStats gives them (for a trace: when the encoder sent key frames, what the estimate allowed). */
    bytes?: number;
    frames?: number;
    keyFrames?: number;
    /** The encoder's target, bit/s. */
    targetBps?: number;
    /** PLIs the other side sent this one. */
    plisReceived?: number;
    /** The congestion controller's estimate for the whole connection, bit/s. */
    availableBps?: number;
  };
  /** Receiving: key frames decoded and PLIs sent (counters). */
  keyFramesDecoded?: number;
  plisSent?: number;
};

export interface CallConnection {
  /** Opus in-band FEC in the local and remote descriptions. */
  fec: { local: boolean; remote: boolean };
  senders: { kind: string; priority: string | null; networkPriority: string | null; degradationPreference: string | null }[];
}

/** How the call's connection is set up now (null: none). */
export const describeConnection = (page: Page): Promise<CallConnection | null> =>
  page.evaluate('window.__netProbe ? window.__netProbe.describe() : null') as Promise<CallConnection | null>;

/** The samples taken since the last call. */
export const takeSamples = (page: Page): Promise<ProbeSample[]> =>
  page.evaluate('window.__netProbe ? window.__netProbe.take() : []') as Promise<ProbeSample[]>;
