// At the manager's first use: the recordings a crash left open are sealed as interrupted
// (seal/recover.ts), once; later calls share the same promise. A failed recovery is logged
// and audited but never blocks new recordings.
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';
import type { Logger } from '../log/logger';
import type { FfmpegPaths, LocateOptions } from './ffmpeg/ffmpeg-locator';
import { recorderMessage, type Emit } from './manager-results';
import { recoverOpenRecordings, type RecoveredRecording } from './seal/recover';

export function startupRecovery(options: {
  readonly db: Database;
  readonly terminalId: string;
  readonly recordingDir: string;
  readonly keyPath: string;
  readonly now: () => Date;
  readonly ffmpeg: FfmpegPaths | undefined;
  readonly locate: LocateOptions | undefined;
  readonly emit: Emit;
  readonly logger: Logger;
}): () => Promise<RecoveredRecording[]> {
  const { db, terminalId, recordingDir, keyPath, now, emit } = options;
  let recovery: Promise<RecoveredRecording[]> | null = null;
  return () => {
    const ffmpeg = {
      ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}),
      ...(options.locate ? { locate: options.locate } : {}),
    };
    recovery ??= recoverOpenRecordings(db, recordingDir, { keyPath, terminalId, now, ...ffmpeg }).then(
      (recovered) => {
        for (const r of recovered)
          emit('recording.state', {
            recordingId: r.recordingId,
            visitId: r.manifest.visitId,
            state: 'interrupted',
            segments: r.manifest.segments.length,
          });
        return recovered;
      },
      (error: unknown) => {
        // A failed recovery must not block new recordings, but it must not pass silently either.
        options.logger.error('恢复中断的录像失败', { error });
        appendAudit(
          db,
          terminalId,
          { kind: 'recording.recovery.failed', payload: { error: recorderMessage(error).slice(0, 500) } },
          now(),
        );
        return [];
      },
    );
    return recovery;
  };
}
