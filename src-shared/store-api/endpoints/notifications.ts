// Text messages telling the family (issue #25 item 8; R8.4, R9.2): the store queues one per
// applicant's mobile when a step calls for telling the relatives (the prison's decision, the
// arranged time, a changed time), sends them through the operator's gateway and records the
// delivery receipts. The desk lists an application's messages against the step's deadline and
// may send the message again to a number the clerk gives (a relative's new mobile). Staff only.
import { z } from 'zod';
import { BAD_MOBILE_MESSAGE, chinaMobile } from '../../notifications/phone';
import type { StoreEndpoint } from '../endpoint';

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'submitted', 'delivered', 'failed', 'expired', 'cancelled'] as const;
export const NOTIFICATION_CAUSES = ['approved', 'refused', 'arranged', 'rescheduled'] as const;
/**
 * Against the step's due date (China time): delivered on or before it (in-time) or after (late);
 * not yet delivered and the date not passed (pending) or passed (overdue); failed or expired
 * (not-told: the bureau tells them another way); still queued when the applicant withdrew (cancelled).
 */
export const NOTIFICATION_TIMELINESS = ['in-time', 'late', 'pending', 'overdue', 'not-told', 'cancelled'] as const;

export const mobileNumberSchema = z
  .string()
  .max(20, BAD_MOBILE_MESSAGE)
  .refine((s) => chinaMobile(s) !== null, BAD_MOBILE_MESSAGE);

export const notificationRecordSchema = z
  .object({
    id: z.string(),
    cause: z.enum(NOTIFICATION_CAUSES),
    /** Masked (138****0000): the clerk recognises it, the screen does not spell it out. */
    phone: z.string(),
    body: z.string(),
    parts: z.number().int(),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.number().int(),
    /** Why the last attempt did not go through (in Chinese), or the receipt's error. */
    lastError: z.string().nullable(),
    stepLabel: z.string(),
    dueOn: z.string(),
    timeliness: z.enum(NOTIFICATION_TIMELINESS),
    createdAt: z.string(),
    /** True when a clerk sent it again from the desk (otherwise the review step queued it). */
    sentByClerk: z.boolean(),
    submittedAt: z.string().nullable(),
    finalAt: z.string().nullable(),
  })
  .meta({ id: 'FamilyNotification' });
export type NotificationRecord = z.infer<typeof notificationRecordSchema>;

export const notificationListSchema = z
  .object({
    /** This store's gateway: unconfigured → messages wait in the outbox (短信网关未配置), nothing is lost. */
    gateway: z.object({
      configured: z.boolean(),
      protocol: z.string().nullable(),
      state: z.enum(['unconfigured', 'ready', 'failing', 'idle']),
      message: z.string(),
    }),
    notifications: z.array(notificationRecordSchema),
  })
  .meta({ id: 'FamilyNotifications' });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const resendBody = z.object({ phone: mobileNumberSchema }).strict().meta({ id: 'FamilyNotificationResend' });

const params = z.object({ id: z.uuid('须为 UUID') });

export const notificationEndpoints = {
  /** The application's messages to the family, newest first, with the gateway's state. */
  list: { method: 'GET', path: '/api/applications/:id/notifications', params, response: notificationListSchema },
  /** Queue the current step's message again, to the number given (audited). */
  resend: {
    method: 'POST',
    path: '/api/applications/:id/notifications',
    params,
    body: resendBody,
    status: 201,
    response: notificationRecordSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;
