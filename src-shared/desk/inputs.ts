// What the desk screens send to main: checked with these schemas at
// the IPC boundary, so a bad form is refused with a zh-CN message naming the
// field before anything reaches the central store. They mirror the store's
// request bodies (src-server/areas/applications, schedule, inmates).
import { z } from 'zod';
import { clockTimeSchema, isoDateSchema } from '../calendar/iso-date-schema';
import { REVIEW_STEP_IDS } from '../calendar/review-steps';
import { updateInmateBody } from '../store-api/inmate-input';
import { MAX_IMPORT_FILE_BYTES } from '../store-api/import-file';
import { siteKindSchema } from '../organisations/kinds';
import { penaltySchema, statusPeriodSchema, suspensionSchema } from '../regulation/inmate';
import { TERMINATION_REASON_CODES } from '../regulation/reason-codes';
import { visitLanguagesSchema } from '../regulation/visit';
import { identityDocumentSchema, visitorRoleSchema } from '../regulation/visitor';
import { arrangementsBody } from '../store-api/endpoints/arrangements';
import { APPLICATION_STATUSES, EXCEPTION_LIMIT_CODES, NOTIFY_METHODS, VISIT_OUTCOMES, VISIT_STATUSES } from './records';

const uuid = (label: string) => z.uuid(`“${label}”编号格式不正确`);
const text = (label: string, max: number) =>
  z.string(`请填写“${label}”`).trim().min(1, `请填写“${label}”`).max(max, `“${label}”不能超过 ${max} 个字符`);
const minutes = z
  .number('请填写会见时长（分钟）')
  .int('会见时长应为整数分钟')
  .min(5, '会见时长至少 5 分钟')
  .max(240, '会见时长不能超过 240 分钟');
const when = z.iso.datetime('时间格式应为 ISO-8601（如 2026-03-02T09:30:00.000Z）');

export const deskLoginArgsSchema = z
  .object({
    username: z.string('请输入用户名').trim().min(1, '请输入用户名').max(64, '用户名过长'),
    password: z.string('请输入密码').min(1, '请输入密码').max(256, '密码过长'),
  })
  .strict();

/** One person on Form 1 or Form 2: name, the ID document, the relationship from the closed list with its R35.1 proofs by kind. */
export const applicantInputSchema = z
  .object({
    name: text('姓名', 50),
    role: visitorRoleSchema,
    document: identityDocumentSchema,
    address: text('住址', 200),
    phone: z
      .string('请填写联系电话')
      .trim()
      .regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不对'),
    visitorId: uuid('会见人').optional(),
  })
  .strict();
export type ApplicantInput = z.infer<typeof applicantInputSchema>;

/** Form 2 (relatives, at an office or bureau; R6.1, R8.1) or Form 1 (the inmate, at the prison; R9.1). */
export const applicationInputSchema = z
  .object({
    form: z.enum(['form-1', 'form-2'], '请选择表一（罪犯申请）或表二（亲属申请）'),
    inmateId: uuid('罪犯'),
    /** Form 1: the relatives' county bureau, which notifies them (R9.2). */
    relativesBureauId: uuid('亲属所在司法局').optional(),
    applicants: z.array(applicantInputSchema).min(1, '至少填写一名申请人').max(6, '申请人最多六名'),
    /** R23.1: the visit's language(s); Mandarin when not given. */
    languages: visitLanguagesSchema.optional(),
    preferred: z
      .object({ date: isoDateSchema.optional(), start: clockTimeSchema.optional(), minutes: minutes.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

export const applicationIdArgsSchema = z.object({ applicationId: uuid('申请') }).strict();

export const listApplicationsArgsSchema = z
  .object({
    status: z.enum(APPLICATION_STATUSES).optional(),
    inmateId: uuid('罪犯').optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

export const reviewQueueArgsSchema = z.object({ limit: z.number().int().min(1).max(500).optional() }).strict();

export const refuseArgsSchema = z.object({ applicationId: uuid('申请'), reason: text('不予批准的理由', 500) }).strict();

export const slotInputFields = { date: isoDateSchema, start: clockTimeSchema, minutes };

export const approveArgsSchema = z
  .object({ applicationId: uuid('申请'), ...slotInputFields, roomId: uuid('监狱会见室'), remoteRoomId: uuid('亲属一方会见室') })
  .strict();

export const notifyArgsSchema = z
  .object({ applicationId: uuid('申请'), how: z.enum(NOTIFY_METHODS, '请选择通知方式：电话、短信或当面'), at: when.optional() })
  .strict();

export const consentArgsSchema = z
  .object({
    applicationId: uuid('申请'),
    agreed: z.boolean('请选择亲属是否同意'),
    how: z.enum(NOTIFY_METHODS, '请选择通知方式：电话、短信或当面'),
    at: when.optional(),
    reason: text('不同意的理由', 500).optional(),
  })
  .strict();

/** The applicant withdraws (issue 25 item 5): the reason goes on the chain's record. */
export const withdrawArgsSchema = z.object({ applicationId: uuid('申请'), reason: text('撤回理由', 500) }).strict();

export const prisonIdArgsSchema = z.object({ prisonId: uuid('监狱') }).strict();
/** A prison's arrangements as its administrator sets them (R14.2 ceiling, R14.3 hours and days). */
export const setArrangementsArgsSchema = z.object({ prisonId: uuid('监狱'), arrangements: arrangementsBody }).strict();

export const informInmateArgsSchema = z.object({ applicationId: uuid('申请'), at: when.optional() }).strict();

/** R14.3: longer, more often, more people, or outside the schedule; who and why are recorded. */
export const exceptionArgsSchema = z
  .object({
    applicationId: uuid('申请'),
    lifts: z.enum(EXCEPTION_LIMIT_CODES, '请选择例外事项'),
    visitDate: isoDateSchema,
    maxMinutes: z.number().int().positive().max(240, '不能超过 240 分钟').optional(),
    maxVisitors: z.number().int().positive().max(6, '不能超过 6 人').optional(),
    reason: text('批准理由', 500),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.lifts === 'duration' && b.maxMinutes === undefined)
      ctx.addIssue({ code: 'custom', path: ['maxMinutes'], message: '延长会见时间须写明批准的分钟数' });
    if (b.lifts === 'visitor-count' && b.maxVisitors === undefined)
      ctx.addIssue({ code: 'custom', path: ['maxVisitors'], message: '增加会见人数须写明批准的人数' });
  });

export const slotsArgsSchema = z
  .object({ date: isoDateSchema, roomId: uuid('监狱会见室'), remoteRoomId: uuid('亲属一方会见室'), minutes: minutes.optional() })
  .strict();

export const visitsArgsSchema = z
  .object({
    date: isoDateSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    status: z.enum(VISIT_STATUSES).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();

export const rescheduleArgsSchema = z
  .object({
    visitId: uuid('会见'),
    ...slotInputFields,
    roomId: uuid('监狱会见室').optional(),
    remoteRoomId: uuid('亲属一方会见室').optional(),
  })
  .strict();

/** Interrupted (R18.1) and terminated (R16.1, R17.1) need the reason: a code from the closed list or 'other' with words. */
export const visitOutcomeArgsSchema = z
  .object({
    visitId: uuid('会见'),
    status: z.enum(VISIT_OUTCOMES, '请选择会见结果'),
    reasonCode: z.enum([...TERMINATION_REASON_CODES, 'R18.1', 'other'], '原因代码不在规定的列表中').optional(),
    reason: text('原因', 500).optional(),
  })
  .strict();

export const inmateSearchArgsSchema = z
  .object({
    name: z.string().trim().max(50).optional(),
    inmateNumber: z.string().trim().max(32).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

/** R8.1: the applicant names the prison; the inmate is found by number and name together. */
export const inmateLookupArgsSchema = z
  .object({ prisonId: uuid('监狱'), inmateNumber: text('罪犯编号', 32), name: text('罪犯姓名', 50) })
  .strict();

export const inmateIdArgsSchema = z.object({ inmateId: uuid('罪犯') }).strict();
export const statusPeriodArgsSchema = z.object({ inmateId: uuid('罪犯'), period: statusPeriodSchema }).strict();
export const endStatusPeriodArgsSchema = z
  .object({ inmateId: uuid('罪犯'), periodId: uuid('状态期间'), end: isoDateSchema })
  .strict();
/**
 * Issue #25 item 7: a list file the clerk picked (.csv in UTF-8 or GBK/GB18030, or .xlsx), its
 * bytes as a Uint8Array (see recordingChunkArgsSchema in ../ipc/contract.ts on how they cross),
 * capped here before main reads them; the store decodes and checks them.
 */
export const importInmatesArgsSchema = z
  .object({
    fileName: text('文件名', 200).regex(/\.(csv|xlsx)$/i, '只能导入 .csv 或 .xlsx 文件'),
    bytes: z
      .instanceof(Uint8Array, { message: '文件内容应为字节数组（Uint8Array）' })
      .refine((b) => b.byteLength > 0, '文件为空')
      .refine((b) => b.byteLength <= MAX_IMPORT_FILE_BYTES, `文件不能超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`),
    commit: z.boolean(),
  })
  .strict();

export const updateInmateArgsSchema = z.object({ inmateId: uuid('罪犯'), change: updateInmateBody }).strict();
export const penaltyArgsSchema = z.object({ inmateId: uuid('罪犯'), penalty: penaltySchema }).strict();
export const suspensionArgsSchema = z.object({ inmateId: uuid('罪犯'), suspension: suspensionSchema }).strict();

export const sitesArgsSchema = z.object({ kind: siteKindSchema.optional() }).strict();

export const dueDateArgsSchema = z
  .object({ step: z.enum(REVIEW_STEP_IDS as [string, ...string[]], '审查环节不在列表中'), receivedOn: isoDateSchema })
  .strict();
export const calendarDayArgsSchema = z.object({ date: isoDateSchema }).strict();
