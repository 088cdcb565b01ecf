// recording.*: the recordings held on this terminal (R13.1), newest first.
import type { KioskServices } from '../../src-shared/ipc/types';
import type { ServiceContext } from './context';

type RecordingSummary = Awaited<ReturnType<KioskServices['recording']['list']>>[number];

interface RecordingRow {
  recording_id: string;
  visit_id: string;
  state: RecordingSummary['state'];
  started_at: string;
  bytes: number;
}

export const createRecordingService = (ctx: ServiceContext): KioskServices['recording'] => ({
  list: () =>
    ctx.db
      .prepare<[], RecordingRow>('SELECT recording_id, visit_id, state, started_at, bytes FROM recordings ORDER BY started_at DESC, recording_id')
      .all()
      .map((row) => ({ recordingId: row.recording_id, visitId: row.visit_id, state: row.state, startedAt: row.started_at, bytes: row.bytes })),
});
