// The disk watch of a live recording: every interval, whether the rest of the visit still
// fits at the stream's bitrate so far (disk.ts). It warns when the level worsens and never
// stops the recording by itself. diskAlert decides; watchDisk measures and reports.
import { assessDisk, type DiskAssessment, type DiskLevel } from './disk';
import type { AuditPayload, RecordingReports } from './recording-reports';
import type { RecorderProblem } from './recording-types';

/** When the visit should end: its scheduled length (30 minutes when unknown) from the start. */
export const scheduledEnd = (startedAt: Date, visitMinutes: number | null): Date =>
  new Date(startedAt.getTime() + (visitMinutes ?? 30) * 60_000);

/** What a new verdict is worth reporting: only a change to low or critical. */
export function diskAlert(
  previous: DiskLevel,
  verdict: DiskAssessment,
): { readonly audit: AuditPayload; readonly problem: RecorderProblem } | null {
  if (verdict.level === previous || verdict.level === 'ok') return null;
  const critical = verdict.level === 'critical';
  return {
    audit: { level: verdict.level, freeBytes: verdict.freeBytes, neededBytes: verdict.neededBytes },
    problem: {
      kind: critical ? 'disk-critical' : 'disk-low',
      severity: critical ? 'error' : 'warning',
      message: verdict.message ?? '',
    },
  };
}

export interface DiskWatchOptions {
  /** The recording's folder (its file system is measured). */
  readonly dir: string;
  readonly now: () => Date;
  readonly startedAt: Date;
  readonly visitEnd: Date;
  /** Bytes of the stream so far. */
  readonly streamBytes: () => number;
  readonly freeBytes: (path: string) => Promise<number>;
  /** Head-room kept besides the stream (disk.ts's default when absent). */
  readonly marginBytes: number | undefined;
  readonly intervalMs: number;
  readonly reports: RecordingReports;
}

export function watchDisk(options: DiskWatchOptions): { stop(): void } {
  const { now, startedAt, reports } = options;
  let level: DiskLevel = 'ok';
  const check = async () => {
    try {
      const free = await options.freeBytes(options.dir);
      const elapsedSeconds = Math.max(1, (now().getTime() - startedAt.getTime()) / 1000);
      const verdict = assessDisk({
        freeBytes: free,
        bytesPerSecond: options.streamBytes() / elapsedSeconds,
        elapsedSeconds,
        remainingSeconds: (options.visitEnd.getTime() - now().getTime()) / 1000,
        ...(options.marginBytes !== undefined ? { marginBytes: options.marginBytes } : {}),
      });
      const alert = diskAlert(level, verdict);
      if (alert) {
        reports.audit('recording.disk.low', alert.audit);
        reports.problem(alert.problem);
      }
      level = verdict.level;
    } catch (error) {
      reports.problem({ kind: 'disk-low', severity: 'warning', message: '无法读取磁盘剩余空间', detail: String(error) });
    }
  };
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
