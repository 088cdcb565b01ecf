// The outbox of messages to the family (issue #25 item 8; R8.4, R9.2): the one writer of
// `notifications` and `notification_parts` (migration 0021). Messages are queued inside the
// transaction that opens the step calling for them (applications/act.ts, schedule/reschedule.ts),
// so a step is never open without its messages nor a message without its step. The worker
// (./worker.ts) claims due rows with one UPDATE … RETURNING whose WHERE it re-checks on the
// row (SQLite and PostgreSQL alike), so two store nodes never hold the same row; every outcome
// is written only by the holder of the claim's token.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Engine } from '../../db/connect';
import type { Database, NotificationsTable, NotificationStatus } from '../../db/schema';
import { newId } from '../../ids';
import { chinaMobile } from '../../../src-shared/notifications/phone';
import { MAX_PARTS, ucs2Parts } from '../../../src-shared/notifications/sms-parts';
import type { ReceiptStatus } from './gateway';
import { composeMessage } from './templates';
import type { NotificationCause } from './templates';

export type NotificationRow = NotificationsTable;

/** Steps whose doing is telling the relatives (R8.4; R9.2; R9.3's change, which opens an R8.4 step). */
export const FAMILY_STEPS: ReadonlySet<string> = new Set(['bureau-notifies-relative', 'bureau-notifies-and-replies']);

/**
 * After this many attempts a message is given up (failed) and the desk says to tell them another
 * way: with the worker's back-off (30 s doubling to 30 min) about two days, R8.4's and R9.2's span.
 */
export const MAX_ATTEMPTS = 100;

interface StepRef {
  id: string;
  application_id: string;
  kind: string;
  due_on: string;
  requirement_ids: string | null;
}

async function causeOf(trx: Kysely<Database>, step: StepRef): Promise<NotificationCause> {
  if (step.requirement_ids !== null && (JSON.parse(step.requirement_ids) as string[]).includes('R9.3')) return 'rescheduled';
  if (step.kind === 'bureau-notifies-and-replies') return 'arranged';
  const app = await trx.selectFrom('applications').select('outcome').where('id', '=', step.application_id).executeTakeFirst();
  return app?.outcome === 'approved' ? 'approved' : 'refused';
}

/** The arranged visit on the relatives' side (their room and its organisation), as the status page shows it. */
async function visitOf(trx: Kysely<Database>, applicationId: string) {
  const v = await trx
    .selectFrom('visits')
    .innerJoin('rooms', 'rooms.id', 'visits.remote_room_id')
    .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
    .select(['visits.date', 'visits.start_time', 'rooms.name as room', 'organisations.name as site'])
    .where('visits.application_id', '=', applicationId)
    .where('visits.status', '=', 'scheduled')
    .orderBy('visits.date', 'desc')
    .orderBy('visits.start_time', 'desc')
    .executeTakeFirst();
  return v ? { date: v.date, start: v.start_time, place: placeName(v.site, v.room) } : null;
}

/** 昆明市官渡区司法局 + 官渡区司法局会见室 → 昆明市官渡区司法局会见室: the room's name often repeats its site's. */
export function placeName(site: string, room: string): string {
  if (room.startsWith(site)) return room;
  for (let n = Math.min(site.length, room.length); n >= 2; n -= 1) {
    if (site.endsWith(room.slice(0, n))) return site + room.slice(n);
  }
  return site + room;
}

export interface QueueOptions {
  now: string;
  createdBy: string | null;
  statusPageUrl: string | undefined;
  cause?: NotificationCause;
}

async function insertMessage(
  trx: Kysely<Database>,
  step: StepRef,
  phone: string,
  body: string,
  cause: NotificationCause,
  options: QueueOptions,
): Promise<string> {
  const parts = ucs2Parts(body);
  if (parts.length > MAX_PARTS) throw new Error(`notification body of ${parts.length} parts exceeds ${MAX_PARTS}`);
  const id = newId();
  await trx
    .insertInto('notifications')
    .values({
      id,
      application_id: step.application_id,
      step_id: step.id,
      cause,
      phone,
      body,
      part_count: parts.length,
      status: 'queued',
      attempts: 0,
      next_attempt_at: options.now,
      claim_token: null,
      claim_expires_at: null,
      last_error: null,
      protocol: null,
      due_on: step.due_on,
      submitted_at: null,
      final_at: null,
      created_by: options.createdBy,
      created_at: options.now,
    })
    .execute();
  return id;
}

/**
 * Inside the transaction that opened (or changed) a step telling the relatives: one message
 * per distinct China mobile among the applicants. A landline gets none (the bureau calls).
 * Returns the ids queued.
 */
export async function queueFamilyNotices(trx: Kysely<Database>, step: StepRef, options: QueueOptions): Promise<string[]> {
  if (!FAMILY_STEPS.has(step.kind)) return [];
  const applicants = await trx
    .selectFrom('applicants')
    .select('phone')
    .where('application_id', '=', step.application_id)
    .orderBy('position')
    .execute();
  const phones = [...new Set(applicants.map((a) => chinaMobile(a.phone)).filter((p): p is string => p !== null))];
  if (phones.length === 0) return [];
  const cause = options.cause ?? (await causeOf(trx, step));
  const body = composeMessage({
    applicationId: step.application_id,
    cause,
    visit: await visitOf(trx, step.application_id),
    statusPageUrl: options.statusPageUrl,
  });
  const ids: string[] = [];
  for (const phone of phones) ids.push(await insertMessage(trx, step, phone, body, cause, options));
  return ids;
}

/** The newest step telling the relatives, open or done (what a message sent again answers to). */
export async function latestFamilyStep(db: Kysely<Database>, applicationId: string): Promise<StepRef | undefined> {
  return db
    .selectFrom('review_steps')
    .select(['id', 'application_id', 'kind', 'due_on', 'requirement_ids'])
    .where('application_id', '=', applicationId)
    .where('kind', 'in', [...FAMILY_STEPS])
    .orderBy('position', 'desc')
    .executeTakeFirst();
}

/** How many messages clerks may send again on one application (a bound on a mistaken or abused button). */
export const MAX_RESENDS_PER_APPLICATION = 20;

export async function resendsOf(db: Kysely<Database>, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('application_id', '=', applicationId)
    .where('created_by', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A clerk sends the step's message again to `phone` (already a valid China mobile). */
export async function queueResend(db: Kysely<Database>, step: StepRef, phone: string, options: QueueOptions): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const cause = await causeOf(trx, step);
    const body = composeMessage({
      applicationId: step.application_id,
      cause,
      visit: await visitOf(trx, step.application_id),
      statusPageUrl: options.statusPageUrl,
    });
    return insertMessage(trx, step, phone, body, cause, options);
  });
}

export interface Claimed {
  token: string;
  rows: NotificationRow[];
}

/**
 * Claims up to `limit` due messages for this node until `leaseUntil`: queued ones whose time
 * has come, and ones another node claimed but did not finish before its claim expired. The
 * outer WHERE repeats the condition on the row itself, so under PostgreSQL's READ COMMITTED a
 * row another node claimed between the sub-select and the update is re-checked and skipped.
 */
export async function claimDue(
  db: Kysely<Database>,
  engine: Engine,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<Claimed> {
  const token = randomUUID();
  const due = (eb: ExpressionBuilder<Database, 'notifications'>) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('claim_expires_at', '<', now)]),
    ]);
  const rows = await db
    .updateTable('notifications')
    .set({ status: 'sending', claim_token: token, claim_expires_at: leaseUntil, attempts: sql<number>`attempts + 1` })
    .where((eb) =>
      eb.and([
        eb(
          'id',
          'in',
          db
            .selectFrom('notifications')
            .select('id')
            .where(due)
            .orderBy('next_attempt_at')
            .limit(limit)
            // PostgreSQL: rows another node is claiming right now are passed over, not waited for (SQLite has one writer).
            .$if(engine === 'postgres', (q) => q.forUpdate().skipLocked()),
        ),
        due(eb),
      ]),
    )
    .returningAll()
    .execute();
  return { token, rows };
}

/** The parts of a message the gateway has already accepted (a retry sends only the others). */
export async function acceptedParts(db: Kysely<Database>, notificationId: string): Promise<Set<number>> {
  const rows = await db.selectFrom('notification_parts').select('seq').where('notification_id', '=', notificationId).execute();
  return new Set(rows.map((r) => Number(r.seq)));
}

/** One part accepted by the gateway, under its message id. */
export async function recordPartAccepted(
  db: Kysely<Database>,
  notificationId: string,
  seq: number,
  providerMessageId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('notification_parts')
    .values({
      notification_id: notificationId,
      seq,
      provider_message_id: providerMessageId,
      status: 'submitted',
      error: null,
      updated_at: now,
    })
    .execute();
}

const held = (id: string, token: string) => (eb: ExpressionBuilder<Database, 'notifications'>) =>
  eb.and([eb('id', '=', id), eb('claim_token', '=', token), eb('status', '=', 'sending')]);

/** Every part accepted: submitted (or already final, if the receipts came first). */
export async function recordSubmitted(
  db: Kysely<Database>,
  id: string,
  token: string,
  protocol: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ status: 'submitted', protocol, submitted_at: now, claim_token: null, claim_expires_at: null, last_error: null })
    .where(held(id, token))
    .execute();
  await settle(db, id, now);
}

/**
 * A transient failure: back in the queue at `nextAt`, or given up after MAX_ATTEMPTS. `counted`
 * false: the attempt never reached the gateway (the batch stopped at an earlier message), so the
 * claim's increment is taken back.
 */
export async function recordRetry(
  db: Kysely<Database>,
  row: NotificationRow,
  token: string,
  error: string,
  now: string,
  nextAt: string,
  counted = true,
): Promise<NotificationStatus> {
  const attempts = counted ? Number(row.attempts) : Math.max(0, Number(row.attempts) - 1);
  const giveUp = counted && attempts >= MAX_ATTEMPTS;
  const status: NotificationStatus = giveUp ? 'failed' : 'queued';
  await db
    .updateTable('notifications')
    .set({
      status,
      attempts,
      last_error: giveUp ? `${error}（已重试 ${MAX_ATTEMPTS} 次，停止发送）` : error,
      next_attempt_at: nextAt,
      claim_token: null,
      claim_expires_at: null,
      ...(giveUp ? { final_at: now } : {}),
    })
    .where(held(row.id, token))
    .execute();
  return status;
}

/** The gateway refused the message itself (e.g. an unknown number): not retried. */
export async function recordRejected(db: Kysely<Database>, id: string, token: string, error: string, now: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ status: 'failed', last_error: error, final_at: now, claim_token: null, claim_expires_at: null })
    .where(held(id, token))
    .execute();
}

/** A delivery receipt for one part; false when no part has that id (yet: its submit may still be recording). */
export async function recordReceipt(
  db: Kysely<Database>,
  providerMessageId: string,
  status: ReceiptStatus,
  detail: string,
  now: string,
): Promise<boolean> {
  const part = await db
    .selectFrom('notification_parts')
    .select(['notification_id', 'seq'])
    .where('provider_message_id', '=', providerMessageId)
    .executeTakeFirst();
  if (!part) return false;
  await db
    .updateTable('notification_parts')
    .set({ status, error: status === 'delivered' ? null : detail, updated_at: now })
    .where('notification_id', '=', part.notification_id)
    .where('seq', '=', part.seq)
    .execute();
  await settle(db, part.notification_id, now);
  return true;
}

/** A submitted message becomes final once its parts say so: any failed or expired part decides, else all delivered. */
async function settle(db: Kysely<Database>, id: string, now: string): Promise<void> {
  const row = await db.selectFrom('notifications').select(['status', 'part_count']).where('id', '=', id).executeTakeFirst();
  if (!row || row.status !== 'submitted') return;
  const parts = await db.selectFrom('notification_parts').select(['status', 'error']).where('notification_id', '=', id).execute();
  const failed = parts.find((p) => p.status === 'failed');
  const expired = parts.find((p) => p.status === 'expired');
  const final: NotificationStatus | null = failed
    ? 'failed'
    : expired
      ? 'expired'
      : parts.length >= Number(row.part_count) && parts.every((p) => p.status === 'delivered')
        ? 'delivered'
        : null;
  if (final === null) return;
  const error = (failed ?? expired)?.error ?? null;
  await db
    .updateTable('notifications')
    .set({ status: final, final_at: now, ...(error !== null ? { last_error: `回执：${error}` } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .execute();
}

/** The applicant withdrew (in the withdrawal's transaction): what still waits is never sent. */
export async function cancelQueued(trx: Kysely<Database>, applicationId: string, now: string): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ status: 'cancelled', last_error: '申请已撤回，不再发送', final_at: now })
    .where('application_id', '=', applicationId)
    .where('status', '=', 'queued')
    .execute();
}

export async function notificationsOf(db: Kysely<Database>, applicationId: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('review_steps', 'review_steps.id', 'notifications.step_id')
    .selectAll('notifications')
    .select('review_steps.kind as step_kind')
    .where('notifications.application_id', '=', applicationId)
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id')
    .execute();
}

export async function notificationById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('review_steps', 'review_steps.id', 'notifications.step_id')
    .selectAll('notifications')
    .select('review_steps.kind as step_kind')
    .where('notifications.id', '=', id)
    .executeTakeFirstOrThrow();
}
