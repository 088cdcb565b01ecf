// The recordings this terminal has open, by id: each with its visit, the order its chunks
// must keep, and what it has taken so far. One asked for that is not open is NOT_FOUND.
import { ServiceError } from '../../src-shared/ipc/result';
import { ChunkOrder } from './chunk-order';
import type { Recording } from './live/recording-types';

export interface ActiveRecording {
  readonly recording: Recording;
  readonly visitId: string;
  readonly order: ChunkOrder;
  spooledBytes: number;
  segments: number;
}

export class ActiveRecordings {
  private readonly byId = new Map<string, ActiveRecording>();

  add(recording: Recording, visitId: string): ActiveRecording {
    const entry: ActiveRecording = { recording, visitId, order: new ChunkOrder(), spooledBytes: 0, segments: 0 };
    this.byId.set(recording.recordingId, entry);
    return entry;
  }

  find(recordingId: string): ActiveRecording {
    const entry = this.byId.get(recordingId);
    if (!entry) throw new ServiceError('NOT_FOUND', `没有正在进行的录像 ${recordingId}。`);
    return entry;
  }

  has(recordingId: string): boolean {
    return this.byId.has(recordingId);
  }

  remove(recordingId: string): void {
    this.byId.delete(recordingId);
  }

  ofVisit(visitId: string): ActiveRecording[] {
    return [...this.byId.values()].filter((entry) => entry.visitId === visitId);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
