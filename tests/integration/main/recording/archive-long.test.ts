// R13.1: the archive of a long visit lasts the visit, not the visit plus or
// minus a few milliseconds per segment. A 35-minute bench run once gave 2,104.5 s for
// 2,101.2 s (the concat demuxer placed each segment after its probed duration, audio spill
// included); placing them by ffmpeg's listed ends then gave 1,789.5 s for 1,801.2 s (for the
// renderer's stream the list ends a segment at its last frame, a frame short of the next).
// Here 120 s in 2-second segments (60 joins), once as the renderer writes it and once as
// ffmpeg encodes it: the archive within 0.1 s, picture and sound ending together.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startRecording } from '../../../../src-main/recording';
import { archiveParts } from '../../../../src-main/recording/seal/archive';
import { decodesCleanly, probeDurationSeconds, randomChunks, readInput, writerStream } from './helpers/media';
import { openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const SECONDS = 120;
const root = mkdtempSync(join(tmpdir(), 'yn-archive-long-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The last packet's timestamp of one stream, in seconds. */
function lastPts(path: string, stream: 'v' | 'a'): number {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', stream, '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', path],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  return Math.max(
    ...out
      .split('\n')
      .map(Number)
      .filter((t) => Number.isFinite(t) && t > 0),
  );
}

/** Streams `input` (SECONDS long) through a recorder in 2-second segments; the archive's path. */
async function recordInSegments(name: string, input: Uint8Array): Promise<{ archive: string; segments: number }> {
  const store = openRecorderStore(join(root, name));
  const started = Date.parse('2025-05-04T09:00:00.000Z');
  let clock = started;
  const recording = await startRecording({
    visitId: VISIT_ID,
    terminalId: TERMINAL_ID,
    dir: join(root, name, 'recordings'),
    db: store.db,
    keyPath: join(root, name, 'k.pem'),
    now: () => new Date(clock),
    segmentSeconds: 2,
  });
  const chunks = randomChunks(input, 3);
  chunks.forEach((chunk, i) => {
    clock = started + Math.round((i / chunks.length) * SECONDS * 1000);
    recording.write(chunk);
  });
  clock = started + SECONDS * 1000;
  const result = await recording.stop();
  store.close();
  const archive = join(recording.dir, result.manifest.archive?.file ?? '');
  console.info(
    `[recorder] ${name}: ${result.manifest.segments.length} segments, archive ${probeDurationSeconds(archive).toFixed(3)} s for ${SECONDS} s`,
  );
  return { archive, segments: result.manifest.segments.length };
}

describe('R13.1 the archive of a long visit', () => {
  test('concat entries: a segment lasts until the next one of the same ffmpeg starts; across a restart (a lost segment) its listed end; the last is open', () => {
    const row = (seq: number, run: number, start: number, end: number) => ({
      file: `seg_${seq}.mkv`,
      seq,
      run,
      start_ms: start,
      end_ms: end,
    });
    expect(archiveParts([row(0, 1, 0, 6090), row(1, 1, 6122, 12228), row(3, 2, 18400, 24480), row(4, 2, 24512, 30000)])).toEqual([
      { file: 'seg_0.mkv', durationMs: 6122 },
      { file: 'seg_1.mkv', durationMs: 6106 },
      { file: 'seg_3.mkv', durationMs: 6112 },
      { file: 'seg_4.mkv', durationMs: null },
    ]);
  });

  test("R13.1 the renderer's stream (frames without durations), 120 s in 60 segments: the archive lasts 120 s within 0.1 s", async () => {
    const { archive, segments } = await recordInSegments('writer', writerStream(SECONDS));
    expect(segments).toBeGreaterThanOrEqual(55);
    expect(Math.abs(probeDurationSeconds(archive) - SECONDS)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(lastPts(archive, 'v') - lastPts(archive, 'a'))).toBeLessThanOrEqual(0.1);
  }, 120_000);

  test('R13.1 an ffmpeg-encoded stream, 120 s in 60 segments: within 0.1 s, picture and sound end together, it decodes', async () => {
    const { archive, segments } = await recordInSegments('ffmpeg', readInput(SECONDS));
    expect(segments).toBeGreaterThanOrEqual(55);
    expect(Math.abs(probeDurationSeconds(archive) - SECONDS)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(lastPts(archive, 'v') - lastPts(archive, 'a'))).toBeLessThanOrEqual(0.1);
    decodesCleanly(archive);
  }, 120_000);
});
