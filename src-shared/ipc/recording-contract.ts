// The terminal's IPC contract, part: recording every visit (R13.1): the recordings' summaries, chunks,
// manifests, verification and problems. contract.ts assembles and re-exports it.
import { z } from 'zod';

export const recordingSummarySchema = z.object({
  recordingId: z.string(),
  visitId: z.string(),
  state: z.enum(['recording', 'sealed', 'interrupted', 'uploaded', 'verified']),
  startedAt: z.string(),
  bytes: z.number().int().nonnegative(),
  // R13.1: how it ended, whether the central store has it, the last local check.
  endedAt: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  /** pending: queued; sent: uploaded, hash not yet confirmed; confirmed: the central store confirmed the SHA-256. */
  upload: z.enum(['none', 'pending', 'sent', 'confirmed']),
  verification: z
    .object({
      ok: z.boolean(),
      checkedAt: z.string(),
      firstBadSegment: z.object({ index: z.number().int(), file: z.string() }).nullable(),
      message: z.string().nullable(),
    })
    .nullable(),
  /** Same-origin path of the archive for <video>, null while there is none. */
  playbackPath: z.string().nullable(),
});

/** One recording file on its way to the central store: a progress bar in the console. */

export const recordingIdArg = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, '录像编号格式不正确');
/** One MediaRecorder timeslice (~1 s); far below this even at 720p. */
export const MAX_RECORDING_CHUNK_BYTES = 8 * 1024 * 1024;
export const recordingIdArgsSchema = z.object({ recordingId: recordingIdArg }).strict();

/**
 * The bytes cross as a Uint8Array: Electron's structured clone carries it as is, and the e2e
 * harness's Playwright binding (1.65) serialises typed arrays and rebuilds a Uint8Array, so
 * one contract serves both without base64.
 */
export const recordingChunkArgsSchema = z
  .object({
    recordingId: recordingIdArg,
    /** 0, 1, 2, … in the order MediaRecorder produced them; a gap or a repeat is refused. */
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    bytes: z
      .instanceof(Uint8Array, { message: '录像数据应为字节数组（Uint8Array）' })
      .refine(
        (b) => b.byteLength > 0 && b.byteLength <= MAX_RECORDING_CHUNK_BYTES,
        `录像数据块应为 1 至 ${MAX_RECORDING_CHUNK_BYTES} 字节`,
      ),
  })
  .strict();

export const recordingStartedSchema = z.object({ recordingId: z.string(), visitId: z.string(), startedAt: z.string() });
export const recordingChunkResultSchema = z.object({
  recordingId: z.string(),
  seq: z.number().int(),
  spooledBytes: z.number().int().nonnegative(),
});
export const recordingIncidentSchema = z.object({
  at: z.string(),
  offsetMs: z.number().int().nonnegative(),
  note: z.string(),
  actor: z.string(),
});

/** What stop() sealed: the signed manifest in short. */
export const recordingManifestSummarySchema = z.object({
  recordingId: z.string(),
  state: z.enum(['sealed', 'interrupted']),
  manifestSha256: z.string(),
  segments: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative().nullable(),
  archiveSha256: z.string().nullable(),
  archiveProblem: z.string().nullable(),
  keyId: z.string(),
});

export const recordingVerificationSchema = z.object({
  recordingId: z.string(),
  ok: z.boolean(),
  checkedAt: z.string(),
  signatureValid: z.boolean(),
  keyId: z.string().nullable(),
  segmentsChecked: z.number().int().nonnegative(),
  firstBadSegment: z.object({ index: z.number().int(), file: z.string() }).nullable(),
  problems: z.array(
    z.object({ kind: z.string(), file: z.string().optional(), index: z.number().int().optional(), message: z.string() }),
  ),
});

/** Pushed so a recording never stops silently: low disk, ffmpeg trouble. */
export const recordingProblemSchema = z.object({
  recordingId: z.string(),
  visitId: z.string(),
  kind: z.string(),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  detail: z.string().optional(),
});

export const recordingStateEventSchema = z.object({
  recordingId: z.string(),
  visitId: z.string(),
  state: z.enum(['recording', 'sealed', 'interrupted']),
  segments: z.number().int().nonnegative(),
});
