// Where a new ffmpeg picks the stream up after the previous one died (or after a
// terminal crash): right after the last sealed segment, at the first keyframe Cluster,
// with the header re-sent in front. Nothing sealed yet: replay the spool from byte 0.
import type { Spool } from './spool';
import type { WebmIndex } from './webm-index';

export interface ResumePoint {
  readonly header: Uint8Array | null;
  readonly offset: number;
  /** Recording-timeline ms of the new run's time 0; null: learn it from the first Cluster. */
  readonly baseMs: number | null;
}

/** null: the spool holds nothing after `lastSealedEndMs` (yet). */
export function findResumePoint(spool: Spool, index: WebmIndex, lastSealedEndMs: number | null): ResumePoint | null {
  if (lastSealedEndMs === null) return spool.size() > 0 ? { header: null, offset: 0, baseMs: null } : null;
  const cluster = index.resumePoint(lastSealedEndMs);
  if (!cluster || index.headerEnd === null || cluster.timestampMs === null) return null;
  return { header: spool.read(0, index.headerEnd), offset: cluster.offset, baseMs: cluster.timestampMs };
}

/** Output time 0 of a run that started from byte 0 is the first Cluster's timestamp. */
export function firstClusterMs(index: WebmIndex): number {
  index.update();
  return index.clusters[0]?.timestampMs ?? 0;
}
