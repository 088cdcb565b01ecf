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

export const kioskContract = {
  auth: {
    session: method(noArgs, adminSessionSchema),
  },
  checkin: {
    listForVisit: method(z.object({ visitId: z.string().min(1).max(64) }).strict(), z.array(checkinEntrySchema)),
  },
  visit: {
    listForDay: method(dayArgsSchema, z.array(visitSummarySchema)),
  },
  recording: {
    list: method(noArgs, z.array(recordingSummarySchema)),
  },
  sync: {
    status: method(noArgs, syncStatusSchema),
  },
  device: {
    storeHealth: method(noArgs, storeHealthSchema),
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
