// One ffmpeg process of a recording: it reads the stream from the spool (from a byte
// offset, after re-sending the header when it resumes mid-stream), copies it without
// re-encoding into sealed Matroska segments, and reports each segment once it is closed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type ProcessExit } from '../ffmpeg/child-process';
import { parseSegmentList, SEGMENT_PATTERN, segmentFileName, type ListedSegment } from './segment-list';
import type { Spool } from './spool';

export interface ClosedSegment extends ListedSegment {
  readonly index: number;
  readonly run: number;
}

export interface SegmentRunOptions {
  readonly ffmpeg: string;
  readonly dir: string;
  /** 1 for the first ffmpeg of a recording, +1 for each restart. */
  readonly run: number;
  /** Index of this run's first segment: the series continues across restarts. */
  readonly startNumber: number;
  readonly segmentSeconds: number;
  readonly spool: Spool;
  /** The stream header to send first when resuming mid-stream (null: start at offset 0). */
  readonly header: Uint8Array | null;
  readonly fromOffset: number;
  /** Called once per closed segment, one at a time, in order. */
  readonly onSegment: (segment: ClosedSegment) => Promise<void>;
  readonly pollMs?: number;
}

export interface RunOutcome {
  readonly exit: ProcessExit;
  /** The whole spool was sent and stdin closed: a normal end, not a crash. */
  readonly inputComplete: boolean;
  /** A segment ffmpeg had open when it died: incomplete, never sealed. */
  readonly openFile: string | null;
  readonly stderrTail: string;
  readonly segments: number;
}

export interface SegmentRun {
  readonly pid: number | undefined;
  readonly outcome: Promise<RunOutcome>;
  kill(signal?: NodeJS.Signals): void;
}

export const listFileName = (run: number): string => `list-${run}.csv`;

/** The ffmpeg arguments, exported so the command line is documented and tested in one place. */
export function segmentArgs(options: Pick<SegmentRunOptions, 'run' | 'startNumber' | 'segmentSeconds'>): string[] {
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'warning',
    '-f',
    'matroska',
    '-i',
    'pipe:0',
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'segment',
    '-segment_time',
    String(options.segmentSeconds),
    '-segment_format',
    'matroska',
    '-reset_timestamps',
    '1',
    '-segment_list',
    listFileName(options.run),
    '-segment_list_type',
    'csv',
    '-segment_start_number',
    String(options.startNumber),
    SEGMENT_PATTERN,
  ];
}

const READ_SIZE = 256 * 1024;

export function startSegmentRun(options: SegmentRunOptions): SegmentRun {
  const { spool, dir } = options;
  const proc = startProcess(options.ffmpeg, segmentArgs(options), { cwd: dir, stdin: true });
  let exited = false;
  let inputComplete = false;
  let listed: ListedSegment[] = [];
  let reported = 0;
  let chain = Promise.resolve();

  // Wakes the pump when the spool grows, ends, or ffmpeg exits.
  let wake: (() => void) | null = null;
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const unsubscribe = spool.onAppend(nudge);

  const pump = async (): Promise<void> => {
    try {
      if (options.header) await proc.write(options.header);
      let offset = options.fromOffset;
      for (;;) {
        if (exited) return;
        if (offset < spool.size()) {
          const bytes = await spool.readAsync(offset, READ_SIZE);
          if (bytes.length === 0) continue;
          await proc.write(bytes);
          offset += bytes.length;
        } else if (spool.ended) {
          inputComplete = true;
          proc.endInput();
          return;
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
    } catch {
      // ffmpeg died with data in flight: the exit handler decides what happens next.
    }
  };

  /** A listed segment is closed once the next one exists, or ffmpeg has exited. */
  const poll = () => {
    const listPath = join(dir, listFileName(options.run));
    if (existsSync(listPath)) listed = parseSegmentList(readFileSync(listPath, 'utf8'));
    while (reported < listed.length) {
      const entry = listed[reported];
      if (!entry) break;
      const index = options.startNumber + reported;
      if (!exited && !existsSync(join(dir, segmentFileName(index + 1)))) break;
      reported += 1;
      const segment: ClosedSegment = { ...entry, index, run: options.run };
      // onSegment reports its own failures; one failed seal must not stop the next.
      chain = chain.then(() => options.onSegment(segment)).catch(() => undefined);
    }
  };
  const timer = setInterval(poll, options.pollMs ?? 200);
  void pump();

  const outcome = proc.exited.then(async (exit): Promise<RunOutcome> => {
    exited = true;
    nudge();
    clearInterval(timer);
    unsubscribe();
    poll();
    await chain;
    const openIndex = options.startNumber + listed.length;
    const openFile = existsSync(join(dir, segmentFileName(openIndex))) ? segmentFileName(openIndex) : null;
    return { exit, inputComplete, openFile, stderrTail: proc.stderrTail(), segments: listed.length };
  });

  return { pid: proc.pid, outcome, kill: (signal) => proc.kill(signal) };
}
