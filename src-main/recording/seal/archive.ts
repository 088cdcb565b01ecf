// Joins a recording's sealed segments into one archive with ffmpeg's concat demuxer,
// again without re-encoding, into WebM (the terminal's Chromium plays it) with the Cues
// (the seek index) moved to the front and the incidents as Matroska chapters; then asks
// ffprobe for the duration, so a file a player cannot read is caught here, not in an audit.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeExit, runProcess } from '../ffmpeg/child-process';
import { RecorderError } from '../errors';
import { fsyncFile } from '../manifest/hash-file';
import { PRIVATE_FILE_MODE, tightenFile } from '../../store/private-files';

export const ARCHIVE_FILE = 'archive.webm';

export interface ArchivePart {
  readonly file: string;
  /**
   * Where the next segment starts, counted from this one's start (ms), or null. Without it
   * the concat demuxer places the next segment after this one's probed duration, which
   * counts the audio that spills past the cut: 3.3 s too long over a 35-minute visit.
   */
  readonly durationMs: number | null;
}

/**
 * The concat entries of sealed segments (in series order). A segment's span is up to the
 * next one's start when the same ffmpeg wrote both, not ffmpeg's listed end: for a stream
 * without frame durations (Chromium's) the list ends a segment at its last frame's start,
 * a frame short (30 ms per segment, 11.8 s over 30 minutes). Across an ffmpeg restart the
 * segment in between was lost, and the listed end is all that is known. The last segment
 * has nothing after it to place.
 */
export function archiveParts(
  segments: ReadonlyArray<{ file: string; seq: number; run: number; start_ms: number; end_ms: number }>,
): ArchivePart[] {
  return segments.map((s, i) => {
    const next = segments[i + 1];
    if (!next) return { file: s.file, durationMs: null };
    const contiguous = next.run === s.run && next.seq === s.seq + 1;
    return { file: s.file, durationMs: (contiguous ? next.start_ms : s.end_ms) - s.start_ms };
  });
}

// `inpoint 0`: place each segment by its own timestamps (0 = where the segment muxer cut it),
// not from its earliest packet. Without it the concat demuxer subtracts the file's start time,
// which differs per segment (Opus's pre-skip puts the first one's audio at -7 ms; audio that
// arrived ahead of its video is in the segment before the cut), so picture frames at a join
// landed a few ms apart and the decode reported "non monotonically increasing dts" (issue 22.6).
const concatEntry = (part: ArchivePart): string =>
  `file '${part.file.replace(/'/g, "'\\''")}'\ninpoint 0` +
  (part.durationMs !== null && part.durationMs > 0 ? `\nduration ${(part.durationMs / 1000).toFixed(3)}` : '');

export function archiveArgs(hasChapters: boolean, output: string): string[] {
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'error',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    'concat.txt',
    ...(hasChapters ? ['-f', 'ffmetadata', '-i', 'chapters.ffmeta', '-map_chapters', '1'] : []),
    '-map',
    '0',
    '-c',
    'copy',
    '-cues_to_front',
    '1',
    '-f',
    'webm',
    '-y',
    output,
  ];
}

export async function probeDurationMs(ffprobe: string, path: string): Promise<number> {
  const result = await runProcess(
    ffprobe,
    ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=noprint_wrappers=1:nokey=1', path],
    {
      timeoutMs: 60_000,
    },
  );
  const seconds = Number(result.stdout.trim());
  if (result.exit.code !== 0 || !Number.isFinite(seconds)) {
    throw new RecorderError(`ffprobe 无法读取录像文件 ${path} 的时长`, result.stderrTail.trim() || describeExit(result.exit));
  }
  return Math.round(seconds * 1000);
}

export interface ArchiveResult {
  readonly file: string;
  readonly durationMs: number;
}

export async function buildArchive(options: {
  ffmpeg: string;
  ffprobe: string;
  dir: string;
  segments: readonly ArchivePart[];
  /** ffmetadata text with the chapters, or null. */
  chapters: string | null;
}): Promise<ArchiveResult> {
  const { dir } = options;
  if (options.segments.length === 0) throw new RecorderError('没有已封存的录像分段，无法生成归档文件');
  writeFileSync(join(dir, 'concat.txt'), `ffconcat version 1.0\n${options.segments.map(concatEntry).join('\n')}\n`, {
    mode: PRIVATE_FILE_MODE,
  });
  if (options.chapters) writeFileSync(join(dir, 'chapters.ffmeta'), options.chapters, { mode: PRIVATE_FILE_MODE });
  // Written under a temporary name and renamed: an archive.webm that exists is complete.
  const partial = `${ARCHIVE_FILE}.partial`;
  const result = await runProcess(options.ffmpeg, archiveArgs(options.chapters !== null, partial), {
    cwd: dir,
    timeoutMs: 30 * 60_000,
  });
  if (result.exit.code !== 0) {
    rmSync(join(dir, partial), { force: true });
    throw new RecorderError('合并录像分段失败', result.stderrTail.trim() || describeExit(result.exit));
  }
  fsyncFile(join(dir, partial));
  renameSync(join(dir, partial), join(dir, ARCHIVE_FILE));
  tightenFile(join(dir, ARCHIVE_FILE));
  rmSync(join(dir, 'concat.txt'), { force: true });
  rmSync(join(dir, 'chapters.ffmeta'), { force: true });
  const durationMs = await probeDurationMs(options.ffprobe, join(dir, ARCHIVE_FILE));
  return { file: ARCHIVE_FILE, durationMs };
}
