// Issue 22 item 6 (R13.1): the joined archive of a multi-segment recording decodes without a
// single message. The demo's archive reported "non monotonically increasing dts" at each join:
// the concat demuxer placed each segment from its earliest packet, which is not where the
// segment muxer cut it (Opus's pre-skip, sound running ahead of the picture), so frames at a
// join landed a few ms apart. Real recorder, real ffmpeg, a decodable stream as the renderer
// writes it, 2-second segments.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startRecording } from '../../../../src-main/recording';
import { decodableWriterStream, randomChunks } from './helpers/media';
import { openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const SECONDS = 12;
const root = mkdtempSync(join(tmpdir(), 'yn-archive-monotonic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function recordArchive(name: string, input: Uint8Array): Promise<{ archive: string; segments: number }> {
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
  const chunks = randomChunks(input, 5);
  chunks.forEach((chunk, i) => {
    clock = started + Math.round((i / chunks.length) * SECONDS * 1000);
    recording.write(chunk);
  });
  clock = started + SECONDS * 1000;
  const result = await recording.stop();
  store.close();
  return { archive: join(recording.dir, result.manifest.archive?.file ?? ''), segments: result.manifest.segments.length };
}

/** What `ffmpeg -v error -i archive.webm -f null -` prints: nothing for a clean archive. */
function decodeMessages(path: string): string {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-i', path, '-f', 'null', '-'], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stderr.trim();
}

describe('issue 22.6 the joined archive decodes cleanly', () => {
  test.each([
    ['sound 40 ms ahead of the picture', 40],
    ['sound 200 ms ahead (a loaded machine)', 200],
  ])(
    '%s, 30 fps, 2-second segments: no message from the decode',
    async (_label, aheadMs) => {
      const { archive, segments } = await recordArchive(`ahead-${aheadMs}`, decodableWriterStream(SECONDS, 30, aheadMs));
      expect(segments).toBeGreaterThanOrEqual(5);
      expect(decodeMessages(archive)).toBe('');
    },
    120_000,
  );
});
