// Desk mode, recordings at the store (issue #19 item 3): search the visits with recordings,
// open one visit's two sides with chapters and the signature check, get a ticket to play or
// download an archive, set the legal hold, and (the province) read the access audit. Main
// relays each to the central store with the clerk's token (src-main/desk/desk-recordings.ts);
// the store scopes and audits everything. A ticket's path is same-origin for the renderer
// (STORE_MEDIA_PREFIX): the app:// protocol (and the e2e harness's server) pass it on to the
// store, so the page's CSP keeps media-src 'self' and the renderer connects to nothing.
import { z } from 'zod';
import { method, type MethodSpec } from './method';
import { deskOutcome } from '../desk/outcome';
import { MAX_NAME_CHARS, RECORDING_OUTCOMES } from '../recordings/search-filter';
import {
  ACCESS_ACTIONS,
  accessEntrySchema,
  recordingDetailSchema,
  recordingVisitSchema,
} from '../store-api/endpoints/recordings-search';

/** The renderer's same-origin path for a store media ticket (the ticket appended). */
export const STORE_MEDIA_PREFIX = '/store-media/';

const uuid = z.uuid('须为 UUID');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');
const words = z.string().trim().min(1).max(MAX_NAME_CHARS);

export const recordingsSearchArgsSchema = z
  .object({
    from: day,
    to: day,
    siteId: uuid.optional(),
    roomId: uuid.optional(),
    inmate: words.optional(),
    visitorName: words.optional(),
    visitorIdNumber: z
      .string()
      .regex(/^[0-9A-Za-z]{6,20}$/, '证件号码只能含字母和数字')
      .optional(),
    outcome: z.enum(RECORDING_OUTCOMES).optional(),
    hasWarnings: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export type RecordingsSearchArgs = z.infer<typeof recordingsSearchArgsSchema>;

export const deskRecordingsContract = {
  /** Visits with recordings in the clerk's scope (written to the store's access audit). */
  recordingsSearch: method(
    recordingsSearchArgsSchema,
    deskOutcome(z.object({ visits: z.array(recordingVisitSchema), total: z.number().int() })),
    'desk-clerk',
  ),
  /** One visit: both sides, chapters, the manifests' signature check, the legal hold. */
  recordingVisit: method(z.object({ visitId: uuid }).strict(), deskOutcome(recordingDetailSchema), 'desk-clerk'),
  /** A ticket to play or download one archive (the store audits it); path is same-origin (STORE_MEDIA_PREFIX). */
  recordingTicket: method(
    z.object({ uploadId: uuid, purpose: z.enum(['playback', 'download']) }).strict(),
    deskOutcome(z.object({ path: z.string(), expiresAt: z.string(), filename: z.string() })),
    'desk-clerk',
  ),
  /** Sets or lifts the legal hold (administrators and supervisors). */
  recordingHold: method(
    z.object({ visitId: uuid, held: z.boolean(), reason: z.string().trim().min(2, '请写明理由').max(200) }).strict(),
    deskOutcome(z.object({ legalHold: recordingDetailSchema.shape.visit.shape.legalHold })),
    'desk-clerk',
  ),
  /** The province: the access audit, newest first. */
  recordingAccessAudit: method(
    z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).optional(),
        action: z.enum(ACCESS_ACTIONS).optional(),
        visitId: uuid.optional(),
      })
      .strict(),
    deskOutcome(z.array(accessEntrySchema)),
    'desk-clerk',
  ),
} as const satisfies Record<string, MethodSpec>;
