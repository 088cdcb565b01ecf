// Issue #23 item 4: when the call's link counts as poor, from the receiving side's latest
// sample (a 3-second window of getStats): then the visitors read a plain sentence instead of
// wondering at a blurred or jerky picture, and the administrators a banner with the figures.
// Thresholds: the "poor" line (3 % loss, 200 ms RTT) and the picture's floor (10 fps,
// 270 lines) below which a relative notices. Loss and round trip are read a little under the
// line, so a poor line shows as poor in (nearly) every 3-second window, not every other one:
// a window of a 3 % line reads 2–4 %, and its round trip 210–300 ms; a county WAN (0.5 %,
// 60 ms) stays well clear of both.
import type { LinkSample } from './call-schemas';

export const POOR_LINK = { lossPct: 2, rttMs: 250, fps: 10, height: 270 } as const;

/** Which of the figures made the link poor (empty: it is fine). */
export function poorLinkReasons(sample: LinkSample | null): ('loss' | 'rtt' | 'fps' | 'size')[] {
  if (!sample) return [];
  const reasons: ('loss' | 'rtt' | 'fps' | 'size')[] = [];
  if (sample.packetLossPct >= POOR_LINK.lossPct) reasons.push('loss');
  if (sample.rttMs !== null && sample.rttMs >= POOR_LINK.rttMs) reasons.push('rtt');
  if (sample.fps < POOR_LINK.fps) reasons.push('fps');
  if (sample.frameHeight > 0 && sample.frameHeight < POOR_LINK.height) reasons.push('size');
  return reasons;
}

export const linkIsPoor = (sample: LinkSample | null): boolean => poorLinkReasons(sample).length > 0;
