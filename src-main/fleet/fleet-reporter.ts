// The terminal's heartbeat, assembled: the facts from the local store, the OS and the disk,
// the sender on the sync credential's store client (the same client module and credential
// as sync). openTerminal makes one next to the sync worker.
import type { Database } from 'better-sqlite3';
import packageJson from '../../package.json';
import type { DeviceCheck } from '../../src-shared/fleet/heartbeat';
import type { StoreClock } from '../clock/store-clock';
import type { TerminalConfig } from '../config/schema';
import type { FetchLike } from '../central-store/store-http';
import type { Logger } from '../log/logger';
import type { RecentErrors } from '../log/recent-errors';
import { freeBytesAt } from '../recording/live/disk';
import { createStoreClient } from '../sync/store-client';
import { createHeartbeatSender, type HeartbeatSender, type HeartbeatTimers } from './heartbeat-sender';
import { osFacts, osUptimeSeconds, readBacklog, readEquipment, readVisitState } from './read-facts';

export interface FleetOptions {
  /** false: tests call sendNow() themselves. */
  readonly autoStart?: boolean;
  readonly intervalMs?: number;
  readonly timers?: HeartbeatTimers;
  readonly fetch?: FetchLike;
  readonly requestTimeoutMs?: number;
  /** Free bytes at the recordings' folder (tests inject a nearly full disk). */
  readonly freeBytes?: (path: string) => Promise<number>;
  /** The card reader's last check; none known by default. */
  readonly cardReader?: () => DeviceCheck | null;
  readonly version?: string;
}

export interface FleetReporterDeps {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly recent: RecentErrors;
  readonly storeClock: StoreClock;
  /** The sync worker's state, part of what counts as a state change. */
  readonly syncState: () => string;
}

export function createFleetReporter(deps: FleetReporterDeps, options: FleetOptions = {}): HeartbeatSender {
  const { db, config, now } = deps;
  const store = createStoreClient(config, now, options);
  const freeBytes = options.freeBytes ?? freeBytesAt;
  return createHeartbeatSender({
    client: () => store.client(),
    storeClock: deps.storeClock,
    now,
    logger: deps.logger,
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    stateKey: () => {
      const visit = readVisitState(db, now());
      return `${visit.state}|${visit.visitId ?? ''}|${deps.syncState()}`;
    },
    facts: async () => ({
      version: options.version ?? packageJson.version,
      os: osFacts(),
      uptimeSeconds: osUptimeSeconds(),
      freeBytes: await freeBytes(config.recordingDir).catch(() => null),
      equipment: readEquipment(db),
      cardReader: options.cardReader?.() ?? null,
      backlog: readBacklog(db, config.terminalId),
      visit: readVisitState(db, now()),
      errors: deps.recent.lines(),
    }),
  });
}
