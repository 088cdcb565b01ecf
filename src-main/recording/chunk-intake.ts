// One chunk of the renderer's stream into its open recording: in order (chunk-order.ts),
// appended to the spool, then counted. A refused or failed chunk advances neither the
// expected sequence number nor the count.
import { ServiceError } from '../../src-shared/ipc/result';
import type { ActiveRecording } from './active-recordings';
import { RecorderError } from './errors';
import { recorderMessage } from './manager-results';

export function takeChunk(
  entry: ActiveRecording,
  seq: number,
  bytes: Uint8Array,
): { recordingId: string; seq: number; spooledBytes: number } {
  const { recordingId } = entry.recording;
  entry.order.check(recordingId, seq);
  try {
    entry.recording.write(bytes);
  } catch (error) {
    // The recorder already pushed a 'problem' event; the renderer learns it here too.
    throw new ServiceError(
      'INTERNAL',
      error instanceof RecorderError ? error.message : `录像数据写入失败：${recorderMessage(error)}`,
    );
  }
  entry.order.accepted();
  entry.spooledBytes += bytes.byteLength;
  return { recordingId, seq, spooledBytes: entry.spooledBytes };
}
