// How a terminal reaches the central store's signaling, and the call's timings.
// The signaling credential comes from a provider: the terminal's enrolment
// will supply it; tests pass a token obtained from the real store.
import type { Backoff } from '../../src-shared/retry/backoff';
import type { IceServer } from '../../src-shared/signaling/call-schemas';
import type { SignalingEndpoint } from './signaling-client';

export interface CallOptions {
  /** The store's URL and this terminal's bearer token, or null while the terminal is not enrolled. */
  signaling?: () => SignalingEndpoint | null | Promise<SignalingEndpoint | null>;
  /** STUN/TURN servers (empty on loopback); the store's configuration, sent with the welcome, replaces them. */
  iceServers?: IceServer[];
  iceTransportPolicy?: 'all' | 'relay';
  /** R18.1: how long a dropped call may take to come back before it ends as interrupted. */
  graceMs?: number;
  /** Wait this long for a dropped connection to heal before building a new one. */
  renegotiateMs?: number;
  /** How often the countdown is checked (and pushed to the screens). */
  tickMs?: number;
  /** Link-quality samples are summarised into the audit log this often. */
  linkSummaryMs?: number;
  /** Signaling reconnect back-off. */
  backoff?: Backoff;
}

export const CALL_DEFAULTS = {
  graceMs: 120_000,
  renegotiateMs: 4_000,
  tickMs: 500,
  linkSummaryMs: 60_000,
  /** R14.2: 30 minutes unless the visit's approval says otherwise. */
  defaultMinutes: 30,
} as const;

/** The options with every timing filled in (the signaling provider and back-off stay optional). */
export type ResolvedCallOptions = Required<Omit<CallOptions, 'signaling' | 'backoff'>> &
  Pick<CallOptions, 'signaling' | 'backoff'>;

export function resolveCallOptions(options: CallOptions): ResolvedCallOptions {
  return {
    iceServers: [],
    iceTransportPolicy: 'all',
    graceMs: CALL_DEFAULTS.graceMs,
    renegotiateMs: CALL_DEFAULTS.renegotiateMs,
    tickMs: CALL_DEFAULTS.tickMs,
    linkSummaryMs: CALL_DEFAULTS.linkSummaryMs,
    ...options,
  };
}
