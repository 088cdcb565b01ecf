// recording.*: the recordings held on this terminal (R13.1), newest first, and the live
// recording of a visit: start, ordered chunks, incidents, stop, verify, playback.
import type { KioskServices } from '../../src-shared/ipc/types';
import { createRecordingManager, ffmpegLocateOptions, type RecordingManager } from '../recording';
import type { ServiceContext } from './context';

const managerOf = (ctx: ServiceContext): RecordingManager =>
  ctx.recordings ??
  createRecordingManager({ db: ctx.db, terminalId: ctx.config.terminalId, dataDir: ctx.config.dataDir, recordingDir: ctx.config.recordingDir, now: ctx.now, locate: ffmpegLocateOptions(ctx.config) });

export const createRecordingService = (ctx: ServiceContext): KioskServices['recording'] => {
  const m = managerOf(ctx);
  return {
    list: () => m.list(),
    start: ({ visitId }) => m.start(visitId),
    chunk: ({ recordingId, seq, bytes }) => m.chunk(recordingId, seq, bytes),
    incident: ({ recordingId, note }) => m.incident(recordingId, note),
    stop: ({ recordingId }) => m.stop(recordingId),
    verify: ({ recordingId }) => m.verify(recordingId),
    playbackUrl: ({ recordingId }) => m.playbackUrl(recordingId),
  };
};
