// Disk space for recordings, as pure arithmetic plus one statfs call.
//
// A recording needs, at its peak (during stop), three copies of the stream on disk: the
// spool (deleted after sealing), the sealed segments and the archive. So while recording,
// with `written` seconds already on disk (spool + segments) and `remaining` to come, the
// rest needs 2×remaining (spool + segments) plus the archive of the whole (elapsed +
// remaining): bytesPerSecond × (3×remaining + elapsed).
import { statfs } from 'node:fs/promises';

/** Copies of the stream on disk at the peak: spool, segments, archive. */
export const COPIES_AT_PEAK = 3;
/** Head-room for manifests, the database's WAL and the file system's own needs. */
export const SAFETY_MARGIN_BYTES = 256 * 1024 * 1024;
/** Warn while there is still 50 % more than the rest needs: time to act, not to panic. */
export const WARN_FACTOR = 1.5;

/** For the equipment check: room for the longest allowed visit at the stream's bitrate. */
export function bytesForVisit(options: { minutes: number; bitsPerSecond: number }): number {
  if (!(options.minutes >= 0) || !(options.bitsPerSecond >= 0)) throw new RangeError('时长和码率不能为负数');
  const streamBytes = (options.minutes * 60 * options.bitsPerSecond) / 8;
  return Math.ceil(streamBytes * COPIES_AT_PEAK) + SAFETY_MARGIN_BYTES;
}

export type DiskLevel = 'ok' | 'low' | 'critical';

export interface DiskAssessment {
  readonly level: DiskLevel;
  /** Bytes the rest of the recording (and its sealing) still needs. */
  readonly neededBytes: number;
  readonly freeBytes: number;
  /** zh-CN, for the administrators' screen; null when ok. */
  readonly message: string | null;
}

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Mid-visit: `low` while the rest still fits (warn early), `critical` when it does not. */
export function assessDisk(options: {
  freeBytes: number;
  bytesPerSecond: number;
  elapsedSeconds: number;
  remainingSeconds: number;
  marginBytes?: number;
}): DiskAssessment {
  const remaining = Math.max(0, options.remainingSeconds);
  const neededBytes =
    Math.ceil(options.bytesPerSecond * (COPIES_AT_PEAK * remaining + Math.max(0, options.elapsedSeconds))) +
    (options.marginBytes ?? SAFETY_MARGIN_BYTES);
  const { freeBytes } = options;
  if (freeBytes < neededBytes)
    return {
      level: 'critical',
      neededBytes,
      freeBytes,
      message: `磁盘空间不足：剩余 ${mb(freeBytes)}，完成本次会见录像还需约 ${mb(neededBytes)}。录像仍在进行，请立即清理磁盘或联系技术人员，否则录像可能中断。`,
    };
  if (freeBytes < neededBytes * WARN_FACTOR)
    return {
      level: 'low',
      neededBytes,
      freeBytes,
      message: `磁盘空间偏紧：剩余 ${mb(freeBytes)}，完成本次会见录像约需 ${mb(neededBytes)}。本次会见尚可录完，请会后及时清理。`,
    };
  return { level: 'ok', neededBytes, freeBytes, message: null };
}

export async function freeBytesAt(path: string): Promise<number> {
  const stats = await statfs(path);
  return stats.bavail * stats.bsize;
}
