// The network profiles of issue #23 (item 2), as the path between the two terminals sees
// them (round-trip time, loss, bandwidth), and how each is split over the two links the
// media crosses: terminal A → relay and relay → terminal B each add a quarter of the RTT
// (one way) and lose 1 − √(1 − L) so the two together lose L; the cap applies on each link.
// Jitter and loss bursts are this project's assumptions for such lines (docs/deploy.md).
import type { LinkSettings } from './link-impairment';

export interface NetworkProfile {
  name: string;
  label: string;
  rttMs: number;
  jitterMs: number;
  /** End-to-end packet loss, %. */
  lossPct: number;
  /** Mean loss burst, packets. */
  burst: number;
  /** Bandwidth cap, kbit/s; null = none. */
  rateKbps: number | null;
}

export const PROFILES = {
  lan: { name: 'lan', label: 'LAN', rttMs: 0, jitterMs: 0, lossPct: 0, burst: 1, rateKbps: null },
  county: { name: 'county', label: '县级政务外网 county WAN', rttMs: 60, jitterMs: 5, lossPct: 0.5, burst: 2, rateKbps: 4000 },
  poor: { name: 'poor', label: '较差 poor', rttMs: 200, jitterMs: 20, lossPct: 3, burst: 2, rateKbps: 1000 },
  bad: { name: 'bad', label: '很差 bad', rttMs: 400, jitterMs: 40, lossPct: 8, burst: 3, rateKbps: 512 },
} as const satisfies Record<string, NetworkProfile>;

export type ProfileName = keyof typeof PROFILES;

/** The settings of one of the two links, so the whole path matches `profile`. */
export function linkSettings(profile: NetworkProfile, down = false): LinkSettings {
  return {
    delayMs: profile.rttMs / 4,
    jitterMs: profile.jitterMs / 2,
    loss: 1 - Math.sqrt(1 - profile.lossPct / 100),
    burst: profile.burst,
    rateBps: profile.rateKbps === null ? null : profile.rateKbps * 1000,
    queueMs: 200,
    down,
  };
}
