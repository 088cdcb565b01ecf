// Request bodies and the application record, for validation and OpenAPI.
import { z } from 'zod';
import { clockTimeSchema, REVIEW_STEP_IDS } from '../../../src-shared/calendar';
import { EXCEPTION_LIMITS, identityDocumentSchema, visitorRoleSchema } from '../../../src-shared/regulation';
import type { ExceptionLimit } from '../../../src-shared/regulation';
import { isoDate, text } from '../../http/common-schemas';
import { visitRecordSchema } from '../schedule/visit-view';

const uuid = () => z.uuid('须为 UUID');
const EXCEPTION_LIMIT_CODES = Object.keys(EXCEPTION_LIMITS) as [ExceptionLimit, ...ExceptionLimit[]];

/** One person on Form 1 or Form 2 (name, relationship, ID, address, phone). */
export const applicantBody = z.object({
  name: text(50),
  role: visitorRoleSchema,
  document: identityDocumentSchema,
  address: text(200),
  phone: z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不对'),
  /** The registered visitor (areas/visitors), when there is one. */
  visitorId: uuid().optional(),
});

export const slotFields = {
  date: isoDate,
  start: clockTimeSchema,
  minutes: z.number().int().min(5, '至少 5 分钟').max(240, '不能超过 240 分钟'),
};

export const submitBody = z
  .object({
    form: z.enum(['form-1', 'form-2']),
    /** R8.1: at the desk, or online (the mini program) through this same API. */
    channel: z.enum(['desk', 'online']).default('desk'),
    inmateId: uuid(),
    /** Where it is received; defaults to the caller's organisation. */
    organisationId: uuid().optional(),
    /** Form 1 (R9.1): the relatives' county bureau, which notifies them (R9.2). */
    relativesBureauId: uuid().optional(),
    applicants: z.array(applicantBody).min(1, '至少一人').max(6, '最多六人（表一、表二）'),
    /** The wished date and length; the rules are checked against it until a slot is booked. */
    preferred: z.object({ date: isoDate.optional(), start: clockTimeSchema.optional(), minutes: slotFields.minutes.optional() }).optional(),
  })
  .meta({ id: 'NewApplication' });
export type SubmitBody = z.infer<typeof submitBody>;

export const refuseBody = z.object({ reason: text(500).optional() });
export const approveBody = z.object({ ...slotFields, roomId: uuid(), remoteRoomId: uuid() }).meta({ id: 'ApproveWithSlot' });
export const notifyBody = z.object({ how: z.enum(['phone', 'sms', 'in-person']), at: z.iso.datetime('须为 ISO-8601 时间').optional() });
export const consentBody = notifyBody.extend({ agreed: z.boolean(), reason: text(500).optional() });
export const informBody = z.object({ at: z.iso.datetime('须为 ISO-8601 时间').optional() });

export const exceptionBody = z
  .object({
    lifts: z.enum(EXCEPTION_LIMIT_CODES),
    visitDate: isoDate,
    /** 'duration': the approved length. */
    maxMinutes: z.number().int().positive().max(240).optional(),
    /** 'visitor-count': the approved number of visitors. */
    maxVisitors: z.number().int().positive().max(6).optional(),
    reason: text(500),
  })
  .superRefine((b, ctx) => {
    if (b.lifts === 'duration' && b.maxMinutes === undefined) ctx.addIssue({ code: 'custom', path: ['maxMinutes'], message: '延长会见时间须写明批准的分钟数' });
    if (b.lifts === 'visitor-count' && b.maxVisitors === undefined) ctx.addIssue({ code: 'custom', path: ['maxVisitors'], message: '增加会见人数须写明批准的人数' });
  })
  .meta({ id: 'WardenException' });

const appliedSchema = z.object({
  id: z.string(),
  result: z.enum(['passed', 'failed', 'lifted', 'not-applicable']),
  detail: z.string(),
  reason: z.string().optional(),
  availableFrom: z.string().optional(),
  exceptionId: z.string().optional(),
});

export const decisionSchema = z
  .object({
    outcome: z.enum(['allowed', 'refused']),
    category: z.enum(['family', 'special']),
    message: z.string(),
    applied: z.array(appliedSchema),
    refusedBy: z.array(z.string()).optional(),
    availableFrom: z.string().optional(),
    limits: z
      .object({
        maxMinutes: z.number(),
        maxVisitors: z.number(),
        visitsPerMonth: z.number().nullable(),
        visitsUsedThisMonth: z.number().nullable(),
        visitsLeftThisMonth: z.number().nullable(),
        juvenile: z.boolean(),
        liftedBy: z.array(z.string()),
      })
      .optional(),
  })
  .meta({ id: 'RegulationDecision' });

export const stepRecordSchema = z
  .object({
    id: z.string(),
    kind: z.enum(REVIEW_STEP_IDS as [string, ...string[]]),
    label: z.string(),
    requirement: z.string(),
    organisationId: z.string(),
    receivedOn: z.string(),
    dueOn: z.string(),
    /** Open: today is after the due date; done: it was done after the due date. */
    overdue: z.boolean(),
    doneAt: z.string().nullable(),
    outcome: z.string().nullable(),
    reason: z.string().nullable(),
    requirementIds: z.array(z.string()),
    detail: z.record(z.string(), z.unknown()).nullable(),
    actorId: z.string().nullable(),
  })
  .meta({ id: 'ReviewStep' });

export const exceptionRecordSchema = z
  .object({
    id: z.string(),
    inmateId: z.string(),
    applicationId: z.string().nullable(),
    lifts: z.enum(EXCEPTION_LIMIT_CODES),
    visitDate: z.string(),
    maxMinutes: z.number().nullable(),
    maxVisitors: z.number().nullable(),
    reason: z.string(),
    approvedBy: z.string(),
    approvedByName: z.string(),
    approvedOn: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'WardenExceptionRecord' });

export const applicationSummarySchema = z
  .object({
    id: z.string(),
    form: z.enum(['form-1', 'form-2']),
    channel: z.enum(['desk', 'online']),
    path: z.enum(['relative', 'inmate', 'prison-to-prison']),
    status: z.enum(['office-review', 'bureau-review', 'prison-decision', 'bureau-notification', 'inmate-notification', 'approved', 'refused']),
    outcome: z.enum(['approved', 'refused']).nullable(),
    category: z.enum(['family', 'special']),
    inmate: z.object({ id: z.string(), name: z.string(), inmateNumber: z.string() }),
    prisonId: z.string(),
    organisationId: z.string(),
    partnerId: z.string(),
    receivedOn: z.string(),
    applicantNames: z.array(z.string()),
    refusal: z.object({ reason: z.string(), requirementIds: z.array(z.string()) }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ApplicationSummary' });

export const applicationRecordSchema = applicationSummarySchema
  .extend({
    preferred: z.object({ date: z.string().nullable(), start: z.string().nullable(), minutes: z.number() }),
    applicants: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: visitorRoleSchema,
        document: z.object({ kind: z.string(), number: z.string() }),
        address: z.string(),
        phone: z.string(),
        visitorId: z.string().nullable(),
      }),
    ),
    decision: decisionSchema,
    steps: z.array(stepRecordSchema),
    visits: z.array(visitRecordSchema),
    exceptions: z.array(exceptionRecordSchema),
  })
  .meta({ id: 'Application' });

export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;
export type ApplicationRecord = z.infer<typeof applicationRecordSchema>;
export type StepRecord = z.infer<typeof stepRecordSchema>;
