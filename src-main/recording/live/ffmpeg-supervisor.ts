// Runs a recording's ffmpeg, and a new one each time it dies, until the spool is fully
// consumed: each closed segment is sealed as it comes, a death is audited and reported,
// and the next ffmpeg picks the stream up after the last sealed segment. What to do after
// each end is decided in supervisor-decisions.ts; this file only carries it out.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FolderClaim } from '../seal/folder-claim';
import { findResumePoint, firstClusterMs, type ResumePoint } from '../segments/resume-point';
import { sealSegment, type SealContext } from '../segments/seal-segment';
import { segmentIndexOf } from '../segments/segment-list';
import { startSegmentRun, type ClosedSegment, type RunOutcome, type SegmentRun } from '../segments/segment-run';
import type { Spool } from '../segments/spool';
import type { WebmIndex } from '../segments/webm-index';
import type { TypedEvents } from '../typed-events';
import type { RecordingReports } from './recording-reports';
import type { RecordingEvents } from './recording-types';
import {
  ffmpegDied,
  FIRST_RUN,
  isCleanEnd,
  resumeAfterDeath,
  sealFailed,
  segmentSealed,
  type Death,
  type SeriesState,
} from './supervisor-decisions';

export interface SupervisorOptions {
  /** The ffmpeg binary. */
  readonly ffmpeg: string;
  readonly segmentSeconds: number;
  readonly spool: Spool;
  readonly index: WebmIndex;
  readonly claim: FolderClaim;
  readonly sealCtx: SealContext;
  readonly reports: RecordingReports;
  readonly events: TypedEvents<RecordingEvents>;
}

export interface FfmpegSupervisor {
  /** true once the spool is fully consumed; false when the supervisor gave up (the spool keeps the rest). */
  readonly consumed: Promise<boolean>;
  /** The running ffmpeg's pid. */
  pid(): number | undefined;
  /** How many ffmpeg runs there were (each left a segment list). */
  runs(): number;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the spool grows or ends. */
const nextAppend = (spool: Spool) =>
  new Promise<void>((resolve) => {
    const off = spool.onAppend(() => {
      off();
      resolve();
    });
  });

export function superviseFfmpeg(options: SupervisorOptions): FfmpegSupervisor {
  const { spool, index, reports, events } = options;
  const { dir } = options.sealCtx;
  let state: SeriesState = FIRST_RUN;
  let current: SegmentRun | null = null;
  /** Each run's time 0 on the recording's timeline. */
  const runBase = new Map<number, number>();

  const onSegment = async (segment: ClosedSegment): Promise<void> => {
    try {
      let base = runBase.get(segment.run);
      if (base === undefined) {
        base = firstClusterMs(index);
        runBase.set(segment.run, base);
      }
      const sealed = await sealSegment(options.sealCtx, segment, base);
      state = segmentSealed(state, sealed);
      events.emit('segment', sealed);
    } catch (error) {
      reports.problem(sealFailed(segment.file, error));
    }
  };

  /** One ffmpeg, fed from `from` (the start of the spool for the first one), until it ends. */
  const runOnce = async (from: { header: Uint8Array | null; offset: number }): Promise<RunOutcome> => {
    const { run, nextIndex } = state;
    current = startSegmentRun({
      ffmpeg: options.ffmpeg,
      dir,
      run,
      startNumber: nextIndex,
      segmentSeconds: options.segmentSeconds,
      spool,
      header: from.header,
      fromOffset: from.offset,
      onSegment,
    });
    // So that after a kill -9 of this process the next start waits for this ffmpeg.
    const unnoted = options.claim.noteFfmpeg(current.pid);
    // A full disk is announced by the disk check; the audit says recovery lacks the note.
    if (unnoted) reports.audit('recording.ffmpeg.unnoted', { run, reason: unnoted });
    const outcome = await current.outcome;
    current = null;
    return outcome;
  };

  /** A death: its unfinished segment discarded, audited and reported; what comes next. */
  const recordDeath = (outcome: RunOutcome): Death => {
    if (outcome.openFile) rmSync(join(dir, outcome.openFile), { force: true });
    const segmentsOnDisk = readdirSync(dir)
      .map(segmentIndexOf)
      .filter((i): i is number => i !== null);
    const death = ffmpegDied(state, { exit: outcome.exit, stderrTail: outcome.stderrTail, segmentsOnDisk });
    state = death.state;
    reports.audit('recording.ffmpeg.exited', {
      run: state.run,
      reason: death.reason,
      discarded: outcome.openFile,
      stderr: outcome.stderrTail.slice(-500),
    });
    reports.problem(death.decision.problem);
    return death;
  };

  /** Where the next ffmpeg starts: waits while the spool holds nothing after the last sealed segment yet. */
  const awaitResumePoint = async (): Promise<ResumePoint | null> => {
    let resume = findResumePoint(spool, index, state.lastSealedEndMs);
    while (!resume && !spool.ended && !index.broken) {
      await nextAppend(spool);
      resume = findResumePoint(spool, index, state.lastSealedEndMs);
    }
    return resume;
  };

  const supervise = async (): Promise<boolean> => {
    let from: { header: Uint8Array | null; offset: number } = { header: null, offset: 0 };
    for (;;) {
      const outcome = await runOnce(from);
      if (isCleanEnd(outcome)) return true;
      const death = recordDeath(outcome);
      if (death.decision.kind === 'give-up') return false;
      await delay(death.decision.delayMs);
      const resume = await awaitResumePoint();
      const next = resumeAfterDeath(state, resume, index.broken);
      if (next.kind === 'unreadable') reports.problem(next.problem);
      if (next.kind !== 'resume') return next.kind === 'ended';
      state = next.state;
      const { run, nextIndex } = state;
      const { baseMs, header, offset } = next.from;
      if (baseMs !== null) runBase.set(run, baseMs);
      from = { header, offset };
      reports.audit('recording.ffmpeg.restarted', { run, startIndex: nextIndex, resumeAtMs: baseMs, fromOffset: offset });
      events.emit('restarted', { run, reason: death.reason, resumeAtMs: baseMs });
    }
  };

  return { consumed: supervise(), pid: () => current?.pid, runs: () => state.run };
}
