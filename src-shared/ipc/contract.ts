// The terminal's IPC contract (design.md "The IPC contract"): one typed object of
// namespaces. Main implements it, src-main/electron registers it with ipcMain.handle,
// preload builds window.kiosk from it; all three use these zod schemas, so a call
// that does not match is refused before any service runs. Each method also declares who may
// call it (src-shared/ipc/access.ts); the dispatcher enforces that before any service runs.
import { z } from 'zod';
import { siteKindSchema } from '../organisations/kinds';
import {
  callActionResultSchema,
  callArgs,
  callSignalEventSchema,
  callStateSchema,
  observerSignalArgsSchema,
  observerSignalEventSchema,
  consoleFeedMessageSchema,
} from '../signaling/call-schemas';
import { deskContract } from './desk-contract';
import { deskObserverEventSchema } from './desk-monitor-contract';
import { RECORDING_FILE_KINDS } from '../sync/recording-kinds';
import type { Access } from './access';
import { method, type MethodSpec } from './method';
import { displayContract, displaySettingsSchema } from './display-contract';
import {
  checkinOutcomeSchema,
  depositItemSchema,
  deviceResultSchema,
  documentNumberArg,
  interpreterArgsSchema,
  manualCheckinArgsSchema,
  outstandingReturnSchema,
  readinessSchema,
  refusalSchema,
  rosterSchema,
  stepOutcomeSchema,
  visitIdArgsSchema,
  visitStatusSchema,
} from './visit-day-contract';
import {
  recordingIdArg,
  recordingChunkArgsSchema,
  recordingChunkResultSchema,
  recordingIdArgsSchema,
  recordingIncidentSchema,
  recordingManifestSummarySchema,
  recordingProblemSchema,
  recordingStartedSchema,
  recordingStateEventSchema,
  recordingSummarySchema,
  recordingVerificationSchema,
} from './recording-contract';

export * from './visit-day-contract';
export * from './recording-contract';

export type { MethodSpec, Access };

const noArgs = z.undefined();

export { siteKindSchema };

export const siteInfoSchema = z.object({
  terminalId: z.string(),
  siteName: z.string(),
  siteKind: siteKindSchema,
  roomName: z.string(),
  appVersion: z.string(),
  language: z.enum(['zh-CN', 'en']),
  /** 'desk' shows the desk screens (applications, queues, overview); a configuration without one is a kiosk. */
  mode: z.enum(['kiosk', 'desk']),
});

export const adminSessionSchema = z.object({
  admins: z.array(z.object({ staffId: z.string(), name: z.string(), loggedInAt: z.string() })),
  locked: z.boolean(),
});

export const visitSummarySchema = z.object({
  visitId: z.string(),
  date: z.string(),
  startTime: z.string(),
  minutes: z.number().int().positive(),
  inmateName: z.string(),
  visitorCount: z.number().int().nonnegative(),
  status: visitStatusSchema,
});

export const dayArgsSchema = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD') }).strict();

export const checkinEntrySchema = z.object({
  visitId: z.string(),
  documentNumber: z.string(),
  name: z.string(),
  checkedInAt: z.string(),
});

export const syncUploadSchema = z.object({
  recordingId: z.string(),
  visitId: z.string(),
  file: z.string(),
  kind: z.enum(RECORDING_FILE_KINDS),
  bytes: z.number().int().nonnegative(),
  sentBytes: z.number().int().nonnegative(),
  state: z.enum(['pending', 'uploaded', 'confirmed', 'rejected']),
});

/** The sync worker's state: see src-main/sync/worker.ts. */
export const syncStateSchema = z.enum(['unenrolled', 'idle', 'syncing', 'offline', 'error', 'alarm', 'stopped']);

/**
 * This terminal's clock against the central store's (src-main/clock/): unknown until an exchange
 * measured it; warn over 2 s (the terminal then runs on the store's time); refuse over the
 * configured limit (no visit starts). `message` is the console's zh-CN line, null when ok.
 */
export const clockStatusSchema = z.object({
  state: z.enum(['unknown', 'ok', 'warn', 'refuse']),
  offsetMs: z.number().int().nullable(),
  message: z.string().nullable(),
});
export type ClockStatus = z.infer<typeof clockStatusSchema>;

export const syncStatusSchema = z.object({
  queuedEvents: z.number().int().nonnegative(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  state: syncStateSchema,
  /** Audit entries written here but not yet acknowledged by the central store (R26.1). */
  unsentAuditEntries: z.number().int().nonnegative(),
  /** zh-CN: the central store refused the audit chain; deletion stops until an administrator acts. */
  alarm: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  uploads: z.array(syncUploadSchema),
  /** Absent where no clock is watched (a worker without a terminal). */
  clock: clockStatusSchema.optional(),
});

export const enrolArgsSchema = z
  .object({
    code: z.string().trim().min(1, '请输入注册码').max(32, '注册码过长'),
  })
  .strict();
export const enrolResultSchema = z.object({ terminalId: z.string(), roomId: z.string(), enrolledAt: z.string() });

export const storeHealthSchema = z.object({
  schemaVersion: z.number().int(),
  integrity: z.enum(['ok', 'recovered']),
  movedAsideTo: z.string().nullable(),
});

export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  kind: z.string(),
  hash: z.string(),
});

/** One visit's audit entries with their content, for the console's timeline (R24.1, R26.1). */
export const visitAuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const loginArgsSchema = z
  .object({
    username: z.string().trim().min(1, '请输入用户名').max(64),
    password: z.string().min(1, '请输入密码').max(256),
  })
  .strict();

export const loginResultSchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true), session: adminSessionSchema }),
  z.object({ accepted: z.literal(false), refusal: refusalSchema, session: adminSessionSchema }),
]);

export const kioskContract = {
  auth: {
    session: method(noArgs, adminSessionSchema, 'none'),
    /** R25.1: one administrator logs in, offline, against the last synced argon2id hashes. */
    login: method(loginArgsSchema, loginResultSchema, 'none'),
    logout: method(z.object({ staffId: z.string().min(1).max(64) }).strict(), adminSessionSchema, 'one-admin'),
    /** Locks the terminal now: both administrators must log in again. */
    lock: method(noArgs, adminSessionSchema, 'none'),
    /** The renderer reports user activity (throttled) so the inactivity lock counts from it. */
    activity: method(noArgs, adminSessionSchema, 'one-admin'),
  },
  checkin: {
    listForVisit: method(z.object({ visitId: z.string().min(1).max(64) }).strict(), z.array(checkinEntrySchema), 'two-admins'),
    roster: method(visitIdArgsSchema, rosterSchema, 'two-admins'),
    /** R11.1: reads the card on the configured reader and matches it against the approved visitors. */
    readCard: method(visitIdArgsSchema, checkinOutcomeSchema, 'two-admins'),
    /** R11.1 fallback (and R10.1 household register for minors): typed from the document. */
    manual: method(manualCheckinArgsSchema, checkinOutcomeSchema, 'two-admins'),
    /** R23.1 */
    interpreter: method(interpreterArgsSchema, stepOutcomeSchema, 'two-admins'),
    /** R12.1 */
    acknowledgeNotice: method(
      z.object({ visitId: z.string().min(1).max(64), documentNumber: documentNumberArg }).strict(),
      stepOutcomeSchema,
      'two-admins',
    ),
    /** R19.1: what a visitor carries; an empty list records "nothing to deposit". */
    declareDeposits: method(
      z
        .object({
          visitId: z.string().min(1).max(64),
          documentNumber: documentNumberArg,
          items: z.array(z.object({ item: depositItemSchema, description: z.string().max(100) }).strict()).max(20),
        })
        .strict(),
      stepOutcomeSchema,
      'two-admins',
    ),
    depositItem: method(
      z
        .object({
          visitId: z.string().min(1).max(64),
          itemId: z.number().int().positive(),
          action: z.enum(['deposited', 'returned']),
        })
        .strict(),
      stepOutcomeSchema,
      'two-admins',
    ),
    /** R19.1 refused: handled as R16.1(1). */
    refuseDeposit: method(
      z.object({ visitId: z.string().min(1).max(64), documentNumber: documentNumberArg }).strict(),
      stepOutcomeSchema,
      'two-admins',
    ),
    /** R11.2 (prison terminal): prison police brought the inmate to the room; audited by name. */
    inmateInPosition: method(visitIdArgsSchema, stepOutcomeSchema, 'two-admins'),
    /** R34.1: a special visitor's letter and credential numbers, checked against the approval. */
    checkDocuments: method(
      z
        .object({
          visitId: z.string().min(1).max(64),
          documentNumber: documentNumberArg,
          letterReference: z.string().trim().min(1, '请填写介绍信（公函、委托书）编号').max(64),
          credentialNumber: z.string().trim().min(1, '请填写执业证（工作证）号码').max(64),
        })
        .strict(),
      stepOutcomeSchema,
      'two-admins',
    ),
    /** R19.1: deposited items not yet returned (visible to the administrators). */
    outstandingReturns: method(noArgs, z.array(outstandingReturnSchema), 'two-admins'),
  },
  visit: {
    /** The idle screen's list (no login): the inmate's name masked to the surname (张＊＊). */
    listForDay: method(dayArgsSchema, z.array(visitSummarySchema), 'none'),
    /** Today by main's clock (China time), so the renderer and the forfeit agree on the day. */
    today: method(noArgs, z.object({ date: z.string(), visits: z.array(visitSummarySchema) }), 'two-admins'),
    /** Exactly what still blocks the start, with requirement ids. */
    readiness: method(visitIdArgsSchema, readinessSchema, 'two-admins'),
  },
  recording: {
    list: method(noArgs, z.array(recordingSummarySchema), 'two-admins'),
    /** R13.1: starts recording a visit; the renderer then sends MediaRecorder chunks. */
    start: method(visitIdArgsSchema, recordingStartedSchema, 'live-visit'),
    chunk: method(recordingChunkArgsSchema, recordingChunkResultSchema, 'live-visit'),
    /** An incident or administrator action: audited and a chapter of the archive. */
    incident: method(
      z.object({ recordingId: recordingIdArg, note: z.string().trim().min(1, '请填写事件说明').max(2000) }).strict(),
      recordingIncidentSchema,
      'live-visit',
    ),
    stop: method(recordingIdArgsSchema, recordingManifestSummarySchema, 'live-visit'),
    /** Checks the signature and every hash again. */
    verify: method(recordingIdArgsSchema, recordingVerificationSchema, 'two-admins'),
    /** A same-origin path for <video> (app:// in Electron, the harness's server in e2e). */
    playbackUrl: method(recordingIdArgsSchema, z.object({ url: z.string() }), 'two-admins'),
  },
  sync: {
    status: method(noArgs, syncStatusSchema, 'none'),
    /** Runs one sync round now (after a repair, or to check the network); answers the status after it. */
    syncNow: method(noArgs, syncStatusSchema, 'two-admins'),
    /** An administrator has dealt with a refused audit chain: clear the alarm and try again (R26.1). */
    clearAlarm: method(noArgs, syncStatusSchema, 'two-admins'),
  },
  device: {
    storeHealth: method(noArgs, storeHealthSchema, 'two-admins'),
    /** R12.1: the renderer's camera/microphone/speaker results; main adds the network, disk and recorder (ffmpeg) checks. */
    equipmentCheck: method(
      z
        .object({
          visitId: z.string().min(1).max(64),
          camera: deviceResultSchema,
          microphone: deviceResultSchema,
          speaker: deviceResultSchema,
        })
        .strict(),
      stepOutcomeSchema,
      'two-admins',
    ),
  },
  /** The visit call (R13.1, R14.2, R14.3, R16.1, R17.1, R18.1, R22.1, R24.1–R27.1). */
  call: {
    /** R24.1: joins the visit's signaling room once this side is ready; the call starts when both are. */
    join: method(callArgs.join, callActionResultSchema, 'two-admins'),
    /** The latest call at this terminal (the console and a reloaded window catch up with it). */
    current: method(callArgs.current, callStateSchema.nullable(), 'live-visit'),
    /** The renderer's WebRTC signal for the other terminal (main relays it through the central store). */
    signal: method(callArgs.signal, z.null(), 'live-visit'),
    /** Issue #19: the window's WebRTC signal to one observer of the monitoring centre (its extra low-bitrate stream). */
    observerSignal: method(observerSignalArgsSchema, z.null(), 'live-visit'),
    /** The renderer's peer connection connected or dropped (R18.1: the countdown pauses). */
    media: method(callArgs.media, z.null(), 'live-visit'),
    /** A link-quality sample (getStats), kept with the visit. */
    stats: method(callArgs.stats, z.null(), 'live-visit'),
    /** R16.1 warning: a banner on both terminals, audited with the administrator's name. */
    warn: method(callArgs.warn, callActionResultSchema, 'two-admins'),
    /** R16.1 / R17.1 termination: ends both terminals. */
    terminate: method(callArgs.terminate, callActionResultSchema, 'two-admins'),
    /** R14.3 / R27.1: more time only with the warden's approval reference. */
    extend: method(callArgs.extend, callActionResultSchema, 'two-admins'),
    /** A time-stamped note tied to the recording. */
    incident: method(callArgs.incident, callActionResultSchema, 'two-admins'),
    /** R24.1: mutes one side's microphone briefly (both terminals), attributed and audited. */
    mute: method(callArgs.mute, callActionResultSchema, 'two-admins'),
    /** R24.1: pauses the visit (pictures and sound held, countdown stopped) / resumes it. */
    hold: method(callArgs.hold, callActionResultSchema, 'two-admins'),
    release: method(callArgs.release, callActionResultSchema, 'two-admins'),
    /** R17.2: after an R17.1(6)–(9) termination the prison proposes a 1–3 month suspension to the central store. */
    proposeSuspension: method(callArgs.proposeSuspension, callActionResultSchema, 'two-admins'),
    /** R24.1: the visit window's picture and sound to the console window (main relays between the two, nothing else). */
    feed: method(callArgs.feed, z.null(), 'live-visit'),
  },
  admin: {
    siteInfo: method(noArgs, siteInfoSchema, 'none'),
    recentAudit: method(z.object({ limit: z.number().int().min(1).max(500) }).strict(), z.array(auditEntrySchema), 'two-admins'),
    /** The audit entries of one visit after `afterSeq`, oldest first, for the console's timeline (R24.1, R26.1). */
    visitAudit: method(
      z
        .object({
          visitId: z.string().min(1).max(64),
          afterSeq: z.number().int().nonnegative().optional(),
          limit: z.number().int().min(1).max(500),
        })
        .strict(),
      z.array(visitAuditEntrySchema),
      'two-admins',
    ),
    /** Trades a one-time enrolment code for this terminal's credential (kept in the data folder, 0600). */
    enrol: method(enrolArgsSchema, enrolResultSchema, 'enrolment'),
    ...displayContract,
  },
  /** Desk mode (applications, review queues, scheduling, printing, overview); see desk-contract.ts. */
  desk: deskContract,
} as const satisfies Record<string, Record<string, MethodSpec>>;

export type KioskContract = typeof kioskContract;
export type Namespace = keyof KioskContract;

/** Events main pushes to the renderer; each payload has a schema, like the methods. */
export const kioskEvents = {
  'sync.status': syncStatusSchema,
  'auth.session': adminSessionSchema,
  'recording.problem': recordingProblemSchema,
  'recording.state': recordingStateEventSchema,
  /** The call's state (phase, countdown, banners, link) whenever it changes, and every tick while it runs. */
  'call.state': callStateSchema,
  /** The other terminal's WebRTC signal, for the renderer's peer connection. */
  'call.signal': callSignalEventSchema,
  /** Issue #19: an observer's WebRTC signal, for the window's stream to it. */
  'call.observerSignal': observerSignalEventSchema,
  /** Issue #19: what the store sent one of the desk's observer sockets (the monitoring centre's wall). */
  'desk.observer': deskObserverEventSchema,
  /** R24.1: the loopback feed's messages between the visit window and the console window. */
  'call.feed': consoleFeedMessageSchema,
  /** Issue #21: large type or speech changed (in the console, say): every window of the terminal follows. */
  'display.settings': displaySettingsSchema,
} as const satisfies Record<string, z.ZodType>;
export type KioskEventName = keyof typeof kioskEvents;
export type KioskEventPayload<E extends KioskEventName> = z.infer<(typeof kioskEvents)[E]>;

export const CHANNEL_PREFIX = 'kiosk:';
export const EVENT_CHANNEL_PREFIX = 'kiosk-event:';
export const channelOf = (ns: string, name: string): string => `${CHANNEL_PREFIX}${ns}.${name}`;

/** Every channel in the contract with its declared requirement, for registration, the preload allow-list and tests. */
export const contractChannels = (): Array<{ ns: Namespace; name: string; channel: string; access: Access }> =>
  (Object.keys(kioskContract) as Namespace[]).flatMap((ns) => {
    const methods: Record<string, MethodSpec> = kioskContract[ns];
    return Object.entries(methods).map(([name, spec]) => ({ ns, name, channel: channelOf(ns, name), access: spec.access }));
  });
