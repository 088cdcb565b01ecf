// The heartbeat's timer shell: one at the start, one a minute, and one when the terminal's
// state changes (a visit starts or ends, sync changes state), through the sync credential's
// client. Each exchange is also a clock measurement (t0 sent, the store's t1/t2, t3
// received) handed to the store clock and reported in the next heartbeat. Nothing while the
// terminal is not enrolled; a failed send waits for the next beat (the next one is newer).
import { randomUUID } from 'node:crypto';
import { clockSample, type ClockSample } from '../../src-shared/fleet/clock-sample';
import type { Heartbeat, HeartbeatAck } from '../../src-shared/fleet/heartbeat';
import { fleetEndpoints } from '../../src-shared/store-api/endpoints/fleet';
import type { StoreClock } from '../clock/store-clock';
import type { CentralClient } from '../central-store/terminal-client';
import type { Logger } from '../log/logger';
import { collectHeartbeat, type HeartbeatFacts } from './collect-heartbeat';

export const HEARTBEAT_INTERVAL_MS = 60_000;
/** Events in a burst (the call's state every second) make one check of the state. */
export const STATE_SETTLE_MS = 1_000;

export interface HeartbeatTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: HeartbeatTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface HeartbeatSenderOptions {
  readonly client: () => CentralClient | null;
  /** Everything but the id, the time, the reason and the clock (the sender's own). */
  readonly facts: () => Promise<Omit<HeartbeatFacts, 'id' | 'sentAt' | 'reason' | 'clock'>>;
  /** What counts as the terminal's state: a change sends a heartbeat. */
  readonly stateKey: () => string;
  readonly storeClock: StoreClock;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly timers?: HeartbeatTimers;
}

export interface HeartbeatSender {
  start(): void;
  stop(): void;
  /** Collects and sends one heartbeat now; the store's answer, or null (not enrolled, or failed). */
  sendNow(reason?: Heartbeat['reason']): Promise<HeartbeatAck | null>;
  /** Something may have changed; a heartbeat goes out if the state did. */
  stateChanged(): void;
  /** The last clock sample (null before one). */
  lastSample(): ClockSample | null;
}

export function createHeartbeatSender(options: HeartbeatSenderOptions): HeartbeatSender {
  const timers = options.timers ?? realTimers;
  let interval: unknown = null;
  let settle: unknown = null;
  let sample: ClockSample | null = null;
  let sentKey: string | null = null;
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();

  async function send(reason: Heartbeat['reason']): Promise<HeartbeatAck | null> {
    const client = options.client();
    if (client === null || stopped) return null;
    try {
      sentKey = options.stateKey();
      const sentAt = options.now();
      const heartbeat = collectHeartbeat({ ...(await options.facts()), id: randomUUID(), sentAt, reason, clock: sample });
      const t0 = options.now().getTime();
      const ack = await client.call(fleetEndpoints.heartbeat, { body: heartbeat });
      const t3 = options.now().getTime();
      sample = clockSample(t0, Date.parse(ack.receivedAt), Date.parse(ack.answeredAt), t3);
      options.storeClock.record({ ...sample, at: new Date(t3) });
      return ack;
    } catch (error) {
      options.logger.debug('状态上报失败，下次再报', { error });
      return null;
    }
  }

  /** One at a time, in order. */
  const sendNow = (reason: Heartbeat['reason'] = 'interval'): Promise<HeartbeatAck | null> => {
    const next = chain.then(() => send(reason));
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    start() {
      if (interval !== null || stopped) return;
      void sendNow('start');
      interval = timers.setInterval(() => void sendNow('interval'), options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
    },
    stop() {
      stopped = true;
      if (interval !== null) timers.clearInterval(interval);
      if (settle !== null) timers.clearTimeout(settle);
      interval = settle = null;
    },
    sendNow,
    stateChanged() {
      if (stopped || settle !== null || interval === null) return;
      settle = timers.setTimeout(() => {
        settle = null;
        let key: string;
        try {
          key = options.stateKey();
        } catch {
          return; // the store closed under us
        }
        if (key !== sentKey) void sendNow('state-change');
      }, STATE_SETTLE_MS);
    },
    lastSample: () => sample,
  };
}
