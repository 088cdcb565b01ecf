// The sync worker: one round at a time, in the background of main, never
// blocking the UI (async I/O; bounded batches and files per round). A round: push the
// audit chain, upload recordings, pull visits and staff, import today's snapshot, delete
// what retention allows. Everything it must remember is in the local store (kv,
// sync_uploads, outbox), so a restart carries on where it stopped.
//
// States: unenrolled (no credential: nothing goes out) → syncing → idle (all sent; next
// round after intervalMs) | offline (store unreachable) | error (refused) → next round
// after an exponential back-off with jitter; alarm (the store refused the audit chain,
// R26.1): no more pushes and no local deletion until an administrator clears it; stopped.
import type { Database } from 'better-sqlite3';
import type * as tus from 'tus-js-client';
import type { TerminalConfig } from '../config/schema';
import { getKv, KV, setKv } from '../store/kv';
import { appendAudit } from '../audit/audit-log';
import { backoffDelay, withEqualJitter } from '../../src-shared/retry/backoff';
import type { FetchLike } from '../central-store/store-http';
import { CentralError, createCentralClient, type CentralClient } from '../central-store/terminal-client';
import { readCredential } from './credential';
import { deleteExpiredRecordings } from './deletion';
import { SYNC_KV } from './kv-keys';
import { effectiveRetentionDays, pullConfig, pulledConfig } from './config-pull';
import { importToday, pullStaff, pullVisits } from './pull';
import { ChainRejectedError, localHeadSeq, pushAuditChain, pushedSeq } from './push-audit';
import { readSyncStatus, type SyncState, type SyncStatus } from './status';
import { uploadRecordings } from './uploads';

export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SyncTimers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref(); // the worker never keeps the process alive on its own
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

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
  /** Status changed (pushed to the renderer as the 'sync.status' event). */
  readonly onStatus?: (status: SyncStatus) => void;
}

export interface RoundOutcome {
  readonly ok: boolean;
  readonly state: SyncState;
  readonly pushed: number;
  readonly batches: number;
  readonly uploaded: number;
  readonly pulledVisits: number;
  /** More work waits: the next round follows at once. */
  readonly more: boolean;
}

/** Who pressed a console button: the actor of the audit entry and every administrator present. */
export interface Attribution {
  readonly actor: string;
  readonly admins: readonly string[];
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
  const timers = options.timers ?? realTimers;
  const intervalMs = options.intervalMs ?? 30_000;
  let state: SyncState = readCredential(config.dataDir) ? 'idle' : 'unenrolled';
  let nextAttemptAt: string | null = null;
  let timer: unknown = null;
  let running: Promise<RoundOutcome> | null = null;
  let started = false;
  let stopped = false;
  let upload: tus.Upload | null = null;
  let client: CentralClient | null = null;
  let lastEmit = 0;

  const status = (): SyncStatus => readSyncStatus(db, config.terminalId, { state, nextAttemptAt });
  const emit = (force = true): void => {
    const t = Date.now();
    if (!force && t - lastEmit < 250) return; // progress: at most four updates a second
    lastEmit = t;
    try {
      options.onStatus?.(status());
    } catch {
      // a closed store during shutdown: nothing to show any more
    }
  };

  const clientFor = (): CentralClient | null => {
    const credential = readCredential(config.dataDir);
    if (!credential) return null;
    if (client?.terminalId !== credential.terminalId) {
      client = createCentralClient({
        credential,
        baseUrl: config.centralStoreUrl,
        now,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
      });
    }
    return client;
  };

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer !== null) timers.clearTimeout(timer);
    nextAttemptAt = new Date(now().getTime() + ms).toISOString();
    timer = timers.setTimeout(() => {
      timer = null;
      void runOnce().catch(() => undefined);
    }, ms);
  }

  async function round(): Promise<RoundOutcome> {
    const c = clientFor();
    const empty = { pushed: 0, batches: 0, uploaded: 0, pulledVisits: 0, more: false };
    if (!c) {
      state = 'unenrolled';
      return { ok: false, state, ...empty };
    }
    const credential = readCredential(config.dataDir);
    if (credential && credential.terminalId !== config.terminalId) {
      state = 'error';
      setKv(db, KV.syncLastError, `终端凭证属于终端 ${credential.terminalId}，与本机终端编号 ${config.terminalId} 不符，请重新注册`, now());
      return { ok: false, state, ...empty };
    }
    state = 'syncing';
    nextAttemptAt = null;
    emit();
    let pushed = 0;
    let batches = 0;
    let more = false;
    try {
      // Pull first: the import it may audit goes out with this round's push.
      const pulledVisits = await pullVisits(db, c, now);
      await pullStaff(db, c, now);
      await pullConfig(db, c, config.terminalId, now);
      importToday(db, { terminalId: config.terminalId, siteId: config.site.id, roomId: config.room.id, now: now() });
      const push = async (): Promise<void> => {
        if (getKv(db, SYNC_KV.alarm) !== null) return;
        try {
          // The store's own ceiling (pulled) wins over a larger local batch size.
          const batchSize = Math.min(options.batchSize ?? 500, pulledConfig(db)?.limits.maxEventsPerBatch ?? Number.POSITIVE_INFINITY);
          const p = await pushAuditChain(db, c, { terminalId: config.terminalId, now, batchSize, ...(options.maxBatchesPerRound ? { maxBatches: options.maxBatchesPerRound } : {}) });
          pushed += p.pushed;
          batches += p.batches;
          more ||= p.more;
        } catch (error) {
          if (!(error instanceof ChainRejectedError)) throw error;
          const at = now();
          const message = `中心库拒收本终端的审计链：${error.message}。已停止上传审计记录和删除本地录像，请管理员核查后解除告警`;
          db.transaction(() => {
            setKv(db, SYNC_KV.alarm, message, at);
            setKv(db, KV.syncLastError, message, at);
            appendAudit(db, config.terminalId, { kind: 'sync.chainRejected', payload: { message: error.message } }, at);
          })();
        }
      };
      await push();
      const up = await uploadRecordings(db, c, {
        terminalId: config.terminalId,
        recordingDir: config.recordingDir,
        now,
        onProgress: () => emit(false),
        track: (u) => (upload = u),
        ...(options.uploadChunkBytes ? { chunkSize: options.uploadChunkBytes } : {}),
        ...(options.uploadStallMs ? { stallMs: options.uploadStallMs } : {}),
      });
      more ||= up.more;
      // R13.1 + item 4: no local deletion while the chain alarm stands.
      if (getKv(db, SYNC_KV.alarm) === null) deleteExpiredRecordings(db, { terminalId: config.terminalId, recordingDir: config.recordingDir, retentionDays: effectiveRetentionDays(db, config.retentionDays), now: now() });
      // Confirmations and deletions are audited: send them now rather than next round.
      if (!more && localHeadSeq(db, config.terminalId) > pushedSeq(db)) await push();
      const alarm = getKv(db, SYNC_KV.alarm);
      const at = now();
      setKv(db, KV.syncLastSuccessAt, at.toISOString(), at);
      if (alarm === null) setKv(db, KV.syncLastError, null, at);
      setKv(db, SYNC_KV.failures, null, at);
      state = alarm !== null ? 'alarm' : 'idle';
      return { ok: alarm === null, state, pushed, batches, uploaded: up.sent, pulledVisits, more };
    } catch (error) {
      const at = now();
      const offline = error instanceof CentralError ? error.offline : false;
      const message = error instanceof CentralError ? error.message : `同步出错：${error instanceof Error ? error.message : String(error)}`;
      state = offline ? 'offline' : 'error';
      try {
        setKv(db, KV.syncLastError, message, at);
        setKv(db, SYNC_KV.failures, String(Number(getKv(db, SYNC_KV.failures) ?? '0') + 1), at);
      } catch {
        // the store closed under us (shutdown)
      }
      return { ok: false, state, pushed, batches, uploaded: 0, pulledVisits: 0, more: false };
    }
  }

  function runOnce(): Promise<RoundOutcome> {
    const previous = running ?? Promise.resolve(null);
    const next = previous.then(async () => {
      if (stopped) return { ok: false, state, pushed: 0, batches: 0, uploaded: 0, pulledVisits: 0, more: false } satisfies RoundOutcome;
      const outcome = await round();
      if (stopped) return outcome;
      emit();
      if (outcome.state === 'unenrolled') schedule(intervalMs);
      else if (outcome.ok && outcome.more) schedule(0);
      else if (outcome.ok || outcome.state === 'alarm') schedule(intervalMs);
      else {
        const failures = Number(getKv(db, SYNC_KV.failures) ?? '1');
        schedule(withEqualJitter(backoffDelay(Math.min(30, failures - 1), { initialMs: options.backoffBaseMs ?? 2_000, maxMs: options.backoffMaxMs ?? 300_000 }), options.random));
      }
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
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      // tus keeps every received byte: the next start resumes from the store's offset.
      await upload?.abort().catch(() => undefined);
      await running?.catch(() => undefined);
      state = 'stopped';
    },
    runOnce,
    status,
    async signalingEndpoint() {
      const c = clientFor();
      return c ? { url: config.centralStoreUrl, token: await c.token() } : null;
    },
    clearAlarm(by) {
      const at = now();
      const alarm = getKv(db, SYNC_KV.alarm);
      if (alarm !== null) {
        db.transaction(() => {
          setKv(db, SYNC_KV.alarm, null, at);
          setKv(db, KV.syncLastError, null, at);
          appendAudit(db, config.terminalId, { kind: 'sync.alarmCleared', actor: by?.actor ?? 'system', payload: { alarm, admins: [...(by?.admins ?? [])] } }, at);
        })();
        if (state === 'alarm') state = 'idle';
        schedule(0);
      }
      emit();
      return status();
    },
  };
}
