// R18.1: the call_checkpoints table (migration 6). A live call's countdown and connection
// generation, so a terminal restarted after a crash or power cut rejoins the call. A row
// that does not parse is reported, never guessed at.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { callNoticeSchema, iceServerSchema } from '../../src-shared/signaling/call-schemas';
import type { CallCheckpoint } from './call-machine';

const holdSchema = z.object({ by: z.string(), site: z.string(), origin: z.enum(['local', 'remote']), at: z.string() });

const checkpointSchema: z.ZodType<CallCheckpoint> = z.object({
  v: z.literal(1),
  options: z.object({
    visitId: z.string().min(1),
    side: z.enum(['inmate', 'visitor']),
    allowedMs: z.number().nonnegative(),
    iceServers: z.array(iceServerSchema),
    iceTransportPolicy: z.enum(['all', 'relay']).optional(),
    inmateName: z.string(),
    visitors: z.array(z.object({ name: z.string(), relationship: z.string() })),
  }),
  phase: z.enum(['connecting', 'in-progress', 'reconnecting']),
  generation: z.number().int().nonnegative(),
  allowedMs: z.number().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  warned: z.array(z.number()),
  hold: holdSchema.nullable(),
  notices: z.array(callNoticeSchema),
  noticeSeq: z.number().int().nonnegative(),
  startedAt: z.number().nullable(),
  lostAt: z.number().nullable(),
  iceServers: z.array(iceServerSchema),
  iceTransportPolicy: z.enum(['all', 'relay']),
}) as z.ZodType<CallCheckpoint>;

export type CheckpointRow =
  | { visitId: string; savedAt: number; checkpoint: CallCheckpoint; problem: null }
  | { visitId: string; savedAt: number; checkpoint: null; problem: string };

export function saveCheckpoint(db: Database, cp: CallCheckpoint, at: Date): void {
  db.prepare(
    `INSERT INTO call_checkpoints (visit_id, state, saved_at) VALUES (?, ?, ?)
     ON CONFLICT (visit_id) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at`,
  ).run(cp.options.visitId, JSON.stringify(cp), at.toISOString());
}

export function deleteCheckpoint(db: Database, visitId: string): void {
  db.prepare('DELETE FROM call_checkpoints WHERE visit_id = ?').run(visitId);
}

export function readCheckpoints(db: Database): CheckpointRow[] {
  const rows = db
    .prepare<[], { visit_id: string; state: string; saved_at: string }>(
      'SELECT visit_id, state, saved_at FROM call_checkpoints ORDER BY saved_at',
    )
    .all();
  return rows.map((r) => {
    const savedAt = Date.parse(r.saved_at);
    const parsed = checkpointSchema.safeParse(JSON.parse(r.state));
    if (!parsed.success || !Number.isFinite(savedAt) || parsed.data.options.visitId !== r.visit_id) {
      return {
        visitId: r.visit_id,
        savedAt,
        checkpoint: null,
        problem: parsed.success
          ? '检查点时间或会见编号不一致'
          : parsed.error.issues
              .map((i) => `${i.path.join('.')}: ${i.message}`)
              .join('; ')
              .slice(0, 500),
      };
    }
    return { visitId: r.visit_id, savedAt, checkpoint: parsed.data, problem: null };
  });
}
