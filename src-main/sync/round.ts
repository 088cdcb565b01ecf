// One sync round: pull visits, staff and configuration and import today's snapshot; push
// the audit chain; upload recordings, then a log bundle the store asked for; delete what retention allows; push what those
// audited. Its end is kept in the local store (last success, last error in plain
// Chinese, failures in a row) so the console and the schedule read it after a restart.
import type { Database } from 'better-sqlite3';
import type * as tus from 'tus-js-client';
import type { TerminalConfig } from '../config/schema';
import { CentralError, type CentralClient } from '../central-store/terminal-client';
import { getKv, KV, setKv } from '../store/kv';
import { chainAlarm, raiseChainAlarm } from './chain-alarm';
import { effectiveRetentionDays, pullConfig, pulledConfig } from './config-pull';
import { readCredential } from './credential';
import { deleteExpiredRecordings } from './deletion';
import { SYNC_KV } from './kv-keys';
import { answerLogRequests } from './log-request';
import { importToday, pullStaff, pullVisits } from './pull';
import { ChainRejectedError, localHeadSeq, pushAuditChain, pushedSeq } from './push-audit';
import type { SyncState } from './status';
import { uploadRecordings } from './uploads';

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

export interface RoundContext {
  readonly db: Database;
  readonly config: TerminalConfig;
  readonly now: () => Date;
  readonly batchSize?: number;
  readonly maxBatchesPerRound?: number;
  readonly uploadChunkBytes?: number;
  readonly uploadStallMs?: number;
  /** main.log's folder, packed when the store asks for a log bundle. */
  readonly logDir?: string | null;
  /** The round got under way (past the credential checks). */
  readonly started: () => void;
  /** Upload progress (for the console). */
  readonly progress: () => void;
  /** Each running upload (active) and its end, so that a stop can abort them (tus resumes them next round). */
  readonly track: (upload: tus.Upload, active: boolean) => void;
}

/** What the chain pushes of this round add up to. */
interface Tally {
  pushed: number;
  batches: number;
  more: boolean;
}

export const NOTHING_DONE = { pushed: 0, batches: 0, uploaded: 0, pulledVisits: 0, more: false } as const;

export async function syncRound(ctx: RoundContext, client: CentralClient | null): Promise<RoundOutcome> {
  const { db, config, now } = ctx;
  if (!client) return { ok: false, state: 'unenrolled', ...NOTHING_DONE };
  const credential = readCredential(config.dataDir);
  if (credential && credential.terminalId !== config.terminalId) {
    setKv(
      db,
      KV.syncLastError,
      `终端凭证属于终端 ${credential.terminalId}，与本机终端编号 ${config.terminalId} 不符，请重新注册`,
      now(),
    );
    return { ok: false, state: 'error', ...NOTHING_DONE };
  }
  ctx.started();
  const tally: Tally = { pushed: 0, batches: 0, more: false };
  try {
    const { uploaded, pulledVisits } = await steps(ctx, client, tally);
    const alarm = chainAlarm(db);
    const at = now();
    setKv(db, KV.syncLastSuccessAt, at.toISOString(), at);
    if (alarm === null) setKv(db, KV.syncLastError, null, at);
    setKv(db, SYNC_KV.failures, null, at);
    return {
      ok: alarm === null,
      state: alarm !== null ? 'alarm' : 'idle',
      pushed: tally.pushed,
      batches: tally.batches,
      uploaded,
      pulledVisits,
      more: tally.more,
    };
  } catch (error) {
    return {
      ok: false,
      state: failed(db, now(), error),
      pushed: tally.pushed,
      batches: tally.batches,
      uploaded: 0,
      pulledVisits: 0,
      more: false,
    };
  }
}

async function steps(
  ctx: RoundContext,
  client: CentralClient,
  tally: Tally,
): Promise<{ uploaded: number; pulledVisits: number }> {
  const { db, config, now } = ctx;
  // Pull first: the import it may audit goes out with this round's push.
  const pulledVisits = await pullVisits(db, client, now);
  await pullStaff(db, client, now);
  await pullConfig(db, client, config.terminalId, now);
  importToday(db, { terminalId: config.terminalId, siteId: config.site.id, roomId: config.room.id, now: now() });
  await pushChain(ctx, client, tally);
  const up = await uploadRecordings(db, client, {
    terminalId: config.terminalId,
    recordingDir: config.recordingDir,
    now,
    onProgress: ctx.progress,
    track: ctx.track,
    ...(ctx.uploadChunkBytes ? { chunkSize: ctx.uploadChunkBytes } : {}),
    ...(ctx.uploadStallMs ? { stallMs: ctx.uploadStallMs } : {}),
  });
  tally.more ||= up.more;
  // R13.1 + R26.1: no local deletion while the chain alarm stands.
  if (chainAlarm(db) === null)
    deleteExpiredRecordings(db, {
      terminalId: config.terminalId,
      recordingDir: config.recordingDir,
      retentionDays: effectiveRetentionDays(db, config.retentionDays),
      now: now(),
    });
  // Confirmations and deletions are audited: send them now rather than next round.
  if (!tally.more && localHeadSeq(db, config.terminalId) > pushedSeq(db)) await pushChain(ctx, client, tally);
  // Last: support's log bundle waits for the recordings, the chain and retention, never the other way round.
  await answerLogRequests(db, client, {
    terminalId: config.terminalId,
    dataDir: config.dataDir,
    logDir: ctx.logDir ?? null,
    now,
    track: ctx.track,
    ...(ctx.uploadStallMs ? { stallMs: ctx.uploadStallMs } : {}),
  });
  return { uploaded: up.sent, pulledVisits };
}

/** The audit chain, unless the alarm stands; a refusal raises it (R26.1). */
async function pushChain(ctx: RoundContext, client: CentralClient, tally: Tally): Promise<void> {
  const { db, config, now } = ctx;
  if (chainAlarm(db) !== null) return;
  try {
    // The store's own ceiling (pulled) wins over a larger local batch size.
    const batchSize = Math.min(ctx.batchSize ?? 500, pulledConfig(db)?.limits.maxEventsPerBatch ?? Number.POSITIVE_INFINITY);
    const p = await pushAuditChain(db, client, {
      terminalId: config.terminalId,
      now,
      batchSize,
      ...(ctx.maxBatchesPerRound ? { maxBatches: ctx.maxBatchesPerRound } : {}),
    });
    tally.pushed += p.pushed;
    tally.batches += p.batches;
    tally.more ||= p.more;
  } catch (error) {
    if (!(error instanceof ChainRejectedError)) throw error;
    raiseChainAlarm(db, config.terminalId, error.message, now());
  }
}

/** The round failed: offline (the store unreachable) or an error, kept with the failures in a row. */
function failed(db: Database, at: Date, error: unknown): SyncState {
  const offline = error instanceof CentralError ? error.offline : false;
  const message =
    error instanceof CentralError ? error.message : `同步出错：${error instanceof Error ? error.message : String(error)}`;
  try {
    setKv(db, KV.syncLastError, message, at);
    setKv(db, SYNC_KV.failures, String(Number(getKv(db, SYNC_KV.failures) ?? '0') + 1), at);
  } catch {
    // the store closed under us (shutdown)
  }
  return offline ? 'offline' : 'error';
}
