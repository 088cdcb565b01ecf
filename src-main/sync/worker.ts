// The sync worker: one round at a time, in the background of main, never
// blocking the UI (async I/O; bounded batches and files per round). A round (round.ts):
// pull visits and staff, import today's snapshot, push the audit chain, upload
// recordings, delete what retention allows. Everything it must remember is in the local
// store (kv, sync_uploads, outbox), so a restart carries on where it stopped.
//
// States: unenrolled (no credential: nothing goes out) → syncing → idle (all sent; next
// round after intervalMs) | offline (store unreachable) | error (refused) → next round
// after an exponential back-off with jitter (schedule.ts); alarm (the store refused the
// audit chain, R26.1, chain-alarm.ts): no more pushes and no local deletion until an
// administrator clears it; stopped.
import type { Database } from 'better-sqlite3';
import type * as tus from 'tus-js-client';
import type { TerminalConfig } from '../config/schema';
import { getKv } from '../store/kv';
import type { FetchLike, StoreHttpOptions } from '../central-store/store-http';
import type { ClockStatus } from '../../src-shared/ipc/contract';
import { clearChainAlarm, type Attribution } from './chain-alarm';
import { readCredential } from './credential';
import { SYNC_KV } from './kv-keys';
import { NOTHING_DONE, syncRound, type RoundOutcome } from './round';
import { nextRoundIn, realTimers, RoundTimer, type SyncTimers } from './schedule';
import { readSyncStatus, statusFeed, type SyncState, type SyncStatus } from './status';
import { createStoreClient } from './store-client';

export type { Attribution } from './chain-alarm';
export type { RoundOutcome } from './round';
export type { SyncTimers } from './schedule';

export interface SyncWorkerOptions {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly now: () => Date;
  readonly timers?: SyncTimers;
  readonly random?: () => number;
  readonly fetch?: FetchLike;
  /** Between rounds when all is sent. */
  readonly intervalMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly batchSize?: number;
  readonly maxBatchesPerRound?: number;
  readonly uploadChunkBytes?: number;
  /** One HTTP request to the store, at most (a stalled line must not hold a round forever). */
  readonly requestTimeoutMs?: number;
  /** An upload with no progress this long is aborted and resumed next round. */
  readonly uploadStallMs?: number;
  /** The folder of main.log and its rotated files, packed when the store asks for a log bundle; null: none. */
  readonly logDir?: string | null;
  /** Status changed (pushed to the renderer as the 'sync.status' event). */
  readonly onStatus?: (status: SyncStatus) => void;
  /** Every answer's store time and round trip, for the terminal's clock (src-main/clock/). */
  readonly onClockSample?: StoreHttpOptions['onClockSample'];
  /** The terminal's clock against the store's, shown with the status. */
  readonly clockStatus?: () => ClockStatus;
}

export interface SyncWorker {
  start(): void;
  /** Stops scheduling, aborts a running upload (resumable) and waits for the round. */
  stop(): Promise<void>;
  /** One round now (tests, the console's button); waits for a running round first. */
  runOnce(): Promise<RoundOutcome>;
  status(): SyncStatus;
  /** R26.1: an administrator resolved a refused chain; `by` names them in the audit entry. */
  clearAlarm(by?: Attribution): SyncStatus;
  /**
   * The store's URL and a bearer token from this terminal's credential, for the call's
   * signaling socket (the same token cache as sync); null while the terminal is not enrolled.
   */
  signalingEndpoint(): Promise<{ url: string; token: string } | null>;
  readonly state: SyncState;
}

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { db, config, now } = options;
  const schedule = { ...options, intervalMs: options.intervalMs ?? 30_000 };
  let state: SyncState = readCredential(config.dataDir) ? 'idle' : 'unenrolled';
  let running: Promise<RoundOutcome> | null = null;
  let started = false;
  let stopped = false;
  const uploads = new Set<tus.Upload>();
  const store = createStoreClient(config, now, options);
  const timer = new RoundTimer(options.timers ?? realTimers, now, () => void runOnce().catch(() => undefined));
  const status = (): SyncStatus => ({
    ...readSyncStatus(db, config.terminalId, { state, nextAttemptAt: timer.nextAttemptAt }),
    ...(options.clockStatus ? { clock: options.clockStatus() } : {}),
  });
  const emit = statusFeed(status, options.onStatus);

  async function round(): Promise<RoundOutcome> {
    const outcome = await syncRound(
      {
        ...options,
        started: () => {
          state = 'syncing';
          timer.nextAttemptAt = null;
          emit();
        },
        progress: () => emit(false),
        track: (u, active) => void (active ? uploads.add(u) : uploads.delete(u)),
      },
      store.client(),
    );
    state = outcome.state;
    return outcome;
  }

  /** Rounds run one after the other; each schedules the next. */
  function runOnce(): Promise<RoundOutcome> {
    const previous = running ?? Promise.resolve(null);
    const next = previous.then(async () => {
      if (stopped) return { ok: false, state, ...NOTHING_DONE } satisfies RoundOutcome;
      const outcome = await round();
      if (stopped) return outcome;
      emit();
      timer.schedule(nextRoundIn(outcome, () => Number(getKv(db, SYNC_KV.failures) ?? '1'), schedule));
      return outcome;
    });
    running = next;
    void next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  }

  return {
    get state() {
      return state;
    },
    start() {
      if (started || stopped) return;
      started = true;
      timer.schedule(0);
    },
    async stop() {
      stopped = true;
      timer.stop();
      // tus keeps every received byte: the next start resumes from the store's offset.
      await Promise.all([...uploads].map((u) => u.abort().catch(() => undefined)));
      await running?.catch(() => undefined);
      state = 'stopped';
    },
    runOnce,
    status,
    signalingEndpoint: () => store.signalingEndpoint(),
    clearAlarm(by) {
      if (clearChainAlarm(db, config.terminalId, by, now())) {
        if (state === 'alarm') state = 'idle';
        timer.schedule(0);
      }
      emit();
      return status();
    },
  };
}
