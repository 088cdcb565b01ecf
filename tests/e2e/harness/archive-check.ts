// Seen from the call e2e: a terminal's sealed recording of one visit — its
// archive's duration and streams, the mean colour of each half (the composer puts this
// terminal's camera left and the other party right), and its chapter titles from the
// archive (ffprobe -show_chapters) and the side-car WebVTT.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignedManifest } from '../../../src-main/recording';
import { meanColour, probe } from '../../../harness/fixtures/recording/media';

export type Rgb = [number, number, number];

/** Where a 16:9 camera lands in a 1280×720 composition (44 px bars, 640×632 boxes, letterboxed). */
const LEFT = { w: 400, h: 240, x: 120, y: 240 };
const RIGHT = { ...LEFT, x: 760 };
/** The same region in the 640×360 source picture. */
const SOURCE = { w: 400, h: 240, x: 120, y: 60 };

export interface ArchiveFigures {
  recordingId: string;
  /** The archive file's path. */
  archive: string;
  archiveS: number;
  streams: string[];
  left: Rgb[];
  right: Rgb[];
  chapters: string[];
  vtt: string;
}

export function archiveFigures(recordingDir: string, recordingId: string): ArchiveFigures {
  const dir = join(recordingDir, recordingId);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SignedManifest;
  const archive = join(dir, manifest.archive?.file ?? 'archive.webm');
  const { durationS, streams } = probe(archive);
  // Samples inside the visit, clear of its first and last second.
  const times = [0.3, 0.5, 0.7].map((f) => Math.max(0.5, durationS * f));
  const probed = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', archive], { encoding: 'utf8' }),
  ) as {
    chapters?: Array<{ tags?: { title?: string } }>;
  };
  const vttPath = join(dir, 'archive.chapters.vtt');
  return {
    recordingId,
    archive,
    archiveS: durationS,
    streams,
    left: times.map((s) => meanColour(archive, s, LEFT)),
    right: times.map((s) => meanColour(archive, s, RIGHT)),
    chapters: (probed.chapters ?? []).map((c) => c.tags?.title ?? ''),
    vtt: existsSync(vttPath) ? readFileSync(vttPath, 'utf8') : '',
  };
}

/** A fake camera's mean colour over its (looping) file, in the region the archive samples. */
export function sourceColour(y4m: string): Rgb {
  const samples = [0.2, 0.7, 1.2, 1.7].map((s) => meanColour(y4m, s, SOURCE));
  return [0, 1, 2].map((k) => Math.round(samples.reduce((sum, c) => sum + (c[k] ?? 0), 0) / samples.length)) as Rgb;
}

/** Largest per-channel difference between two colours. */
export const colourDistance = (a: Rgb, b: Rgb): number => Math.max(...a.map((v, k) => Math.abs(v - (b[k] ?? 0))));
