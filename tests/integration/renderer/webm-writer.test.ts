// The renderer's live WebM writer: what it writes must be what main's
// spool index and ffmpeg read: every Cluster starts with a video keyframe (a -c copy
// segment and a resumed ffmpeg can start there), blocks keep their timestamps, audio
// goes with the video of its span, and nothing is held back at the end.
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { WebmIndex } from '../../../src-main/recording/segments/webm-index';
import { LiveWebmWriter, type WebmFrame } from '../../../src-renderer/recording/webm-writer';

const frame = (ms: number, key: boolean, size = 50): WebmFrame => ({
  timestampUs: ms * 1000,
  key,
  data: new Uint8Array(size).fill(ms % 251),
});
/** An Opus packet's TOC byte (CELT fullband 20 ms, stereo, one frame), so parsers take it as one packet. */
const opus = (ms: number): WebmFrame => {
  const f = frame(ms, true, 20);
  f.data[0] = 0xfc;
  return f;
};

/** Writes 3 s of 10 fps video (a keyframe each second) and 20 ms audio, audio a little late. */
function writeStream(): { bytes: Uint8Array; chunks: number } {
  const out: Uint8Array[] = [];
  const writer = new LiveWebmWriter(
    { video: { codecId: 'V_VP9', width: 1280, height: 720 }, audio: { sampleRate: 48_000, channels: 2 } },
    (b) => out.push(b),
  );
  let audioMs = 0;
  for (let ms = 0; ms < 3000; ms += 100) {
    writer.addVideo(frame(ms, ms % 1000 === 0, 200));
    for (; audioMs < ms - 40; audioMs += 20) writer.addAudio(opus(audioMs));
  }
  for (; audioMs < 3000; audioMs += 20) writer.addAudio(opus(audioMs));
  writer.finish();
  const bytes = new Uint8Array(out.reduce((n, b) => n + b.length, 0));
  out.reduce((at, b) => (bytes.set(b, at), at + b.length), 0);
  return { bytes, chunks: out.length };
}

describe('LiveWebmWriter (R13.1)', () => {
  test("one Cluster per keyframe, each starting with it, readable by main's spool index", () => {
    const { bytes, chunks } = writeStream();
    expect(chunks).toBe(3);
    const index = new WebmIndex({ size: () => bytes.length, read: (p, l) => bytes.subarray(p, p + l) });
    index.update();
    expect(index.broken).toBeNull();
    expect(index.headerEnd).toBeGreaterThan(0);
    expect(index.clusters.map((c) => c.timestampMs)).toEqual([0, 1000, 2000]);
    expect(index.clusters.every((c) => c.startsWithKeyframe === true)).toBe(true);
    expect(index.lastBlockMs).toBe(2980);
    expect(index.resumePoint(1500)?.timestampMs).toBe(2000);
  });

  test('R13.1 ffprobe reads both tracks with every packet at its time, in order', () => {
    const { bytes } = writeStream();
    const probe = (args: string[]) =>
      execFileSync('ffprobe', ['-v', 'error', ...args, '-of', 'csv=p=0', '-i', 'pipe:0'], {
        input: bytes,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'ignore'],
      })
        .trim()
        .split('\n');
    expect(probe(['-show_entries', 'stream=codec_name'])).toEqual(['vp9', 'opus']);
    // (Keyframe flags are checked through the index above: ffprobe's VP9 parser reads them
    // from the payload, which is fake here.)
    const video = probe(['-select_streams', 'v', '-show_entries', 'packet=pts_time']).map(Number);
    expect(video).toEqual(Array.from({ length: 30 }, (_, i) => Math.round(i * 100) / 1000));
    // Opus's codec delay (pre-skip 312 samples) shifts the first packet to -6.5 ms.
    const audio = probe(['-select_streams', 'a', '-show_entries', 'packet=pts_time']).map(Number);
    expect(audio).toHaveLength(150);
    expect(audio[0]).toBeCloseTo(-0.007, 3);
    expect(audio.every((t, i) => i === 0 || t > (audio[i - 1] ?? 0))).toBe(true);
  });

  test('a stream without audio does not wait for it; the first frame must be a keyframe', () => {
    const out: Uint8Array[] = [];
    const writer = new LiveWebmWriter({ video: { codecId: 'V_VP8', width: 640, height: 360 }, audio: null }, (b) => out.push(b));
    writer.addVideo(frame(0, false)); // dropped: nothing can be decoded before a keyframe
    writer.addVideo(frame(100, true));
    writer.addVideo(frame(200, false));
    expect(out).toHaveLength(0);
    writer.addVideo(frame(1100, true));
    expect(out).toHaveLength(1); // the first Cluster, complete once the next keyframe came
    writer.finish();
    expect(out).toHaveLength(2);
  });
});
