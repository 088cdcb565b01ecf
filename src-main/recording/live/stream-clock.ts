// The archive's time 0 on the wall clock, for chapter offsets. Time 0 is the stream's first
// Cluster, not main's start (the renderer holds its first chunks until start() returns,
// seconds under load). Each chunk that arrives carries media up to index.lastBlockMs; it
// cannot have arrived before that media was captured, so arrival − (lastBlockMs −
// firstCluster) is an upper bound of time 0 on the wall clock, and the smallest over the
// chunks (the ones sent as soon as they were made) is within one frame plus the IPC
// latency of it. zeroEstimate decides; streamClock reads the index and keeps the result.
import type { WebmIndex } from '../segments/webm-index';

export interface ClockSample {
  readonly arrivedAtMs: number;
  /** The stream's first Cluster's timestamp, when one has been read. */
  readonly firstClusterMs: number | null | undefined;
  readonly lastBlockMs: number | null;
}

/** The better time 0 this chunk gives, or null when it gives none (no media yet, or not earlier). */
export function zeroEstimate(current: number | null, sample: ClockSample): number | null {
  const first = sample.firstClusterMs;
  if (sample.lastBlockMs === null || first === undefined || first === null) return null;
  const estimate = Math.round(sample.arrivedAtMs - (sample.lastBlockMs - first));
  return current !== null && estimate >= current ? null : estimate;
}

/** A chapter's offset on the archive's timeline; 0 while time 0 is unknown. */
export const offsetFrom = (zeroAtMs: number | null, atMs: number): number =>
  zeroAtMs === null ? 0 : Math.max(0, Math.round(atMs - zeroAtMs));

export interface StreamClock {
  /** A chunk arrived (and is in the spool): time 0 may move earlier. */
  observe(arrivedAtMs: number): void;
  offsetOf(atMs: number): number;
  /** Wall-clock time of time 0, once a chunk has placed it. */
  zeroAt(): Date | null;
}

/** `onMoved` runs each time time 0 is placed or moved earlier (chapters already written follow it). */
export function streamClock(index: WebmIndex, onMoved: (zeroAtMs: number) => void): StreamClock {
  let zeroAtMs: number | null = null;
  return {
    observe(arrivedAtMs) {
      index.update();
      const moved = zeroEstimate(zeroAtMs, {
        arrivedAtMs,
        firstClusterMs: index.clusters[0]?.timestampMs,
        lastBlockMs: index.lastBlockMs,
      });
      if (moved === null) return;
      zeroAtMs = moved;
      onMoved(zeroAtMs);
    },
    offsetOf: (atMs) => offsetFrom(zeroAtMs, atMs),
    zeroAt: () => (zeroAtMs === null ? null : new Date(zeroAtMs)),
  };
}
