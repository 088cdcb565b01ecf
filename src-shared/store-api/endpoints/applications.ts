// Applications (Forms 1 and 2) and the review chain (R6–R9, R14.1, R14.3): receipt,
// the steps' actions, the warden's exceptions and the review queue. Staff only.
import { z } from 'zod';
import { clockTimeSchema } from '../../calendar/iso-date-schema';
import {
  APPLICATION_STATUSES,
  applicationPreviewSchema,
  applicationRecordSchema,
  applicationRoomsSchema,
  applicationSummarySchema,
  EXCEPTION_LIMIT_CODES,
  queueItemSchema,
  siteSchema,
} from '../../desk/records';
import { siteKindSchema } from '../../organisations/kinds';
import { visitLanguagesSchema } from '../../regulation/visit';
import { identityDocumentSchema, visitorRoleSchema } from '../../regulation/visitor';
import { idParamsSchema, isoDate, listQuerySchema, note, personName, text } from '../common';
import type { StoreEndpoint } from '../endpoint';

const uuid = () => z.uuid('须为 UUID');

/** One person on Form 1 or Form 2 (name, relationship, ID, address, phone). */
export const applicantBody = z.object({
  name: personName('姓名'),
  role: visitorRoleSchema,
  document: identityDocumentSchema,
  address: text(200, '住址'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不对'),
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
    /** R23.1: the language(s) of the visit; anything but Mandarin needs an interpreter on the day. */
    languages: visitLanguagesSchema.default([{ kind: 'mandarin' }]),
    /** The wished date and length; the rules are checked against it until a slot is booked. */
    preferred: z
      .object({ date: isoDate.optional(), start: clockTimeSchema.optional(), minutes: slotFields.minutes.optional() })
      .optional(),
  })
  .meta({ id: 'NewApplication' });
export type SubmitBody = z.infer<typeof submitBody>;

export const refuseBody = z.object({ reason: note(500, '理由').optional() });
export const approveBody = z.object({ ...slotFields, roomId: uuid(), remoteRoomId: uuid() }).meta({ id: 'ApproveWithSlot' });
export const notifyBody = z.object({
  how: z.enum(['phone', 'sms', 'in-person']),
  at: z.iso.datetime('须为 ISO-8601 时间').optional(),
});
export const consentBody = notifyBody.extend({ agreed: z.boolean(), reason: note(500, '理由').optional() });
export const informBody = z.object({ at: z.iso.datetime('须为 ISO-8601 时间').optional() });
/** The applicant withdraws (at any step, before the visit is held): the reason is recorded. */
export const withdrawBody = z.object({ reason: note(500, '撤回理由') });

export const exceptionBody = z
  .object({
    lifts: z.enum(EXCEPTION_LIMIT_CODES),
    visitDate: isoDate,
    /** 'duration': the approved length. */
    maxMinutes: z.number().int().positive().max(240).optional(),
    /** 'visitor-count': the approved number of visitors. */
    maxVisitors: z.number().int().positive().max(6).optional(),
    reason: note(500, '理由'),
  })
  .superRefine((b, ctx) => {
    if (b.lifts === 'duration' && b.maxMinutes === undefined)
      ctx.addIssue({ code: 'custom', path: ['maxMinutes'], message: '延长会见时间须写明批准的分钟数' });
    if (b.lifts === 'visitor-count' && b.maxVisitors === undefined)
      ctx.addIssue({ code: 'custom', path: ['maxVisitors'], message: '增加会见人数须写明批准的人数' });
  })
  .meta({ id: 'WardenException' });

/** A step's action on one application: its answer is the application as it stands after. */
const action = <B extends z.ZodType, P extends string>(path: P, body: B) =>
  ({ method: 'POST', path, params: idParamsSchema, body, response: applicationRecordSchema }) as const;

export const applicationEndpoints = {
  submit: { method: 'POST', path: '/api/applications', body: submitBody, status: 201, response: applicationRecordSchema },
  /** The same checks and decision as submit, stored nowhere. */
  preview: { method: 'POST', path: '/api/applications/preview', body: submitBody, response: applicationPreviewSchema },
  sites: {
    method: 'GET',
    path: '/api/directory/sites',
    query: z.object({ kind: siteKindSchema.optional() }),
    response: z.array(siteSchema),
  },
  rooms: { method: 'GET', path: '/api/applications/:id/rooms', params: idParamsSchema, response: applicationRoomsSchema },
  list: {
    method: 'GET',
    path: '/api/applications',
    query: listQuerySchema.extend({ status: z.enum(APPLICATION_STATUSES).optional(), inmateId: z.uuid().optional() }),
    response: z.array(applicationSummarySchema),
  },
  get: { method: 'GET', path: '/api/applications/:id', params: idParamsSchema, response: applicationRecordSchema },
  forward: action('/api/applications/:id/forward', z.object({})),
  refuse: action('/api/applications/:id/refuse', refuseBody),
  approve: action('/api/applications/:id/approve', approveBody),
  notify: action('/api/applications/:id/notify', notifyBody),
  consent: action('/api/applications/:id/consent', consentBody),
  informInmate: action('/api/applications/:id/inform-inmate', informBody),
  withdraw: action('/api/applications/:id/withdraw', withdrawBody),
  exception: {
    method: 'POST',
    path: '/api/applications/:id/exceptions',
    params: idParamsSchema,
    body: exceptionBody,
    status: 201,
    response: applicationRecordSchema,
  },
  reviewQueue: {
    method: 'GET',
    path: '/api/review-queue',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
    response: z.array(queueItemSchema),
  },
} as const satisfies Record<string, StoreEndpoint>;
