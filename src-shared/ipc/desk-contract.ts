// Desk mode: the same app at a front desk (judicial office, county bureau, prison,
// provincial department). The renderer holds no credential and opens no connection to the
// central store (design.md): main logs the clerk in to the central store and calls its API;
// these methods are what the desk screens may ask main to do.
//
// Every method answers a DeskOutcome: { accepted: true, value } or { accepted: false, refusal }
// with { requirement, code, message, issues? }: the store's refusal (its requirement id kept,
// e.g. R14.1), a network failure (code OFFLINE, nothing changed) or NOT_LOGGED_IN.
// Printing: the renderer lays out Form 1, Form 2 and the notice; savePdf asks main to keep
// what the window shows as an A4 PDF (the shell's printToPDF). Who may call: the session
// methods anyone; everything else a clerk logged in at this desk ('desk-clerk'), checked by
// main's dispatcher before the service runs (the card reader and the PDF need no token at
// the store, so the store's own check does not cover them).
import { z } from 'zod';
import { deskFleetContract } from './desk-fleet-contract';
import { method, type MethodSpec } from './method';
import { deskProofsContract } from './desk-proofs-contract';
import { deskNotificationsContract } from './desk-notifications-contract';
import { deskRecordingsContract } from './desk-recordings-contract';
import { importFileAnswerSchema } from '../store-api/import-file';
import { deskMonitorContract } from './desk-monitor-contract';
import {
  applicationIdArgsSchema,
  applicationInputSchema,
  approveArgsSchema,
  calendarDayArgsSchema,
  consentArgsSchema,
  deskLoginArgsSchema,
  dueDateArgsSchema,
  endStatusPeriodArgsSchema,
  exceptionArgsSchema,
  informInmateArgsSchema,
  inmateIdArgsSchema,
  inmateLookupArgsSchema,
  inmateSearchArgsSchema,
  listApplicationsArgsSchema,
  notifyArgsSchema,
  penaltyArgsSchema,
  updateInmateArgsSchema,
  importInmatesArgsSchema,
  refuseArgsSchema,
  rescheduleArgsSchema,
  reviewQueueArgsSchema,
  sitesArgsSchema,
  slotsArgsSchema,
  statusPeriodArgsSchema,
  suspensionArgsSchema,
  visitOutcomeArgsSchema,
  visitsArgsSchema,
  withdrawArgsSchema,
  prisonIdArgsSchema,
  setArrangementsArgsSchema,
} from '../desk/inputs';
import { arrangementsSchema } from '../store-api/endpoints/arrangements';
import { cardIdentitySchema, deskOutcome, deskStaffSchema } from '../desk/outcome';
import { overviewQuerySchema, overviewSchema } from '../desk/overview';
import { suspensionProposalSchema } from '../desk/suspension-proposal';
import {
  applicationPreviewSchema,
  applicationRecordSchema,
  applicationRoomsSchema,
  applicationSummarySchema,
  dayInfoSchema,
  decisionSchema,
  dueDateSchema,
  inmateLookupSchema,
  inmateRecordSchema,
  inmateSummarySchema,
  queueItemSchema,
  siteSchema,
  slotsSchema,
  visitRecordSchema,
} from '../desk/records';

const noArgs = z.undefined();

export const deskContract = {
  // ---- Session: the clerk's own account at the central store ----
  /** Logs the clerk in to the central store; main keeps the token in memory only (lost on restart). */
  login: method(deskLoginArgsSchema, deskOutcome(deskStaffSchema), 'none'),
  /** Ends the session at the store and forgets the token (also when the store cannot be reached). */
  logout: method(noArgs, deskOutcome(z.null()), 'none'),
  /** Who is logged in at this desk, or null; asks the store so an expired token shows as logged out. */
  me: method(noArgs, deskOutcome(deskStaffSchema.nullable()), 'none'),

  // ---- Intake: Form 2 (relatives) and Form 1 (the inmate) ----
  /** The regulation module's decision while the clerk types (reasons, requirement ids, first due date); stores nothing. */
  previewApplication: method(applicationInputSchema, deskOutcome(applicationPreviewSchema), 'desk-clerk'),
  /** Receives the application at the clerk's organisation (R6.1, R8.1, R9.1; working days only, R14.1). */
  submitApplication: method(applicationInputSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** Applications in the clerk's scope (a bureau never sees another bureau's). */
  listApplications: method(listApplicationsArgsSchema, deskOutcome(z.array(applicationSummarySchema)), 'desk-clerk'),
  /** One application: applicants, the decision, every step with its due date, the visit, the exceptions. */
  getApplication: method(applicationIdArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** Prisons, bureaus and offices to choose from (the prison named on Form 2, the bureau on Form 1). */
  sites: method(sitesArgsSchema, deskOutcome(z.array(siteSchema)), 'desk-clerk'),

  // ---- Review queue and the steps' actions (R8.2–R9.3, R14.1, R14.3) ----
  /** What waits for my organisation, each step's due date in working days, overdue first. */
  reviewQueue: method(reviewQueueArgsSchema, deskOutcome(z.array(queueItemSchema)), 'desk-clerk'),
  /** Eligible: forward to the next step (office → bureau → prison, R8.2). */
  forward: method(applicationIdArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** Refuse with a reason; the rules' requirement ids are recorded with it (R8.2, R8.3, R9.1). */
  refuse: method(refuseArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** The prison approves with a slot in both rooms (R8.3, R9.1); a taken slot is refused. */
  approve: method(approveArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** The bureau records how and when the relative was told (phone, SMS, in person; R8.4). */
  notify: method(notifyArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** Form 1: the bureau records whether the relatives agree and replies to the prison (R9.2). */
  consent: method(consentArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** Form 1: the prison records that the inmate was told (R9.3). */
  informInmate: method(informInmateArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** The warden of the inmate's prison approves an exception, with the reason (R14.3). */
  approveException: method(exceptionArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** The applicant withdraws at any step, with the reason; a booked visit is cancelled (issue 25 item 5). */
  withdraw: method(withdrawArgsSchema, deskOutcome(applicationRecordSchema), 'desk-clerk'),
  /** The rooms an approval chooses from: the prison's and the relatives' side's. */
  applicationRooms: method(applicationIdArgsSchema, deskOutcome(applicationRoomsSchema), 'desk-clerk'),

  // ---- Scheduling ----
  /** Free slots of both rooms on a date (no double booking). */
  slots: method(slotsArgsSchema, deskOutcome(slotsSchema), 'desk-clerk'),
  /** Visits in scope; interrupted ones awaiting their priority reschedule first (R18.1). */
  visits: method(visitsArgsSchema, deskOutcome(z.array(visitRecordSchema)), 'desk-clerk'),
  /** Moves a visit to a new slot (R9.3; R18.1 for an interrupted one), with the rules' decision. */
  reschedule: method(
    rescheduleArgsSchema,
    deskOutcome(z.object({ visit: visitRecordSchema, decision: decisionSchema })),
    'desk-clerk',
  ),
  /** Records a visit's outcome with its reason code (R10.1 forfeited, R18.1 interrupted, R16.1/R17.1 terminated). */
  visitOutcome: method(visitOutcomeArgsSchema, deskOutcome(visitRecordSchema), 'desk-clerk'),

  // ---- Inmates: status and suspensions (R15.1, R17.2), prison staff ----
  /** The prison's inmates by name or number. */
  searchInmates: method(inmateSearchArgsSchema, deskOutcome(z.array(inmateSummarySchema)), 'desk-clerk'),
  /** R8.1: a bureau finds the inmate of the named prison by number and name (both must match). */
  lookupInmate: method(inmateLookupArgsSchema, deskOutcome(inmateLookupSchema.nullable()), 'desk-clerk'),
  /** The inmate with status periods, penalties and suspensions (history, oldest first). */
  inmate: method(inmateIdArgsSchema, deskOutcome(inmateRecordSchema), 'desk-clerk'),
  /** Records the inmate's home address, which Forms 1 and 2 print (R8.1, R9.1). */
  updateInmate: method(updateInmateArgsSchema, deskOutcome(inmateRecordSchema), 'desk-clerk'),
  /** Issue #25 item 7: imports a list file (.csv UTF-8 or GBK/GB18030, .xlsx); commit false only previews (first rows, row errors). */
  importInmates: method(importInmatesArgsSchema, deskOutcome(importFileAnswerSchema), 'desk-clerk'),
  /** Adds a period during which no visit is arranged (R15.1 (1)(2)(3)(5)(6)). */
  addStatusPeriod: method(statusPeriodArgsSchema, deskOutcome(inmateRecordSchema), 'desk-clerk'),
  /** Ends an open status period (e.g. confinement over). */
  endStatusPeriod: method(endStatusPeriodArgsSchema, deskOutcome(inmateRecordSchema), 'desk-clerk'),
  /** Records a warning, demerit or confinement penalty (R15.1(4)). */
  addPenalty: method(penaltyArgsSchema, deskOutcome(inmateRecordSchema), 'desk-clerk'),
  /** Suspends visits for 1 to 3 months after R17.1 (6)–(9) (R17.2). */
  addSuspension: method(suspensionArgsSchema, deskOutcome(inmateRecordSchema), 'desk-clerk'),
  /** R17.2: suspension proposals the prison terminals sent after R17.1(6)–(9) terminations (open: not yet decided). */
  suspensionProposals: method(
    z.object({ status: z.enum(['open', 'all']) }).strict(),
    deskOutcome(z.array(suspensionProposalSchema)),
    'desk-clerk',
  ),

  // ---- Overview (prisons and the province) ----
  /** Visits per day and site, outcomes with reasons, overdue steps, terminals' last sync. */
  overview: method(overviewQuerySchema, deskOutcome(overviewSchema), 'desk-clerk'),
  /** The same as CSV text (UTF-8 with BOM, for Excel), and a file name to save it under. */
  overviewCsv: method(overviewQuerySchema, deskOutcome(z.object({ filename: z.string(), csv: z.string() })), 'desk-clerk'),

  // ---- The prison's own arrangements (R14.2 ceiling, R14.3 hours and days) ----
  /** Its limits, visiting hours and days, and its rooms'. */
  arrangements: method(prisonIdArgsSchema, deskOutcome(arrangementsSchema), 'desk-clerk'),
  /** Sets them (the prison's or the province's administrators; the store refuses anything looser than R14.2). */
  setArrangements: method(setArrangementsArgsSchema, deskOutcome(arrangementsSchema), 'desk-clerk'),

  // ---- Calendar (R14.1) ----
  /** A step's due date in working days from a receipt date. */
  dueDate: method(dueDateArgsSchema, deskOutcome(dueDateSchema), 'desk-clerk'),
  /** Whether a date is a working day (applications accepted) and why. */
  calendarDay: method(calendarDayArgsSchema, deskOutcome(dayInfoSchema), 'desk-clerk'),

  // ---- The ID card reader of this terminal ----
  /** Reads the card on the configured reader and returns the identity fields for the form; stores nothing. */
  readCard: method(noArgs, deskOutcome(cardIdentitySchema), 'desk-clerk'),

  // ---- Printing ----
  /** Saves the form the desk window shows as an A4 PDF in the terminal's data folder (prints/). */
  savePdf: method(
    z
      .object({ name: z.string().regex(/^[\p{L}\p{N}_-]{1,60}$/u, '文件名只能含文字、数字、下划线和连字符，不超过 60 个字') })
      .strict(),
    deskOutcome(z.object({ path: z.string(), bytes: z.number().int().positive() })),
    'desk-clerk',
  ),

  // ---- Recordings at the store (issue #19 item 3) ----
  ...deskRecordingsContract,
  // ---- Proof scans on an application (issue #25 item 2) ----
  ...deskProofsContract,
  // ---- Text messages telling the family (issue #25 item 8) ----
  ...deskNotificationsContract,
  // ---- The fleet: terminals' health, history, logs, builds and rollouts (issue 18); desk-fleet-contract.ts ----
  ...deskFleetContract,
  // ---- Issue #19: the monitoring centre (./desk-monitor-contract) ----
  ...deskMonitorContract,
} as const satisfies Record<string, MethodSpec>;
