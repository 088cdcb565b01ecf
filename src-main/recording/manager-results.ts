// What the recording manager returns and emits, as pure mappings from the recorder's
// results: the stop and verification summaries, the events' payloads, and the audit entry
// that records a verification as an administrator action.
import type { KioskEventName, KioskEventPayload } from '../../src-shared/ipc/contract';
import type { RecorderProblem } from './live/recording-types';
import type { VerifyResult } from './manifest/verify-manifest';
import type { SealResult } from './seal/seal-recording';

export type Emit = <E extends KioskEventName>(event: E, payload: KioskEventPayload<E>) => void;

export interface StopSummary {
  recordingId: string;
  state: 'sealed' | 'interrupted';
  manifestSha256: string;
  segments: number;
  durationMs: number | null;
  archiveSha256: string | null;
  archiveProblem: string | null;
  keyId: string;
}

export type VerifySummary = {
  recordingId: string;
  ok: boolean;
  checkedAt: string;
  signatureValid: boolean;
  keyId: string | null;
  segmentsChecked: number;
  firstBadSegment: { index: number; file: string } | null;
  problems: Array<{ kind: string; file?: string; index?: number; message: string }>;
};

export const recorderMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function stopSummary(recordingId: string, result: SealResult): StopSummary {
  const m = result.manifest;
  return {
    recordingId,
    state: result.state,
    manifestSha256: result.manifestSha256,
    segments: m.segments.length,
    durationMs: m.archive?.durationMs ?? null,
    archiveSha256: m.archive?.sha256 ?? null,
    archiveProblem: result.archiveProblem,
    keyId: m.publicKey.keyId,
  };
}

/** The 'recording.state' event of a recording that has just been sealed (whole or interrupted). */
export const sealedState = (recordingId: string, visitId: string, result: SealResult): KioskEventPayload<'recording.state'> => ({
  recordingId,
  visitId,
  state: result.state,
  segments: result.manifest.segments.length,
});

export const problemEvent = (
  recordingId: string,
  visitId: string,
  p: RecorderProblem,
): KioskEventPayload<'recording.problem'> => ({
  recordingId,
  visitId,
  kind: p.kind,
  severity: p.severity,
  message: p.message,
  ...(p.detail ? { detail: p.detail.slice(0, 2000) } : {}),
});

/** The verification's audit payload: list-recordings.ts reads the last one back. */
export const verifiedAuditPayload = (recordingId: string, result: VerifyResult) => ({
  recordingId,
  ok: result.ok,
  firstBadIndex: result.firstBadSegment?.index ?? null,
  firstBadFile: result.firstBadSegment?.file ?? null,
  message: result.problems[0]?.message ?? null,
});

export function verifySummary(recordingId: string, result: VerifyResult, at: Date): VerifySummary {
  return {
    recordingId,
    ok: result.ok,
    checkedAt: at.toISOString(),
    signatureValid: result.signatureValid,
    keyId: result.keyId,
    segmentsChecked: result.segmentsChecked,
    firstBadSegment: result.firstBadSegment,
    problems: result.problems.map((p) => ({
      kind: p.kind,
      message: p.message,
      ...(p.file !== undefined ? { file: p.file } : {}),
      ...(p.index !== undefined ? { index: p.index } : {}),
    })),
  };
}
