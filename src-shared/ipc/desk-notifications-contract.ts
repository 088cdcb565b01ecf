// Desk mode, the family's text messages on an application (issue #25 item 8; R8.4, R9.2): the
// messages the store queued when a step called for telling the relatives, their delivery
// against the step's deadline and the gateway's state (短信网关未配置 when there is none), and
// sending the step's message again to a number the clerk gives. Main relays each to the store
// with the clerk's token (src-main/desk/desk-notifications.ts); the store scopes and audits.
import { z } from 'zod';
import { method, type MethodSpec } from './method';
import { deskOutcome } from '../desk/outcome';
import { mobileNumberSchema, notificationListSchema, notificationRecordSchema } from '../store-api/endpoints/notifications';

const uuid = z.uuid('须为 UUID');

export const deskNotificationsContract = {
  /** The application's messages to the family, newest first, with the gateway's state (audited at the store). */
  notifications: method(z.object({ applicationId: uuid }).strict(), deskOutcome(notificationListSchema), 'desk-clerk'),
  /** Queue the current step's message again to `phone` (a China mobile; reviewers and administrators). */
  resendNotification: method(
    z.object({ applicationId: uuid, phone: mobileNumberSchema }).strict(),
    deskOutcome(notificationRecordSchema),
    'desk-clerk',
  ),
} as const satisfies Record<string, MethodSpec>;
