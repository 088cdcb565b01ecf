// The visit call: the call state main pushes to the renderer, the
// renderer's reports (signal, media state, link quality), and the supervision
// actions. Pure zod: main validates with these at the IPC boundary, the renderer
// imports the types only.
import { z } from 'zod';
import { OTHER_REASON, TERMINATION_REASON_CODES, WARNING_REASON_CODES } from '../regulation/reason-codes';
import { iceServerSchema, type IceServer } from './protocol';
import { rtcSignalSchema } from './rtc-signal';

export { iceServerSchema, type IceServer };

const visitId = z.string().min(1).max(64);
/** R24.1: "mute one side briefly": at most this long. */
export const MAX_MUTE_SECONDS = 300;

/** R22.1: a warning takes an R16.1 code or "other" with a written reason. */
export const warningCodeSchema = z.enum([...WARNING_REASON_CODES, OTHER_REASON]);
/** R16.1 ("up to cancelling"), R17.1 (must be stopped) or "other" with a written reason. */
export const terminationCodeSchema = z.enum([...WARNING_REASON_CODES, ...TERMINATION_REASON_CODES, OTHER_REASON]);

/** waiting → ready (both sides ready, peer connection being set up) → in-progress ⇄ reconnecting → ended. */
export const callPhaseSchema = z.enum(['waiting', 'connecting', 'in-progress', 'reconnecting', 'ended']);
export const callOutcomeKindSchema = z.enum(['completed', 'terminated', 'interrupted']);

/** What both screens show: warnings, time warnings, the end, extensions, incidents (console only). */
export const callNoticeSchema = z.object({
  id: z.string(),
  kind: z.enum([
    'warning',
    'time-5',
    'time-1',
    'terminated',
    'extended',
    'incident',
    'ended',
    'interrupted',
    // R18.1: the connection dropped / came back; R24.1: an administrator muted a side, paused or resumed.
    'connection-lost',
    'resumed',
    'muted',
    'held',
    'released',
  ]),
  code: z.string().nullable(),
  text: z.string(),
  /** Administrator's name, or null for the terminal's own notices (time warnings). */
  by: z.string().nullable(),
  /** Which site acted: this one, or the other. */
  origin: z.enum(['local', 'remote']),
  at: z.string(),
});

export const linkSampleSchema = z
  .object({
    at: z.string().max(40),
    /** Received video bitrate, kbit/s. */
    bitrateKbps: z.number().nonnegative().max(1_000_000),
    /** Packets lost / (received + lost) since the previous sample, percent. */
    packetLossPct: z.number().min(0).max(100),
    fps: z.number().nonnegative().max(240),
    /** Current round-trip time of the selected candidate pair, ms (null before known). */
    rttMs: z.number().nonnegative().max(60_000).nullable(),
    frameWidth: z.number().int().nonnegative().max(8192),
    frameHeight: z.number().int().nonnegative().max(8192),
  })
  .strict();

export const callStateSchema = z.object({
  visitId: z.string(),
  /** This terminal's side: the inmate's (prison) room or the visitors' room. */
  side: z.enum(['inmate', 'visitor']),
  phase: callPhaseSchema,
  outcome: callOutcomeKindSchema.nullable(),
  /** Code and text of a termination, or R18.1 for an interruption. */
  endReason: z.object({ code: z.string(), text: z.string(), by: z.string().nullable() }).nullable(),
  /** The prison side starts the peer connection; a new generation means "build a new one". */
  initiator: z.boolean(),
  generation: z.number().int().nonnegative(),
  /** This side's window builds only generations from this one on (after it reloaded, the older ones are dead). */
  minGeneration: z.number().int().nonnegative(),
  peerPresent: z.boolean(),
  peerReady: z.boolean(),
  iceServers: z.array(iceServerSchema),
  /** 'relay': media only through the TURN servers (the store's configuration). */
  iceTransportPolicy: z.enum(['all', 'relay']),
  /** R18.1: how many ICE restarts the initiator was asked for on this generation (a rise means "restart ICE now"). */
  iceRestarts: z.number().int().nonnegative(),
  allowedMs: z.number().int().nonnegative(),
  remainingMs: z.number().int().nonnegative(),
  /** The countdown is paused (reconnecting, R18.1, or held by an administrator, R24.1). */
  paused: z.boolean(),
  /** R24.1: an administrator paused the visit (both sides' pictures and sound are held); null when running. */
  hold: z.object({ by: z.string(), site: z.string(), origin: z.enum(['local', 'remote']), at: z.string() }).nullable(),
  /**
   * R25.1 after a restart (R18.1): the terminal at `origin` has not yet two administrators
   * logged in again; the countdown stands still until they are (absent: none).
   */
  adminGap: z
    .object({ since: z.string(), origin: z.enum(['local', 'remote']) })
    .nullable()
    .optional(),
  /** R24.1: sides whose microphone an administrator muted briefly, until when. */
  muted: z.array(
    z.object({ side: z.enum(['inmate', 'visitor']), until: z.string(), by: z.string(), origin: z.enum(['local', 'remote']) }),
  ),
  /** How long the reconnection may still take before the visit ends as interrupted. */
  graceRemainingMs: z.number().int().nonnegative().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  inmateName: z.string(),
  visitors: z.array(z.object({ name: z.string(), relationship: z.string() })),
  notices: z.array(callNoticeSchema),
  link: linkSampleSchema.nullable(),
  /** R17.2: a termination under R17.1(6)–(9) at the prison lets its administrators propose a suspension. */
  suspensionProposable: z.boolean(),
  /** R17.2: the proposal made, if any (sent to the central store through the audit log). */
  suspensionProposal: z.object({ months: z.number().int(), by: z.string(), at: z.string() }).nullable(),
  /**
   * Issue #19: the monitoring centre's officers watching this visit now (shown on both consoles).
   * `epoch` rises each time the store announces one again: the window builds a new stream to it.
   */
  observers: z.array(
    z.object({ observerId: z.string(), name: z.string(), organisation: z.string(), since: z.string(), epoch: z.number().int() }),
  ),
});

/**
 * The console's own picture and sound of the visit (R13.1, R24.1): the visit window sends its
 * camera and the other side's stream to the console window over a loopback peer connection
 * on this machine; main only relays these messages between the two windows (no store, no
 * network). `hello`: a console asks for the feed; `signal`: WebRTC data of feed `feed`
 * (a new number: the visit window rebuilt it), with which stream id is which side.
 */
export const consoleFeedMessageSchema = z
  .object({
    visitId,
    from: z.enum(['visit', 'console']),
    /** One console window's session (a reloaded console asks again with a new one). */
    session: z.string().regex(/^[a-z0-9-]{8,64}$/, '会话编号格式不正确'),
    kind: z.enum(['hello', 'signal']),
    feed: z.number().int().nonnegative().max(1_000_000),
    data: rtcSignalSchema.nullable(),
    streams: z
      .object({ own: z.string().max(128).nullable(), other: z.string().max(128).nullable() })
      .strict()
      .nullable(),
  })
  .strict();

const refusal = z.object({ requirement: z.string().nullable(), code: z.string(), message: z.string() });

/** Every call action answers with the state, or a refusal (requirement id + zh-CN sentence). */
export const callActionResultSchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true), state: callStateSchema }),
  z.object({ accepted: z.literal(false), refusal: refusal, state: callStateSchema.nullable() }),
]);

const actor = z.string().min(1).max(64).optional();
const otherText = z.string().trim().max(200).optional();

export const callArgs = {
  join: z.object({ visitId }).strict(),
  current: z.undefined(),
  // Only what a WebRTC peer really emits (the store refuses anything else): checked at the IPC boundary.
  signal: z.object({ visitId, generation: z.number().int().nonnegative(), data: rtcSignalSchema }).strict(),
  media: z
    .object({
      visitId,
      generation: z.number().int().nonnegative(),
      state: z.enum(['local-ready', 'connected', 'disconnected', 'failed']),
    })
    .strict(),
  stats: z.object({ visitId, sample: linkSampleSchema }).strict(),
  /** staffId: which logged-in administrator acts (the first one by default). */
  warn: z.object({ visitId, code: warningCodeSchema, text: otherText, staffId: actor }).strict(),
  terminate: z.object({ visitId, code: terminationCodeSchema, text: otherText, staffId: actor }).strict(),
  /** R14.3 / R27.1: more time only with the warden's approval reference. */
  extend: z
    .object({ visitId, minutes: z.number().int().min(1).max(60), approvalRef: z.string().trim().max(100), staffId: actor })
    .strict(),
  incident: z.object({ visitId, note: z.string().trim().min(1, '请填写事件说明').max(500), staffId: actor }).strict(),
  /** R24.1: mute one side's microphone for a short time (both terminals apply it). */
  mute: z
    .object({
      visitId,
      side: z.enum(['inmate', 'visitor']),
      seconds: z.number().int().min(5).max(MAX_MUTE_SECONDS),
      staffId: actor,
    })
    .strict(),
  /** R24.1: pause the visit (pictures and sound held on both sides, countdown stopped) or resume it. */
  hold: z.object({ visitId, staffId: actor }).strict(),
  release: z.object({ visitId, staffId: actor }).strict(),
  /** R24.1: the loopback feed between the visit window and the console window (relayed, never stored). */
  feed: consoleFeedMessageSchema,
  /** R17.2: the prison's administrators propose suspending the inmate's visits for 1–3 months. */
  proposeSuspension: z
    .object({
      visitId,
      months: z.number().int().min(1, '停止会见期限为 1 至 3 个月').max(3, '停止会见期限为 1 至 3 个月'),
      note: z.string().trim().max(300).optional(),
      staffId: actor,
    })
    .strict(),
};

/** Issue #19: renderer → main, the window's WebRTC signal to one observer of the monitoring centre. */
export const observerSignalArgsSchema = z
  .object({ visitId, observerId: z.string().min(1).max(64), epoch: z.number().int().nonnegative(), data: rtcSignalSchema })
  .strict();

/** Issue #19: main → renderer, an observer's WebRTC signal for the window's stream to it. */
export const observerSignalEventSchema = z.object({
  visitId: z.string(),
  observerId: z.string(),
  data: z.unknown(),
});

/** main → renderer: the other side's signal for the peer connection of this generation. */
export const callSignalEventSchema = z.object({
  visitId: z.string(),
  generation: z.number().int().nonnegative(),
  data: z.unknown(),
});

export type CallState = z.infer<typeof callStateSchema>;
export type CallNotice = z.infer<typeof callNoticeSchema>;
export type ConsoleFeedMessage = z.infer<typeof consoleFeedMessageSchema>;
export type LinkSample = z.infer<typeof linkSampleSchema>;
export type CallPhase = z.infer<typeof callPhaseSchema>;
export type CallOutcomeKind = z.infer<typeof callOutcomeKindSchema>;
export type WarningCode = z.infer<typeof warningCodeSchema>;
export type TerminationCode = z.infer<typeof terminationCodeSchema>;
