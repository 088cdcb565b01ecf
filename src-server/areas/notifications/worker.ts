// Sends the outbox (issue #25 item 8): every tick, claims the due messages (outbox.ts
// claimDue: safe with several store nodes) and submits their parts through the gateway. A
// transient failure (gateway down, login refused, busy, no answer) puts the message back with
// back-off (src-shared/retry); the rest of the batch goes back too, without counting against
// them, since the gateway is the same. Parts already accepted are not sent again. Receipts
// arriving before their submit is recorded are held and tried again on the next ticks.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Engine } from '../../db/connect';
import type { Database } from '../../db/schema';
import { backoffDelay, withEqualJitter } from '../../../src-shared/retry/backoff';
import type { Backoff } from '../../../src-shared/retry/backoff';
import { ucs2Parts } from '../../../src-shared/notifications/sms-parts';
import { GatewayError } from './gateway';
import type { DeliveryReceipt, NotificationGateway } from './gateway';
import {
  acceptedParts,
  claimDue,
  recordPartAccepted,
  recordReceipt,
  recordRejected,
  recordRetry,
  recordSubmitted,
} from './outbox';
import type { NotificationRow } from './outbox';

export interface WorkerTimings {
  pollMs: number;
  /** How long a claim holds before another node may take the row over. */
  leaseMs: number;
  batch: number;
  backoff: Backoff;
  /** How long an unmatched receipt is kept for its submit to be recorded. */
  receiptHoldMs: number;
}

export const DEFAULT_WORKER_TIMINGS: WorkerTimings = {
  pollMs: 5_000,
  leaseMs: 120_000,
  batch: 20,
  backoff: { initialMs: 30_000, maxMs: 30 * 60_000 },
  receiptHoldMs: 10 * 60_000,
};

/** The 8-bit concatenation reference of a message: the same on every retry and every node. */
export function referenceOf(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) & 0xff;
  return h;
}

export class NotificationWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private held: { receipt: DeliveryReceipt; until: number }[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    private readonly gateway: NotificationGateway,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly timings: WorkerTimings = DEFAULT_WORKER_TIMINGS,
  ) {
    gateway.onReceipt((receipt) => void this.receipt(receipt));
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((err: unknown) => this.log.error({ err }, 'notification worker tick failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.timings.pollMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.gateway.close();
  }

  /** One round: held receipts, then the due messages. Exposed for tests that step it by hand. */
  async tick(): Promise<void> {
    await this.retryHeldReceipts();
    const now = this.clock();
    const { token, rows } = await claimDue(
      this.db,
      this.engine,
      now.toISOString(),
      new Date(now.getTime() + this.timings.leaseMs).toISOString(),
      this.timings.batch,
    );
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as NotificationRow;
      const failure = await this.send(row, token);
      if (failure !== null && failure.failure !== 'rejected') {
        // The gateway itself is failing: the rest of the batch waits with this one.
        for (const rest of rows.slice(i + 1)) await this.retry(rest, token, failure, false);
        return;
      }
    }
  }

  private async send(row: NotificationRow, token: string): Promise<GatewayError | null> {
    const parts = ucs2Parts(row.body);
    const done = await acceptedParts(this.db, row.id);
    try {
      for (let seq = 1; seq <= parts.length; seq += 1) {
        if (done.has(seq)) continue;
        const id = await this.gateway.submit({ phone: row.phone, parts, seq, reference: referenceOf(row.id) });
        await recordPartAccepted(this.db, row.id, seq, id, this.clock().toISOString());
      }
      await recordSubmitted(this.db, row.id, token, this.gateway.protocol, this.clock().toISOString());
      this.log.info({ notificationId: row.id, parts: parts.length }, 'family notification submitted');
      return null;
    } catch (err) {
      const failure = err instanceof GatewayError ? err : new GatewayError(`发送出错：${String(err)}`, 'unavailable');
      if (failure.transient) await this.retry(row, token, failure, true);
      else await recordRejected(this.db, row.id, token, failure.message, this.clock().toISOString());
      this.log.warn(
        { notificationId: row.id, failure: failure.failure, message: failure.message },
        'family notification not sent',
      );
      return failure;
    }
  }

  /** Back in the queue; `counted` false for the batch's others, whose attempt never reached the gateway. */
  private async retry(row: NotificationRow, token: string, failure: GatewayError, counted: boolean): Promise<void> {
    const delay = withEqualJitter(backoffDelay(Math.max(0, Number(row.attempts) - 1), this.timings.backoff));
    const now = this.clock();
    await recordRetry(
      this.db,
      row,
      token,
      failure.message,
      now.toISOString(),
      new Date(now.getTime() + delay).toISOString(),
      counted,
    );
  }

  private async receipt(receipt: DeliveryReceipt): Promise<void> {
    if (receipt.status === 'accepted') return;
    try {
      const found = await recordReceipt(
        this.db,
        receipt.providerMessageId,
        receipt.status,
        receipt.detail,
        this.clock().toISOString(),
      );
      if (!found) this.held.push({ receipt, until: Date.now() + this.timings.receiptHoldMs });
    } catch (err) {
      this.log.error({ err, providerMessageId: receipt.providerMessageId }, 'delivery receipt not recorded');
      this.held.push({ receipt, until: Date.now() + this.timings.receiptHoldMs });
    }
  }

  private async retryHeldReceipts(): Promise<void> {
    const held = this.held;
    this.held = [];
    for (const h of held) {
      if (h.receipt.status === 'accepted') continue;
      const found = await recordReceipt(
        this.db,
        h.receipt.providerMessageId,
        h.receipt.status,
        h.receipt.detail,
        this.clock().toISOString(),
      );
      if (!found && Date.now() < h.until) this.held.push(h);
      else if (!found)
        this.log.warn({ providerMessageId: h.receipt.providerMessageId }, 'delivery receipt for an unknown message dropped');
    }
  }
}
