// The wire format of terminal sync (pull visits, push audit events). Pure zod,
// no server imports: the terminal's sync worker (issue 8) needs the same
// schemas, so this file is ready to move to src-shared as it is.
import { z } from 'zod';

export const MAX_EVENTS_PER_BATCH = 1000;
/** Canonical JSON of one event's payload, at most. */
export const MAX_PAYLOAD_CHARS = 64 * 1024;
export const DEFAULT_CHAIN_ID = 'main';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '须为 64 位小写十六进制 SHA-256');

/** As the terminal's audit log writes it: dotted lower-case words. */
const eventKind = z
  .string()
  .max(100, '不能超过 100 个字符')
  .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, '须为以点分隔的小写标识，如 visit.started');

export const chainIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, '须为 1 到 64 个字母、数字、点、下划线或短横线')
  .describe('终端的审计链编号；终端更换本地库重新开链时使用新的编号（默认 main）');

export const auditEventSchema = z.object({
  seq: z.number().int('须为整数').min(1, '须从 1 开始').max(2_000_000_000),
  at: z.iso.datetime('须为 ISO-8601 UTC 时间'),
  kind: eventKind,
  actor: z.string().min(1, '不能为空').max(100, '不能超过 100 个字符'),
  /** A JSON object (any keys; it arrived as JSON, so its values are JSON); hashed in canonical form. */
  payload: z.looseObject({}, '须为 JSON 对象'),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEventWire = z.infer<typeof auditEventSchema>;

export const eventBatchSchema = z
  .object({
    terminalId: z.uuid('须为 UUID'),
    chainId: chainIdSchema.optional(),
    fromSeq: z.number().int('须为整数').min(1, '须从 1 开始'),
    events: z.array(auditEventSchema).min(1, '至少一条事件').max(MAX_EVENTS_PER_BATCH, `每批至多 ${MAX_EVENTS_PER_BATCH} 条事件`),
  })
  .superRefine((batch, issues) => {
    // A batch is one consecutive run of the chain starting at fromSeq (checked
    // only when fromSeq itself is valid, so one mistake is named once).
    if (!Number.isInteger(batch.fromSeq) || batch.fromSeq < 1) return;
    const bad = batch.events.findIndex((e, i) => e.seq !== batch.fromSeq + i);
    if (bad >= 0) {
      issues.addIssue({ code: 'custom', path: ['events', bad, 'seq'], message: `应为 ${batch.fromSeq + bad}：一批事件须从 fromSeq 起序号连续` });
    }
  });
export type EventBatch = z.infer<typeof eventBatchSchema>;

/** The acknowledgement: the chain's stored, verified head (seq 0 and 64 zeros before the first event). */
export const chainAckSchema = z
  .object({ terminalId: z.string(), chainId: z.string(), seq: z.number().int(), hash: z.string() })
  .meta({ id: 'ChainAck' });
export type ChainAck = z.infer<typeof chainAckSchema>;

export const headQuerySchema = z.object({ chainId: chainIdSchema.optional() });

export const visitsPullQuerySchema = z.object({
  cursor: z.coerce.number().int('须为整数').min(0, '不能为负数').default(0).describe('上次拉取返回的 cursor；首次为 0'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  roomId: z.uuid('须为 UUID').optional().describe('可选：终端所服务的会见室，与终端不符则拒绝（防止配置错误）'),
});

/** Which side of a visit a room is: the inmate's (prison) room or the visitors' room. */
export const visitSideSchema = z.enum(['inmate', 'visitor']);
export type VisitSide = z.infer<typeof visitSideSchema>;

export const syncedVisitSchema = z
  .object({
    id: z.string(),
    roomId: z.string().describe('罪犯一方（监狱）会见室'),
    remoteRoomId: z.string().describe('亲属一方（司法局/司法所，或 R7.1 另一监狱）会见室'),
    side: visitSideSchema.describe('本终端所在的一方'),
    date: z.string(),
    startTime: z.string(),
    minutes: z.number().int(),
    status: z.string(),
    seq: z.number().int().describe('该变更的序号'),
  })
  .meta({ id: 'SyncedVisit' });
export type SyncedVisit = z.infer<typeof syncedVisitSchema>;

export const visitsPageSchema = z.object({
  visits: z.array(syncedVisitSchema),
  /** Pass back as ?cursor= next time; unchanged when nothing changed. */
  cursor: z.number().int(),
  /** More changes wait: pull again at once. */
  hasMore: z.boolean(),
});
export type VisitsPage = z.infer<typeof visitsPageSchema>;
