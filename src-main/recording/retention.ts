// R13.1: recordings are kept at least six months. A local copy may be deleted only when
// BOTH the central store has confirmed its hash (so a verified copy exists elsewhere)
// AND the configured retention has passed (never less than MIN_RETENTION_DAYS = 184 days,
// the longest six calendar months). Pure: the caller supplies the clock.
import { MIN_RETENTION_DAYS } from '../config/schema';

const DAY_MS = 86_400_000;

export interface RetentionInput {
  /** When the central store confirmed the archive's SHA-256; null while unconfirmed. */
  readonly confirmedHashAt: Date | null;
  readonly recordedAt: Date;
  readonly retentionDays: number;
  readonly now: Date;
}

export interface RetentionDecision {
  readonly mayDelete: boolean;
  /** The first moment retention allows deletion (whatever the hash's state). */
  readonly retainUntil: Date;
  /** zh-CN, for the recordings screen and the log. */
  readonly reason: string;
}

export function mayDeleteLocalRecording(input: RetentionInput): RetentionDecision {
  // A misconfigured value below the legal minimum never shortens the retention.
  const days = Number.isFinite(input.retentionDays)
    ? Math.max(MIN_RETENTION_DAYS, Math.ceil(input.retentionDays))
    : MIN_RETENTION_DAYS;
  const retainUntil = new Date(input.recordedAt.getTime() + days * DAY_MS);
  const until = retainUntil.toISOString().slice(0, 10);
  if (input.confirmedHashAt === null)
    return { mayDelete: false, retainUntil, reason: '中心库尚未确认该录像的哈希值，本地录像不得删除（R13.1）' };
  if (input.now.getTime() < retainUntil.getTime())
    return { mayDelete: false, retainUntil, reason: `录像须保存 ${days} 天，${until} 之前不得删除（R13.1）` };
  return { mayDelete: true, retainUntil, reason: `中心库已确认哈希且已保存满 ${days} 天，可以删除本地录像` };
}
