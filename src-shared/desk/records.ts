// What the central store answers about applications, review steps, visits and
// inmates. One definition for both sides: the store's routes use
// these as response schemas (OpenAPI), and the desk contract passes the same
// shapes to the renderer, so the two cannot drift apart.
import { z } from 'zod';
import { REVIEW_STEP_IDS } from '../calendar/review-steps';
import { organisationKindSchema } from '../organisations/kinds';
import { citizenshipSchema, STATUS_PERIOD_LABELS } from '../regulation/inmate';
import { SUSPENSION_REASON_CODES } from '../regulation/reason-codes';
import { languageSchema } from '../regulation/visit';
import { visitorRoleSchema } from '../regulation/visitor';
import { EXCEPTION_LIMITS } from '../regulation/warden-exception';
import type { ExceptionLimit } from '../regulation/warden-exception';

export const EXCEPTION_LIMIT_CODES = Object.keys(EXCEPTION_LIMITS) as [ExceptionLimit, ...ExceptionLimit[]];
export const APPLICATION_STATUSES = [
  'office-review',
  'bureau-review',
  'prison-decision',
  'bureau-notification',
  'inmate-notification',
  'approved',
  'refused',
  'withdrawn',
] as const;
export const VISIT_STATUSES = ['scheduled', 'completed', 'forfeited', 'interrupted', 'terminated', 'cancelled'] as const;
export const VISIT_OUTCOMES = ['completed', 'forfeited', 'interrupted', 'terminated', 'cancelled'] as const;
export const NOTIFY_METHODS = ['phone', 'sms', 'in-person'] as const;

// ---- Visits ----

export const visitRecordSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    inmateId: z.string(),
    roomId: z.string(),
    remoteRoomId: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    minutes: z.number(),
    status: z.enum(VISIT_STATUSES),
    priorityRescheduleOf: z.string().nullable(),
    /** R18.1: interrupted and not yet rescheduled; listed first. */
    awaitingReschedule: z.boolean(),
    /** Why it was interrupted or terminated (R16.1, R17.1 reason code, or 'other'); null otherwise. */
    outcomeCode: z.string().nullable().optional(),
    outcomeReason: z.string().nullable().optional(),
    updatedSeq: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Visit' });
export type VisitRecord = z.infer<typeof visitRecordSchema>;

export const slotSchema = z.object({
  start: z.string(),
  end: z.string(),
  roomFree: z.boolean(),
  remoteRoomFree: z.boolean(),
  free: z.boolean(),
});
export const slotsSchema = z.object({
  date: z.string(),
  minutes: z.number(),
  slots: z.array(slotSchema),
  /** Where the grid's hours came from: the prison room's own, its prison's, the store's default, or the query's. */
  hours: z
    .object({
      source: z.enum(['room', 'prison', 'default', 'query']),
      windows: z.array(z.object({ start: z.string(), end: z.string() })),
      days: z.array(z.number()),
    })
    .optional(),
  /** Set when the date is not one of the room's visiting days (R14.3): no slots. */
  closed: z.string().optional(),
});

// ---- The regulation module's decision ----

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
    /** A sentence a clerk can read to the applicant. */
    message: z.string(),
    /** Every rule checked, each with its requirement id. */
    applied: z.array(appliedSchema),
    /** The requirement ids that refused it. */
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
export type DecisionRecord = z.infer<typeof decisionSchema>;

// ---- Applications and their review steps ----

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
    status: z.enum(APPLICATION_STATUSES),
    outcome: z.enum(['approved', 'refused']).nullable(),
    category: z.enum(['family', 'special']),
    inmate: z.object({
      id: z.string(),
      name: z.string(),
      inmateNumber: z.string(),
      /** What Forms 1 and 2 print of the inmate (R8.1, R9.1). */
      wardName: z.string(),
      homeAddress: z.string().nullable(),
    }),
    prisonId: z.string(),
    organisationId: z.string(),
    partnerId: z.string(),
    receivedOn: z.string(),
    applicantNames: z.array(z.string()),
    /** The visit's language(s) (R23.1); anything but Mandarin needs an interpreter on the day. */
    languages: z.array(languageSchema),
    interpreterRequired: z.boolean(),
    /** The applicant withdrew it: why (the chain's 'withdrawal' step says who and when). */
    withdrawal: z.object({ reason: z.string() }).nullable(),
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
        /** Relationship code and the R35.1 proofs recorded by kind (or the special visitor's letter). */
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

export const queueItemSchema = z
  .object({ step: stepRecordSchema, application: applicationSummarySchema })
  .meta({ id: 'ReviewQueueItem' });
export type QueueItem = z.infer<typeof queueItemSchema>;

/** What submitting would decide, without storing anything (POST /api/applications/preview). */
export const applicationPreviewSchema = z
  .object({
    decision: decisionSchema,
    path: z.enum(['relative', 'inmate', 'prison-to-prison']),
    /** The first review step, where it waits and when it is due (R14.1). */
    firstStep: z.object({
      kind: z.string(),
      label: z.string(),
      requirement: z.string(),
      organisationId: z.string(),
      receivedOn: z.string(),
      dueOn: z.string(),
    }),
    /** R14.1: false on a day off; the desk cannot receive it today. */
    acceptedToday: z.boolean(),
  })
  .meta({ id: 'ApplicationPreview' });
export type ApplicationPreview = z.infer<typeof applicationPreviewSchema>;

// ---- Organisations and rooms the desk chooses from ----

export const siteSchema = z.object({
  id: z.string(),
  kind: organisationKindSchema,
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
});
export const roomRecordSchema = z.object({ id: z.string(), organisationId: z.string(), name: z.string() });
/** The rooms an approval chooses from: the prison's and the relatives' side (partner and its offices). */
export const applicationRoomsSchema = z
  .object({ prisonRooms: z.array(roomRecordSchema), partnerRooms: z.array(roomRecordSchema) })
  .meta({ id: 'ApplicationRooms' });

// ---- Inmates ----

const STATUS_PERIOD_KINDS = Object.keys(STATUS_PERIOD_LABELS) as [
  keyof typeof STATUS_PERIOD_LABELS,
  ...(keyof typeof STATUS_PERIOD_LABELS)[],
];

export const inmateSummarySchema = z
  .object({
    id: z.string(),
    inmateNumber: z.string(),
    name: z.string(),
    prisonId: z.string(),
    wardId: z.string(),
    idNumber: z.string().nullable(),
    birthDate: z.string(),
    citizenship: citizenshipSchema,
    limitedCivilCapacity: z.boolean(),
    admittedOn: z.string().nullable(),
    /** 家庭住址 (R8.1, R9.1: printed on the forms); null when not recorded. */
    homeAddress: z.string().nullable(),
    /** The ward's name (监区), printed on the forms. */
    wardName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InmateSummary' });

/** What a bureau may learn of an inmate of another prison: enough to name them on Form 2 (R8.1). */
export const inmateLookupSchema = z
  .object({ id: z.string(), inmateNumber: z.string(), name: z.string(), prisonId: z.string(), prisonName: z.string() })
  .meta({ id: 'InmateLookup' });

export const statusPeriodRecordSchema = z
  .object({
    id: z.string(),
    kind: z.enum(STATUS_PERIOD_KINDS),
    start: z.string(),
    end: z.string().nullable(),
    reason: z.string().optional(),
  })
  .meta({ id: 'StatusPeriodRecord' });
export const penaltyRecordSchema = z
  .object({ id: z.string(), kind: z.enum(['warning', 'demerit', 'confinement']), date: z.string() })
  .meta({ id: 'PenaltyRecord' });
export const suspensionRecordSchema = z
  .object({ id: z.string(), start: z.string(), end: z.string(), reason: z.enum(SUSPENSION_REASON_CODES), decidedBy: z.string() })
  .meta({ id: 'SuspensionRecord' });

export const inmateRecordSchema = inmateSummarySchema
  .extend({
    statusPeriods: z.array(statusPeriodRecordSchema),
    penalties: z.array(penaltyRecordSchema),
    suspensions: z.array(suspensionRecordSchema),
  })
  .meta({ id: 'InmateRecord' });

export type InmateSummary = z.infer<typeof inmateSummarySchema>;
export type InmateRecord = z.infer<typeof inmateRecordSchema>;
export type StatusPeriodRecord = z.infer<typeof statusPeriodRecordSchema>;

// ---- Calendar ----

export const dueDateSchema = z.object({
  step: z.string(),
  requirement: z.string(),
  workingDays: z.number(),
  receivedOn: z.string(),
  dueOn: z.string(),
});
export const dayInfoSchema = z
  .object({
    date: z.string(),
    working: z.boolean(),
    acceptsApplications: z.boolean(),
    source: z.enum(['day-override', 'year-override', 'package', 'weekday-rule']),
    name: z.string().optional(),
  })
  .meta({ id: 'CalendarDay' });
