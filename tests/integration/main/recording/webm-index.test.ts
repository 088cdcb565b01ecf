// The spool scanner that makes ffmpeg restarts and crash recovery possible: header end,
// Cluster starts (ID 0x1F43B675) with timestamps and keyframe flags, found by walking the
// EBML structure of a growing stream, including Chrome's unknown-size clusters.
import { describe, expect, test } from 'vitest';
import { WebmIndex, parseElementHeader, type ByteSource } from '../../../../src-main/recording/segments/webm-index';
import { readInput } from './helpers/media';

/** A byte source that has only received the first `available` bytes so far. */
function growing(bytes: Uint8Array): ByteSource & { available: number } {
  const source = {
    available: 0,
    size: () => source.available,
    read: (position: number, length: number) => bytes.subarray(position, Math.min(position + length, source.available)),
  };
  return source;
}

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
/** An element with an 8-byte size field (or unknown size). */
const el = (id: string, payload: Uint8Array, unknownSize = false) => {
  const size = new Uint8Array(8);
  size[0] = 0x01;
  if (unknownSize) size.fill(0xff, 1);
  else new DataView(size.buffer).setUint32(4, payload.length);
  return concat(hex(id), size, payload);
};
const simpleBlock = (track: number, key: boolean, data: Uint8Array) =>
  el('a3', concat(Uint8Array.of(0x80 | track, 0, 0, key ? 0x80 : 0), data));

/** Chrome-style: unknown-size Segment and Clusters, video on track 1, audio on track 2. */
function chromeLikeStream(): Uint8Array {
  const ebml = el('1a45dfa3', el('4282', new TextEncoder().encode('webm')));
  const info = el('1549a966', el('2ad7b1', hex('0f4240')));
  const tracks = el(
    '1654ae6b',
    concat(
      el('ae', concat(el('d7', hex('01')), el('83', hex('01')))),
      el('ae', concat(el('d7', hex('02')), el('83', hex('02')))),
    ),
  );
  // Payload bytes that look like a Cluster ID must not be mistaken for one.
  const decoy = hex('1f43b67501ffffffffffffffe78100');
  const cluster = (ms: number, key: boolean) =>
    el(
      '1f43b675',
      concat(
        el('e7', Uint8Array.of(ms >> 8, ms & 0xff)),
        simpleBlock(2, true, hex('aabb')),
        simpleBlock(1, key, decoy),
        simpleBlock(1, false, hex('00')),
      ),
      true,
    );
  return concat(
    ebml,
    el('18538067', concat(info, tracks), true).subarray(0, 12),
    info,
    tracks,
    cluster(0, true),
    cluster(1000, false),
    cluster(2000, true),
  );
}

describe('recorder: WebM spool index (crash safety)', () => {
  test('element headers: known, unknown and not-yet-written sizes', () => {
    expect(parseElementHeader(hex('1f43b67501ffffffffffffff'))).toEqual({ id: 0x1f43b675, size: null, length: 12 });
    expect(parseElementHeader(hex('e78100'))).toEqual({ id: 0xe7, size: 1, length: 2 });
    expect(parseElementHeader(hex('1f43b6'))).toBe('short');
    expect(parseElementHeader(hex('00'))).toBe('invalid');
  });

  test('unknown-size clusters, keyframe flags of the video track, decoy bytes, fed one byte at a time', () => {
    const bytes = chromeLikeStream();
    const source = growing(bytes);
    const index = new WebmIndex(source);
    for (source.available = 0; source.available <= bytes.length; source.available++) index.update();
    expect(index.broken).toBeNull();
    expect(index.clusters.map((c) => [c.timestampMs, c.startsWithKeyframe])).toEqual([
      [0, true],
      [1000, false],
      [2000, true],
    ]);
    expect(index.headerEnd).toBe(index.clusters[0]?.offset);
    // Resuming after 900 ms skips the cluster that starts on a delta frame.
    expect(index.resumePoint(900)?.timestampMs).toBe(2000);
    expect(index.resumePoint(2500)).toBeNull();
  });

  test('a real MediaRecorder-like stream: header, then a keyframe cluster every second', () => {
    const bytes = readInput();
    const source = growing(bytes);
    source.available = bytes.length;
    const index = new WebmIndex(source);
    index.update();
    expect(index.broken).toBeNull();
    expect(index.headerEnd).toBeGreaterThan(0);
    expect(bytes.subarray(index.headerEnd ?? 0, (index.headerEnd ?? 0) + 4)).toEqual(hex('1f43b675'));
    const keyClusters = index.clusters.filter((c) => c.startsWithKeyframe);
    expect(keyClusters.length).toBeGreaterThanOrEqual(20);
    const times = index.clusters.map((c) => c.timestampMs ?? -1);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const resume = index.resumePoint(16_013);
    expect(resume?.timestampMs).toBeGreaterThanOrEqual(15_913);
    expect(resume?.timestampMs).toBeLessThan(17_100);
  });
});
