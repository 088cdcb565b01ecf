// Property tests of the frame parser: random bytes, random
// splits, bad checksums, oversized lengths — no crash, no hang, bounded memory,
// and every valid frame recovered at the next preamble. Bounded run counts keep
// this well under a second.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_LENGTH, MAX_FRAME_LENGTH, MIN_FRAME_LENGTH, PREAMBLE, buildFrame, toHex } from '../../../src-main/idcard/frame';
import { FrameParser } from '../../../src-main/idcard/frame-parser';
import type { ParserEvent } from '../../../src-main/idcard/frame-parser';

const RUNS = { numRuns: 200, seed: 4670 } as const;

/** Bytes that can never form a preamble (no 0xAA), so expectations are exact. */
const quietBytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((a) => a.map((b) => (b === 0xaa ? 0xab : b)));
const body = fc.uint8Array({ minLength: MIN_FRAME_LENGTH - 1, maxLength: 300 }).map((a) => a.map((b) => (b === 0xaa ? 0xab : b)));

/** Cut `bytes` at the given positions (any order, duplicates allowed). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    pieces.push(bytes.subarray(last, p));
    last = p;
  }
  return pieces;
}

function feed(pieces: Uint8Array[]): { events: ParserEvent[]; maxBuffered: number } {
  const parser = new FrameParser();
  const events: ParserEvent[] = [];
  let maxBuffered = 0;
  for (const piece of pieces) {
    events.push(...parser.push(piece));
    maxBuffered = Math.max(maxBuffered, parser.buffered);
  }
  return { events, maxBuffered };
}

const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const framesOf = (events: ParserEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [toHex(e.body)] : []));
const withoutJunk = (events: ParserEvent[]) =>
  events.filter((e) => e.type !== 'junk').map((e) => (e.type === 'frame' ? toHex(e.body) : JSON.stringify(e)));

/** A stream piece: a valid frame, a frame with a bad checksum, a header with an impossible length, or noise. */
type Piece =
  | { kind: 'valid'; body: Uint8Array }
  | { kind: 'bad-checksum'; body: Uint8Array }
  | { kind: 'bad-length'; length: number }
  | { kind: 'noise'; bytes: Uint8Array };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  body.map((b) => ({ kind: 'valid' as const, body: b })),
  body.map((b) => ({ kind: 'bad-checksum' as const, body: b })),
  fc
    .oneof(fc.integer({ min: MAX_FRAME_LENGTH + 1, max: 0xffff }), fc.integer({ min: 0, max: MIN_FRAME_LENGTH - 1 }))
    .map((length) => ({ kind: 'bad-length' as const, length })),
  quietBytes(40).map((bytes) => ({ kind: 'noise' as const, bytes })),
);

function render(p: Piece): Uint8Array {
  switch (p.kind) {
    case 'valid':
      return buildFrame(p.body);
    case 'bad-checksum': {
      const frame = buildFrame(p.body);
      frame[frame.length - 1] = (frame.at(-1) ?? 0) ^ 0x5a;
      return frame;
    }
    case 'bad-length':
      return Uint8Array.of(...PREAMBLE, p.length >> 8, p.length & 0xff);
    case 'noise':
      return p.bytes;
  }
}

describe('GA 467 frame parser under fuzzing', () => {
  it('never throws or hangs on random bytes in random pieces, and never holds more than one frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.array(fc.nat(), { maxLength: 20 }), (bytes, cuts) => {
        const { events, maxBuffered } = feed(split(bytes, cuts));
        expect(maxBuffered).toBeLessThan(HEADER_LENGTH + MAX_FRAME_LENGTH);
        for (const e of events) if (e.type === 'frame') expect(e.body.length).toBeGreaterThanOrEqual(MIN_FRAME_LENGTH - 1);
      }),
      RUNS,
    );
  });

  it('never throws on random bytes seeded with preambles (the worst case for resynchronisation)', () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.constant(PREAMBLE),
      fc.constant(Uint8Array.of(...PREAMBLE, 0x00, 0x03)),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 20 }), (chunks, cuts) => {
        const { maxBuffered } = feed(split(concat(chunks), cuts));
        expect(maxBuffered).toBeLessThan(HEADER_LENGTH + MAX_FRAME_LENGTH);
      }),
      RUNS,
    );
  });

  it('recovers exactly the valid frames, in order, from a stream of valid, corrupt and oversized frames and noise', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), (pieces, cuts) => {
        const stream = concat(pieces.map(render));
        const { events } = feed(split(stream, cuts));
        const expected = pieces.flatMap((p) => (p.kind === 'valid' ? [toHex(p.body)] : []));
        expect(framesOf(events)).toEqual(expected);
        const badChecksums = pieces.filter((p) => p.kind === 'bad-checksum').length;
        expect(events.filter((e) => e.type === 'bad-checksum').length).toBeGreaterThanOrEqual(badChecksums);
      }),
      RUNS,
    );
  });

  it('gives the same frames and errors however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 30 }), (pieces, cuts) => {
        const stream = concat(pieces.map(render));
        expect(withoutJunk(feed(split(stream, cuts)).events)).toEqual(withoutJunk(feed([stream]).events));
      }),
      RUNS,
    );
  });
});
