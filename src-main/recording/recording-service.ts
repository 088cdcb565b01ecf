// recording.*: the recordings held on this terminal (R13.1), newest first, and the live
// recording of a visit: start, ordered chunks, incidents, stop, verify, playback.
import type { KioskServices } from '../../src-shared/ipc/types';
import type { RecordingManager } from './manager';

export const createRecordingService = (m: RecordingManager): KioskServices['recording'] => ({
  list: () => m.list(),
  start: ({ visitId }) => m.start(visitId),
  chunk: ({ recordingId, seq, bytes }) => m.chunk(recordingId, seq, bytes),
  incident: ({ recordingId, note }) => m.incident(recordingId, note),
  stop: ({ recordingId }) => m.stop(recordingId),
  verify: ({ recordingId }) => m.verify(recordingId),
  playbackUrl: ({ recordingId }) => m.playbackUrl(recordingId),
});
