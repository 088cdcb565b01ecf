// Recordings at the store (issue #19 item 3; R13.1 kept, R26.1 audited, R29.1 the province
// oversees): search the visits that have recordings, one visit's two sides with their chapter
// marks and the manifests' signature check, a short-lived ticket to play or download an
// archive, the legal hold that keeps a visit's recordings past retention, and the access
// audit (every search, playback, download and hold) for the province. The media itself is a
// token-checked, Range-capable GET at /api/recordings/media/:ticket (binary, not declared
// here: src-server/areas/recordings-search/media.ts).
import { z } from 'zod';
import {
  MAX_NAME_CHARS,
  MAX_SEARCH_DAYS,
  RECORDING_OUTCOMES,
  dayNumber,
  looksLikeIdNumber,
} from '../../recordings/search-filter';
import { isoDate, listQuerySchema, note } from '../common';
import type { StoreEndpoint } from '../endpoint';

const searchText = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(MAX_NAME_CHARS, `${label}不能超过 ${MAX_NAME_CHARS} 个字`)
    .regex(/^[^\p{Cc}\p{Cf}%_\\]+$/u, `${label}不能含控制字符或 % _ \\ 等通配符`);

export const recordingSearchQuerySchema = listQuerySchema
  .extend({
    from: isoDate,
    to: isoDate,
    siteId: z.uuid('须为 UUID').optional(),
    roomId: z.uuid('须为 UUID').optional(),
    inmate: searchText('服刑人员').optional(),
    visitorName: searchText('会见人姓名').optional(),
    visitorIdNumber: z
      .string()
      .trim()
      .refine(looksLikeIdNumber, '身份证号须为 18 位（末位可为 X）或 15 位数字，或证件号码')
      .transform((v) => v.toUpperCase())
      .optional(),
    outcome: z.enum(RECORDING_OUTCOMES).optional(),
    hasWarnings: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .superRefine((q, check) => {
    const from = dayNumber(q.from);
    const to = dayNumber(q.to);
    if (from === null || to === null) return;
    if (from > to) check.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    else if (to - from + 1 > MAX_SEARCH_DAYS)
      check.addIssue({ code: 'custom', path: ['to'], message: `一次最多查询 ${MAX_SEARCH_DAYS} 天，请缩小日期范围` });
  });

const legalHoldSchema = z
  .object({ by: z.string().describe('设置人姓名'), at: z.string(), reason: z.string() })
  .nullable()
  .describe('法律保全：设置后录像在保存期满后仍保留');

export const recordingVisitSchema = z
  .object({
    visitId: z.string(),
    date: z.string(),
    startTime: z.string(),
    minutes: z.number().int(),
    status: z.enum(RECORDING_OUTCOMES),
    outcomeReason: z.string().nullable(),
    prison: z.string().describe('监狱（场所）名称'),
    room: z.string(),
    remoteSite: z.string().describe('对方场所（司法局、司法所或监狱）'),
    remoteRoom: z.string(),
    inmate: z.object({ name: z.string(), number: z.string() }),
    visitors: z.array(z.object({ name: z.string(), idNumber: z.string().describe('脱敏：前 6 位与后 4 位') })),
    archives: z.number().int().describe('已确认的录像文件（归档）数'),
    warnings: z.number().int(),
    terminations: z.number().int(),
    legalHold: legalHoldSchema,
  })
  .meta({ id: 'RecordingVisit' });
export type RecordingVisit = z.infer<typeof recordingVisitSchema>;

export const SIGNATURE_RESULTS = ['valid', 'unbound', 'mismatch', 'unsigned', 'malformed', 'missing'] as const;

export const recordingSideSchema = z.object({
  side: z.enum(['prison', 'remote']),
  terminalName: z.string(),
  site: z.string(),
  room: z.string(),
  startedAt: z.string().nullable(),
  /** Where this side's archive starts on the visit's timeline (the earlier side starts at 0). */
  offsetMs: z.number().int(),
  archive: z
    .object({ uploadId: z.string(), durationMs: z.number().int(), size: z.number().int(), sha256: z.string() })
    .nullable(),
  signature: z.object({
    verified: z.boolean().describe('清单签名由该终端注册时登记的公钥签署，且存储内容未被改动'),
    status: z.enum(SIGNATURE_RESULTS),
    keySha256: z.string().nullable(),
    message: z.string().describe('核验结果（中文）'),
  }),
});
export type RecordingSide = z.infer<typeof recordingSideSchema>;

export const recordingChapterSchema = z.object({
  /** On the visit's timeline. */
  atMs: z.number().int(),
  side: z.enum(['prison', 'remote']),
  kind: z.enum(['warning', 'termination', 'incident']),
  title: z.string(),
});
export type RecordingChapter = z.infer<typeof recordingChapterSchema>;

export const recordingDetailSchema = z
  .object({
    visit: recordingVisitSchema,
    sides: z.array(recordingSideSchema),
    chapters: z.array(recordingChapterSchema),
    retentionDays: z.number().int(),
    mayHold: z.boolean().describe('当前用户可设置或解除法律保全'),
  })
  .meta({ id: 'RecordingDetail' });
export type RecordingDetail = z.infer<typeof recordingDetailSchema>;

export const ACCESS_ACTIONS = ['search', 'playback', 'download', 'hold', 'release'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const accessEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    staffName: z.string(),
    username: z.string(),
    organisation: z.string(),
    action: z.enum(ACCESS_ACTIONS),
    visitId: z.string().nullable(),
    uploadId: z.string().nullable(),
    summary: z.string().describe('中文摘要：查询条件、录像或保全理由'),
  })
  .meta({ id: 'RecordingAccessEntry' });
export type AccessEntry = z.infer<typeof accessEntrySchema>;

const visitParams = z.object({ visitId: z.uuid('须为 UUID') });

export const recordingSearchEndpoints = {
  /** Supervisors, administrators and wardens: visits within their scope that have recordings (audited). */
  search: {
    method: 'GET',
    path: '/api/recordings/visits',
    query: recordingSearchQuerySchema,
    response: z.object({ visits: z.array(recordingVisitSchema), total: z.number().int() }),
  },
  /** One visit: both sides, the chapter marks, the manifests' signature check. */
  visit: {
    method: 'GET',
    path: '/api/recordings/visits/:visitId',
    params: visitParams,
    response: recordingDetailSchema,
  },
  /** A ticket (valid a few minutes) for the media GET; issuing it is the audited playback or download. */
  ticket: {
    method: 'POST',
    path: '/api/recordings/uploads/:uploadId/tickets',
    params: z.object({ uploadId: z.uuid('须为 UUID') }),
    body: z.object({ purpose: z.enum(['playback', 'download']) }).strict(),
    status: 201,
    response: z.object({ path: z.string(), expiresAt: z.string(), filename: z.string() }),
  },
  /** Sets or lifts the legal hold on a visit's recordings (administrators and supervisors in scope). */
  hold: {
    method: 'PUT',
    path: '/api/recordings/visits/:visitId/hold',
    params: visitParams,
    body: z.object({ held: z.boolean(), reason: note(200, '保全理由') }).strict(),
    response: z.object({ legalHold: legalHoldSchema }),
  },
  /** The province: who searched, played, downloaded or held which recordings, newest first. */
  accessAudit: {
    method: 'GET',
    path: '/api/recordings/access-audit',
    query: listQuerySchema.extend({ action: z.enum(ACCESS_ACTIONS).optional(), visitId: z.uuid('须为 UUID').optional() }),
    response: z.array(accessEntrySchema),
  },
} as const satisfies Record<string, StoreEndpoint>;

/** The media GET's path prefix (ticket appended). */
export const RECORDING_MEDIA_PREFIX = '/api/recordings/media/';
