import { describe, expect, it } from 'vitest';
import { MAX_FRAME_LENGTH, buildResponse, fromHex, toHex } from '../../../src-main/idcard/frame';
import { FrameParser } from '../../../src-main/idcard/frame-parser';
import type { ParserEvent } from '../../../src-main/idcard/frame-parser';

const FOUND = fromHex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const SELECTED = fromHex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');

const frames = (events: ParserEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [toHex(e.body)] : []));
const kinds = (events: ParserEvent[]) => events.map((e) => e.type);

describe('GA 467 frame parser', () => {
  it('parses a golden frame delivered in one piece', () => {
    const events = new FrameParser().push(FOUND);
    expect(events).toEqual([{ type: 'frame', body: fromHex('00 00 9F 00 00 00 00') }]);
  });

  it('parses a frame split byte by byte, including inside the preamble and the length', () => {
    const parser = new FrameParser();
    const events = [...FOUND].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(frames(events)).toEqual(['00 00 9F 00 00 00 00']);
    expect(parser.buffered).toBe(0);
  });

  it('parses two frames merged into one read, and a third split across the boundary', () => {
    const parser = new FrameParser();
    const stream = new Uint8Array([...FOUND, ...SELECTED, ...FOUND]);
    const first = parser.push(stream.subarray(0, FOUND.length + SELECTED.length + 3));
    const second = parser.push(stream.subarray(FOUND.length + SELECTED.length + 3));
    expect(frames(first)).toEqual(['00 00 9F 00 00 00 00', '00 00 90 00 00 00 00 00 00 00 00']);
    expect(frames(second)).toEqual(['00 00 9F 00 00 00 00']);
  });

  it('skips junk before a frame and reports how much', () => {
    const events = new FrameParser().push(new Uint8Array([0x00, 0xff, 0x13, 0x37, ...FOUND]));
    expect(events[0]).toEqual({ type: 'junk', count: 4 });
    expect(frames(events)).toHaveLength(1);
  });

  it('resynchronises when junk ends in part of a preamble (AA AA before AA AA AA 96 69)', () => {
    const events = new FrameParser().push(new Uint8Array([0xaa, 0xaa, ...FOUND]));
    expect(frames(events)).toEqual(['00 00 9F 00 00 00 00']);
  });

  it('rejects a bad checksum and still finds the next frame', () => {
    const bad = FOUND.slice();
    bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 0x01;
    const events = new FrameParser().push(new Uint8Array([...bad, ...SELECTED]));
    expect(events[0]).toEqual({ type: 'bad-checksum', expected: 0x97, actual: 0x96 });
    expect(frames(events)).toEqual(['00 00 90 00 00 00 00 00 00 00 00']);
  });

  it('rejects an oversized length at once instead of waiting for 65535 bytes', () => {
    const parser = new FrameParser();
    const events = parser.push(new Uint8Array([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, ...FOUND]));
    expect(events[0]).toEqual({ type: 'bad-length', length: 0xffff });
    expect(frames(events)).toHaveLength(1);
    expect(parser.buffered).toBe(0);
  });

  it('rejects a length too small to hold a command or status', () => {
    const events = new FrameParser().push(fromHex('AA AA AA 96 69 00 01 00 AA AA AA 96 69 00 02 00 00'));
    expect(kinds(events).filter((k) => k === 'bad-length')).toHaveLength(2);
  });

  it('accepts the largest legal frame and waits for it', () => {
    const parser = new FrameParser();
    const big = buildResponse(0x90, new Uint8Array(MAX_FRAME_LENGTH - 4).fill(0x5a));
    expect(parser.push(big.subarray(0, 1000))).toEqual([]);
    expect(frames(parser.push(big.subarray(1000)))).toHaveLength(1);
  });

  it('finds a real frame that a false preamble with a plausible length had swallowed', () => {
    // A false header announcing 20 bytes eats the start of the real frame;
    // its checksum fails, the parser steps one byte and finds the real one.
    const events = new FrameParser().push(
      new Uint8Array([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x14, ...FOUND, ...new Uint8Array(20)]),
    );
    expect(kinds(events)).toContain('bad-checksum');
    expect(frames(events)).toEqual(['00 00 9F 00 00 00 00']);
  });

  it('keeps at most a preamble prefix while reading pure noise, and forgets everything on reset', () => {
    const parser = new FrameParser();
    parser.push(new Uint8Array(10_000).fill(0x55));
    expect(parser.buffered).toBe(0);
    parser.push(fromHex('AA AA AA 96'));
    expect(parser.buffered).toBe(4);
    parser.reset();
    expect(parser.buffered).toBe(0);
  });
});
