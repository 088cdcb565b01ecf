// The terminal's IPC contract (design.md "The IPC contract"): one typed object of
// namespaces. Main implements it, src-main/electron registers it with ipcMain.handle,
// preload builds window.kiosk from it; all three use these zod schemas, so a call
// that does not match is refused before any service runs.
import { z } from 'zod';

export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
}

const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R): MethodSpec<A, R> => ({ args, result });
const noArgs = z.undefined();

export const siteKindSchema = z.enum(['prison', 'bureau', 'office']);

export const siteInfoSchema = z.object({
  terminalId: z.string(),
  siteName: z.string(),
  siteKind: siteKindSchema,
  roomName: z.string(),
  appVersion: z.string(),
  language: z.enum(['zh-CN', 'en']),
});

export const adminSessionSchema = z.object({
  admins: z.array(z.object({ staffId: z.string(), name: z.string(), loggedInAt: z.string() })),
  locked: z.boolean(),
});

export const visitStatusSchema = z.enum(['scheduled', 'checking-in', 'in-progress', 'completed', 'forfeited', 'interrupted', 'terminated']);

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

export const checkinEntrySchema = z.object({ visitId: z.string(), documentNumber: z.string(), name: z.string(), checkedInAt: z.string() });

export const recordingSummarySchema = z.object({
  recordingId: z.string(),
  visitId: z.string(),
  state: z.enum(['recording', 'sealed', 'interrupted', 'uploaded', 'verified']),
  startedAt: z.string(),
  bytes: z.number().int().nonnegative(),
});

export const syncStatusSchema = z.object({
  queuedEvents: z.number().int().nonnegative(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const storeHealthSchema = z.object({
  schemaVersion: z.number().int(),
  integrity: z.enum(['ok', 'recovered']),
  movedAsideTo: z.string().nullable(),
});

export const auditEntrySchema = z.object({ seq: z.number().int().positive(), at: z.string(), kind: z.string(), hash: z.string() });

// ---- Issue 5: the visit day (R10.1, R11.1, R12.1, R19.1, R23.1, R25.1, R27.1) ----

/** Why something was refused: the requirement applied (null for a technical reason) and a zh-CN sentence. */
export const refusalSchema = z.object({ requirement: z.string().nullable(), code: z.string(), message: z.string() });

export const loginArgsSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
}).strict();

export const loginResultSchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true), session: adminSessionSchema }),
  z.object({ accepted: z.literal(false), refusal: refusalSchema, session: adminSessionSchema }),
]);

export const visitIdArgsSchema = z.object({ visitId: z.string().min(1).max(64) }).strict();
const documentNumberArg = z.string().trim().min(1).max(32);
export const depositItemSchema = z.enum(['phone', 'recorder', 'camera', 'other']);
export const equipmentNameSchema = z.enum(['camera', 'microphone', 'speaker', 'network', 'disk']);

export const rosterSchema = z.object({
  visitId: z.string(),
  date: z.string(),
  startTime: z.string(),
  minutes: z.number().int().positive(),
  inmateName: z.string(),
  status: visitStatusSchema,
  /** False for a visit without an imported roster: nobody can check in. */
  planned: z.boolean(),
  opensAt: z.string(),
  startsAt: z.string(),
  maxVisitors: z.number().int().positive(),
  languages: z.array(z.string()),
  interpreterRequired: z.boolean(),
  visitors: z.array(z.object({
    visitorId: z.string(),
    name: z.string(),
    documentNumber: z.string(),
    relationship: z.string(),
    relationshipLabel: z.string(),
    checkedInAt: z.string().nullable(),
    source: z.string().nullable(),
    noticeAcknowledgedAt: z.string().nullable(),
    depositDeclaredAt: z.string().nullable(),
    depositRefusedAt: z.string().nullable(),
    items: z.array(z.object({
      itemId: z.number().int(),
      item: depositItemSchema,
      description: z.string(),
      depositedAt: z.string().nullable(),
      returnedAt: z.string().nullable(),
    })),
  })),
  interpreter: z.object({ name: z.string(), documentNumber: z.string(), languages: z.array(z.string()), checkedInAt: z.string() }).nullable(),
  equipment: z.array(z.object({ name: equipmentNameSchema, ok: z.boolean(), detail: z.string(), checkedAt: z.string() })),
});

/** The answer of every visit-day step: done (with the new roster) or refused (with the reason). */
export const stepOutcomeSchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true), roster: rosterSchema }),
  z.object({ accepted: z.literal(false), refusal: refusalSchema, roster: rosterSchema }),
]);

/** A check-in also says whom the card (or the typed entry) named. */
export const checkinOutcomeSchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true), roster: rosterSchema, person: z.object({ name: z.string(), documentNumber: z.string() }).nullable() }),
  z.object({ accepted: z.literal(false), refusal: refusalSchema, roster: rosterSchema, person: z.object({ name: z.string(), documentNumber: z.string() }).nullable() }),
]);

const isoDateArg = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const manualCheckinArgsSchema = z.object({
  visitId: z.string().min(1).max(64),
  entry: z.object({
    document: z.enum(['resident-id', 'household-register', 'hk-macao-taiwan-residence-permit', 'foreign-permanent-resident']),
    name: z.string().max(60),
    idNumber: z.string().max(32),
    sex: z.enum(['male', 'female']).optional(),
    birthDate: isoDateArg.optional(),
    validFrom: isoDateArg.optional(),
    validTo: z.string().max(10).optional(),
  }).strict(),
}).strict();

export const interpreterArgsSchema = z.object({
  visitId: z.string().min(1).max(64),
  name: z.string().max(60),
  documentNumber: z.string().max(32),
  languages: z.array(z.string().max(30)).max(5),
}).strict();

export const deviceResultSchema = z.object({ ok: z.boolean(), detail: z.string().max(300) }).strict();

export const readinessSchema = z.object({
  visitId: z.string(),
  status: visitStatusSchema,
  startsAt: z.string(),
  ready: z.boolean(),
  blockers: z.array(refusalSchema),
});

export const kioskContract = {
  auth: {
    session: method(noArgs, adminSessionSchema),
    /** R25.1: one administrator logs in, offline, against the last synced argon2id hashes. */
    login: method(loginArgsSchema, loginResultSchema),
    logout: method(z.object({ staffId: z.string().min(1).max(64) }).strict(), adminSessionSchema),
    /** Locks the terminal now: both administrators must log in again. */
    lock: method(noArgs, adminSessionSchema),
    /** The renderer reports user activity (throttled) so the inactivity lock counts from it. */
    activity: method(noArgs, adminSessionSchema),
  },
  checkin: {
    listForVisit: method(z.object({ visitId: z.string().min(1).max(64) }).strict(), z.array(checkinEntrySchema)),
    roster: method(visitIdArgsSchema, rosterSchema),
    /** R11.1: reads the card on the configured reader and matches it against the approved visitors. */
    readCard: method(visitIdArgsSchema, checkinOutcomeSchema),
    /** R11.1 fallback (and R10.1 household register for minors): typed from the document. */
    manual: method(manualCheckinArgsSchema, checkinOutcomeSchema),
    /** R23.1 */
    interpreter: method(interpreterArgsSchema, stepOutcomeSchema),
    /** R12.1 */
    acknowledgeNotice: method(z.object({ visitId: z.string().min(1).max(64), documentNumber: documentNumberArg }).strict(), stepOutcomeSchema),
    /** R19.1: what a visitor carries; an empty list records "nothing to deposit". */
    declareDeposits: method(z.object({
      visitId: z.string().min(1).max(64),
      documentNumber: documentNumberArg,
      items: z.array(z.object({ item: depositItemSchema, description: z.string().max(100) }).strict()).max(20),
    }).strict(), stepOutcomeSchema),
    depositItem: method(z.object({ visitId: z.string().min(1).max(64), itemId: z.number().int().positive(), action: z.enum(['deposited', 'returned']) }).strict(), stepOutcomeSchema),
    /** R19.1 refused: handled as R16.1(1). */
    refuseDeposit: method(z.object({ visitId: z.string().min(1).max(64), documentNumber: documentNumberArg }).strict(), stepOutcomeSchema),
  },
  visit: {
    listForDay: method(dayArgsSchema, z.array(visitSummarySchema)),
    /** Today by main's clock (China time), so the renderer and the forfeit agree on the day. */
    today: method(noArgs, z.object({ date: z.string(), visits: z.array(visitSummarySchema) })),
    /** Exactly what still blocks the start, with requirement ids. */
    readiness: method(visitIdArgsSchema, readinessSchema),
  },
  recording: {
    list: method(noArgs, z.array(recordingSummarySchema)),
  },
  sync: {
    status: method(noArgs, syncStatusSchema),
  },
  device: {
    storeHealth: method(noArgs, storeHealthSchema),
    /** R12.1: the renderer's camera/microphone/speaker results; main adds the network and disk checks. */
    equipmentCheck: method(z.object({
      visitId: z.string().min(1).max(64),
      camera: deviceResultSchema,
      microphone: deviceResultSchema,
      speaker: deviceResultSchema,
    }).strict(), stepOutcomeSchema),
  },
  admin: {
    siteInfo: method(noArgs, siteInfoSchema),
    recentAudit: method(z.object({ limit: z.number().int().min(1).max(500) }).strict(), z.array(auditEntrySchema)),
  },
} as const satisfies Record<string, Record<string, MethodSpec>>;

export type KioskContract = typeof kioskContract;
export type Namespace = keyof KioskContract;

/** Events main pushes to the renderer; each payload has a schema, like the methods. */
export const kioskEvents = {
  'sync.status': syncStatusSchema,
  'auth.session': adminSessionSchema,
} as const satisfies Record<string, z.ZodType>;
export type KioskEventName = keyof typeof kioskEvents;
export type KioskEventPayload<E extends KioskEventName> = z.infer<(typeof kioskEvents)[E]>;

export const CHANNEL_PREFIX = 'kiosk:';
export const EVENT_CHANNEL_PREFIX = 'kiosk-event:';
export const channelOf = (ns: string, name: string): string => `${CHANNEL_PREFIX}${ns}.${name}`;

/** Every channel in the contract, for registration and for the preload allow-list. */
export const contractChannels = (): Array<{ ns: Namespace; name: string; channel: string }> =>
  (Object.keys(kioskContract) as Namespace[]).flatMap((ns) =>
    Object.keys(kioskContract[ns]).map((name) => ({ ns, name, channel: channelOf(ns, name) })),
  );
