// Real WebM input made by ffmpeg itself (VP8 + Opus, a keyframe every second, as
// MediaRecorder with videoKeyFrameIntervalDuration would send), generated once per
// machine into the temp folder and shared by the test files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveWebmWriter } from '../../../../../src-renderer/recording/webm-writer';

export const INPUT_SECONDS = 25;

export function generatedWebm(seconds = INPUT_SECONDS): string {
  const path = join(tmpdir(), `yn-recorder-input-v1-${seconds}s.webm`);
  if (existsSync(path)) return path;
  const partial = `${path}.${process.pid}.partial`;
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240:rate=15',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440',
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    '15',
    '-c:a',
    'libopus',
    '-t',
    String(seconds),
    '-f',
    'webm',
    '-y',
    partial,
  ]);
  renameSync(partial, path); // atomic: parallel test files never read a half-written file
  return path;
}

/** Splits bytes into chunks of random size (1 B to 64 KiB), like MediaRecorder's timeslices. */
export function randomChunks(bytes: Uint8Array, seed = 1): Uint8Array[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * 64 * 1024);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

export const readInput = (seconds = INPUT_SECONDS): Uint8Array => new Uint8Array(readFileSync(generatedWebm(seconds)));

export function probeDurationSeconds(path: string): number {
  return Number(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', path], {
      encoding: 'utf8',
    }).trim(),
  );
}

/** Decodes the whole file: throws when a player would fail. */
export function decodesCleanly(path: string): void {
  execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-xerror', '-i', path, '-f', 'null', '-'], { stdio: 'pipe' });
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function waitFor(condition: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A stream as the terminal's renderer sends it (LiveWebmWriter: SimpleBlocks without
 * durations, a Cluster per keyframe, VP9 + Opus), with placeholder frame bytes: for what
 * -c copy and the concat demuxer make of its timing, not for decoding. `fps` video with a
 * keyframe each second, 20 ms audio packets arriving a little after the video they go with.
 */
export function writerStream(seconds: number, fps = 30): Uint8Array {
  const out: Uint8Array[] = [];
  const writer = new LiveWebmWriter(
    { video: { codecId: 'V_VP9', width: 1280, height: 720 }, audio: { sampleRate: 48_000, channels: 2 } },
    (b) => out.push(b),
  );
  const opus = (ms: number) => ({
    timestampUs: ms * 1000,
    key: true,
    data: Uint8Array.of(0xfc, ...new Uint8Array(40).fill(ms % 251)),
  });
  let audioMs = 0;
  for (let n = 0; n < seconds * fps; n++) {
    const ms = Math.round((n * 1000) / fps);
    writer.addVideo({ timestampUs: ms * 1000, key: n % fps === 0, data: new Uint8Array(400).fill(n % 251) });
    for (; audioMs < ms - 40; audioMs += 20) writer.addAudio(opus(audioMs));
  }
  for (; audioMs < seconds * 1000; audioMs += 20) writer.addAudio(opus(audioMs));
  writer.finish();
  return Buffer.concat(out);
}

/** VP8 frames encoded by ffmpeg (a keyframe each second), read from IVF: decodable picture bytes. */
function vp8Frames(seconds: number, fps: number): Uint8Array[] {
  const path = join(tmpdir(), `yn-recorder-vp8-v1-${seconds}s-${fps}.ivf`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.partial`;
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=${fps}`],
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-g', String(fps)],
      ...['-t', String(seconds), '-f', 'ivf', '-y', partial],
    ]);
    renameSync(partial, path);
  }
  const ivf = readFileSync(path);
  const frames: Uint8Array[] = [];
  // IVF: a 32-byte file header, then per frame a 12-byte header (size, timestamp) and the frame.
  for (let at = 32; at + 12 <= ivf.length;) {
    const size = ivf.readUInt32LE(at);
    frames.push(ivf.subarray(at + 12, at + 12 + size));
    at += 12 + size;
  }
  return frames;
}

/**
 * The renderer's stream (LiveWebmWriter) with real VP8 frames and sound running ahead of
 * the picture by `audioAheadMs` (a loaded machine encodes video late): decodable, so a
 * decode's messages are about timing only. Opus placeholders decode as noise.
 */
export function decodableWriterStream(seconds: number, fps = 30, audioAheadMs = 40): Uint8Array {
  const out: Uint8Array[] = [];
  const writer = new LiveWebmWriter(
    { video: { codecId: 'V_VP8', width: 320, height: 240 }, audio: { sampleRate: 48_000, channels: 2 } },
    (b) => out.push(b),
  );
  const opus = (ms: number) => ({
    timestampUs: ms * 1000,
    key: true,
    data: Uint8Array.of(0xfc, ...new Uint8Array(40).fill(ms % 251)),
  });
  let audioMs = 0;
  vp8Frames(seconds, fps).forEach((data, n) => {
    const ms = Math.round((n * 1000) / fps);
    writer.addVideo({ timestampUs: ms * 1000, key: n % fps === 0, data });
    for (; audioMs <= ms + audioAheadMs; audioMs += 20) writer.addAudio(opus(audioMs));
  });
  for (; audioMs < seconds * 1000; audioMs += 20) writer.addAudio(opus(audioMs));
  writer.finish();
  return Buffer.concat(out);
}
