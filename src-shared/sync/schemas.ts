// The wire format of terminal sync (pull visits and staff, push audit events), shared by
// the central store (src-server/areas/sync) and the terminal's sync worker (src-main/sync):
// one schema on both sides of the wire.
import { z } from 'zod';
import { languageSchema } from '../regulation/visit';
import { terminalIdSchema } from './terminal-id';
import { jsonLimitProblem } from '../json-limits';

export const MAX_EVENTS_PER_BATCH = 1000;
/** Canonical JSON of one event's payload, at most. */
export const MAX_PAYLOAD_CHARS = 64 * 1024;
export const DEFAULT_CHAIN_ID = 'main';
/** How deep one event's payload may nest (the terminal's own are a few levels). */
export const MAX_PAYLOAD_DEPTH = 32;

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
  payload: z.looseObject({}, '须为 JSON 对象').superRefine((payload, issues) => {
    // Before anything hashes it: canonical JSON has no form for Infinity (`1e999`) or a 3,000-deep tree.
    const problem = jsonLimitProblem(payload, { maxDepth: MAX_PAYLOAD_DEPTH });
    if (problem !== null) issues.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEventWire = z.infer<typeof auditEventSchema>;

export const eventBatchSchema = z
  .object({
    terminalId: terminalIdSchema,
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
      issues.addIssue({
        code: 'custom',
        path: ['events', bad, 'seq'],
        message: `应为 ${batch.fromSeq + bad}：一批事件须从 fromSeq 起序号连续`,
      });
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

/** One approved visitor of a visit, as the application's applicant named them. */
export const syncedVisitorSchema = z.object({
  id: z.string().describe('来访人编号（未登记的为申请人编号）'),
  name: z.string(),
  documentKind: z.string(),
  documentNumber: z.string(),
  /** R36.1/R37.1 family code; null for an R34.1 special visitor (lawyer, official). */
  relationship: z.string().nullable(),
  specialKind: z.string().nullable(),
});
export type SyncedVisitor = z.infer<typeof syncedVisitorSchema>;

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
    // Check-in at the terminal (R11.1, R23.1) needs who may come, offline.
    inmate: z.object({ id: z.string(), name: z.string() }).describe('被会见的罪犯'),
    visitors: z.array(syncedVisitorSchema).describe('申请中获批的会见人（表一/表二），按申请顺序'),
    languages: z.array(languageSchema).min(1).describe('会见使用的语言；非普通话须有翻译在场（R23.1）'),
    interpreterRequired: z.boolean().describe('R23.1：是否须有翻译人员在场'),
    maxVisitors: z
      .number()
      .int()
      .min(1)
      .max(6)
      .optional()
      .describe('R14.2、R14.3：本次会见最多签到的人数（监狱自定的限额或监狱长批准的人数）；缺省为 3'),
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

/** GET /api/sync/staff: the terminal site's administrators, for offline login (R25.1). */
export const syncedStaffSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    username: z.string(),
    name: z.string(),
    /** argon2id, as stored centrally; the terminal verifies offline against it. */
    passwordHash: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'SyncedStaff' });
export type SyncedStaff = z.infer<typeof syncedStaffSchema>;

export const staffPageSchema = z.object({
  /** The site the list covers: the room's organisation (and its prison or bureau above a ward or office). */
  organisationIds: z.array(z.string()),
  staff: z.array(syncedStaffSchema),
});
export type StaffPage = z.infer<typeof staffPageSchema>;
