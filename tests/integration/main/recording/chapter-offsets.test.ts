// R13.1: an incident's chapter points at the moment it happened in the
// ARCHIVE, whose time 0 is the first MediaRecorder chunk's media, not main's start. The
// chunks here are a real WebM cut at its Clusters and delivered on a simulated wall clock
// as MediaRecorder would: each when its media has been captured, except that the first
// ones wait in the renderer until main's slow start returns (as under load).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CHAPTERS_FILE, startRecording, type SealResult } from '../../../../src-main/recording';
import { WebmIndex } from '../../../../src-main/recording/segments/webm-index';
import type { Store } from '../../../../src-main/store';
import { INPUT_SECONDS, readInput } from './helpers/media';
import { openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const roots: string[] = [];
const stores: Store[] = [];
afterAll(() => {
  for (const s of stores) s.close();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** The input cut at its Clusters: chunk k holds cluster k (chunk 0 also the header), with its media span. */
function clusterChunks(bytes: Uint8Array): Array<{ bytes: Uint8Array; startMs: number; endMs: number }> {
  const index = new WebmIndex({ size: () => bytes.length, read: (p, n) => bytes.subarray(p, p + n) });
  index.update();
  const clusters = index.clusters;
  expect(clusters.length).toBeGreaterThanOrEqual(10);
  return clusters.map((c, i) => {
    const next = clusters[i + 1];
    return {
      bytes: bytes.subarray(i === 0 ? 0 : c.offset, next ? next.offset : bytes.length),
      startMs: c.timestampMs ?? 0,
      endMs: next?.timestampMs ?? INPUT_SECONDS * 1000,
    };
  });
}

const probeChapters = (archive: string): Array<{ startS: number; title: string }> => {
  const out = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', archive], { encoding: 'utf8' }),
  ) as {
    chapters: Array<{ start_time: string; tags?: { title?: string } }>;
  };
  return out.chapters.map((c) => ({ startS: Number(c.start_time), title: c.tags?.title ?? '' }));
};

describe('recorder: chapter offsets on the archive timeline (R13.1)', () => {
  test('R13.1 a chapter marked while main started late, and one marked mid-visit, point at their moments in the archive', async () => {
    const root = mkdtempSync(join(tmpdir(), 'yn-chapters-'));
    roots.push(root);
    const store = openRecorderStore(root);
    stores.push(store);
    const chunks = clusterChunks(readInput());
    // T0: MediaRecorder starts (stream time = first cluster's timestamp). Main's start
    // returns 5.5 s later; the chunks made meanwhile arrive together at that moment.
    const T0 = Date.parse('2025-05-04T09:00:00.000Z');
    const first = chunks[0]?.startMs ?? 0;
    const MAIN_READY_MS = 5_500;
    const IPC_MS = 30;
    let clock = T0 + MAIN_READY_MS;
    const now = () => new Date(clock);
    const recording = await startRecording({
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      dir: join(root, 'recordings'),
      db: store.db,
      now,
      keyPath: join(root, 'key.pem'),
    });

    // Marked 1.2 s into the visit, while main was still starting: no chunk has arrived yet.
    clock = T0 + 1_200;
    const early = recording.markIncident('开始前的提醒', 'admin-01');
    expect(early.offsetMs).toBe(0); // not known yet; placed once the chunks tell where time 0 is

    const arrival = (c: { endMs: number }) => Math.max(T0 + MAIN_READY_MS, T0 + (c.endMs - first) + IPC_MS);
    const MID_MS = 12_000;
    let mid: { offsetMs: number } | null = null;
    for (const chunk of chunks) {
      const at = arrival(chunk);
      if (!mid && at > T0 + MID_MS) {
        clock = T0 + MID_MS;
        mid = recording.markIncident('警告：谈及案情（R17.1 第 8 项）', 'admin-02');
      }
      clock = at;
      recording.write(chunk.bytes);
    }
    if (!mid) throw new Error('the visit ended before the mid-visit incident');
    // Time 0 on the wall clock: within one frame (15 fps) plus the IPC latency of T0.
    const zero = recording.streamZeroAt()?.getTime() ?? Number.NaN;
    expect(Math.abs(zero - T0)).toBeLessThanOrEqual(IPC_MS + 80);
    // Main's start was 5.5 s late; the old offset (from main's start) would be 6 500 ms.
    expect(Math.abs(mid.offsetMs - MID_MS)).toBeLessThanOrEqual(150);

    clock = T0 + INPUT_SECONDS * 1000 + 500;
    const result: SealResult = await recording.stop();
    const offsets = result.manifest.incidents.map((i) => i.offsetMs);
    expect(Math.abs((offsets[0] ?? -1) - 1_200)).toBeLessThanOrEqual(150);
    expect(Math.abs((offsets[1] ?? -1) - MID_MS)).toBeLessThanOrEqual(150);

    // The archive's own chapters and the WebVTT side-car say the same.
    const archive = join(recording.dir, result.manifest.archive?.file ?? 'archive.webm');
    const chapters = probeChapters(archive);
    expect(chapters.map((c) => c.title)).toEqual(['开始前的提醒（admin-01）', '警告：谈及案情（R17.1 第 8 项）（admin-02）']);
    expect(Math.abs((chapters[0]?.startS ?? -1) - 1.2)).toBeLessThanOrEqual(0.15);
    expect(Math.abs((chapters[1]?.startS ?? -1) - MID_MS / 1000)).toBeLessThanOrEqual(0.15);
    const vtt = readFileSync(join(recording.dir, CHAPTERS_FILE), 'utf8');
    expect(vtt).toMatch(/00:00:01\.[0-3]\d\d --> /);
    expect(vtt).toMatch(/00:00:1[12]\.\d\d\d --> /);
  }, 60_000);

  test('the index reports how far the stream reaches (last block timestamp)', () => {
    const bytes = readInput();
    const index = new WebmIndex({ size: () => bytes.length, read: (p, n) => bytes.subarray(p, p + n) });
    index.update();
    expect(index.lastBlockMs).not.toBeNull();
    expect(index.lastBlockMs ?? 0).toBeGreaterThan(INPUT_SECONDS * 1000 - 200);
    expect(index.lastBlockMs ?? 0).toBeLessThanOrEqual(INPUT_SECONDS * 1000 + 100);
    const half = new WebmIndex({
      size: () => Math.floor(bytes.length / 2),
      read: (p, n) => bytes.subarray(p, Math.min(p + n, Math.floor(bytes.length / 2))),
    });
    half.update();
    expect(half.lastBlockMs ?? 0).toBeGreaterThan(INPUT_SECONDS * 300);
    expect(half.lastBlockMs ?? 0).toBeLessThan(INPUT_SECONDS * 700);
  });
});
