// What the ffmpeg supervisor does when one of a recording's ffmpeg processes ends, decided
// without effects (ffmpeg-supervisor.ts runs the processes, waits, deletes and reports):
// a clean end finishes the series; a death restarts it after a growing pause, until
// MAX_CONSECUTIVE_FAILURES deaths without a sealed segment in between; the next ffmpeg
// resumes right after the last sealed segment, unless the stream cannot be read there.
import { backoffDelay } from '../../../src-shared/retry/backoff';
import { describeExit, type ProcessExit } from '../ffmpeg/child-process';
import type { ResumePoint } from '../segments/resume-point';
import type { RecorderProblem } from './recording-types';

/** Give up restarting after this many ffmpeg deaths without a sealed segment in between. */
export const MAX_CONSECUTIVE_FAILURES = 5;

/** The series of segments across a recording's ffmpeg runs. */
export interface SeriesState {
  /** 1 for the first ffmpeg, +1 for each restart. */
  readonly run: number;
  /** Index of the next segment: the series continues across restarts. */
  readonly nextIndex: number;
  readonly lastSealedEndMs: number | null;
  /** ffmpeg deaths since the last sealed segment. */
  readonly consecutiveFailures: number;
}

export const FIRST_RUN: SeriesState = { run: 1, nextIndex: 0, lastSealedEndMs: null, consecutiveFailures: 0 };

export function segmentSealed(state: SeriesState, sealed: { readonly index: number; readonly endMs: number }): SeriesState {
  return {
    ...state,
    lastSealedEndMs: sealed.endMs,
    nextIndex: Math.max(state.nextIndex, sealed.index + 1),
    consecutiveFailures: 0,
  };
}

/** ffmpeg read the whole spool and exited 0: the recording's stream is consumed. */
export const isCleanEnd = (outcome: { readonly inputComplete: boolean; readonly exit: ProcessExit }): boolean =>
  outcome.inputComplete && outcome.exit.code === 0;

export type DeathDecision =
  | { readonly kind: 'give-up'; readonly problem: RecorderProblem }
  | { readonly kind: 'restart'; readonly problem: RecorderProblem; readonly delayMs: number };

export interface Death {
  readonly state: SeriesState;
  /** zh-CN, how the process ended. */
  readonly reason: string;
  readonly decision: DeathDecision;
}

/** An ffmpeg died (not a clean end); `segmentsOnDisk` are the indexes of the segment files now in the folder. */
export function ffmpegDied(
  state: SeriesState,
  death: { readonly exit: ProcessExit; readonly stderrTail: string; readonly segmentsOnDisk: readonly number[] },
): Death {
  const failures = state.consecutiveFailures + 1;
  const next: SeriesState = {
    ...state,
    consecutiveFailures: failures,
    nextIndex: Math.max(state.nextIndex, ...death.segmentsOnDisk.map((i) => i + 1)),
  };
  const reason = describeExit(death.exit);
  const detail = death.stderrTail.slice(-500);
  if (failures >= MAX_CONSECUTIVE_FAILURES) {
    const message = `录像程序 ffmpeg 连续 ${failures} 次异常退出，录像已停止写入分段；已收到的数据仍保存在缓存中，请联系技术人员。`;
    return {
      state: next,
      reason,
      decision: { kind: 'give-up', problem: { kind: 'ffmpeg-failing', severity: 'error', message, detail } },
    };
  }
  const message = `录像程序 ffmpeg 意外退出（${reason}），正在自动重启，会见可以继续。`;
  const delayMs = failures > 1 ? backoffDelay(failures, { initialMs: 250, maxMs: 10_000 }) : 0;
  return {
    state: next,
    reason,
    decision: { kind: 'restart', problem: { kind: 'ffmpeg-exited', severity: 'warning', message, detail }, delayMs },
  };
}

export type ResumeDecision =
  | { readonly kind: 'unreadable'; readonly problem: RecorderProblem }
  /** Nothing after the last sealed segment, and nothing more coming: the stream ended there. */
  | { readonly kind: 'ended' }
  | { readonly kind: 'resume'; readonly state: SeriesState; readonly from: ResumePoint };

/** After the pause: `resume` is where the spool can be picked up (null: nowhere), `broken` why the stream is unreadable. */
export function resumeAfterDeath(state: SeriesState, resume: ResumePoint | null, broken: string | null): ResumeDecision {
  if (broken)
    return {
      kind: 'unreadable',
      problem: {
        kind: 'stream-unreadable',
        severity: 'error',
        message: '录像数据流格式异常，无法从断点继续录像，请联系技术人员。',
        detail: broken,
      },
    };
  if (!resume) return { kind: 'ended' };
  return { kind: 'resume', state: { ...state, run: state.run + 1 }, from: resume };
}

export function sealFailed(file: string, error: unknown): RecorderProblem {
  return {
    kind: 'seal-failed',
    severity: 'error',
    message: `录像分段 ${file} 封存失败`,
    detail: error instanceof Error ? error.message : String(error),
  };
}
