// The benches' socket bridge between a kiosk window and its terminal's process
// (harness/browser/page/socket-codec.ts): what Electron's structured clone carries must arrive
// the same — the recorder's chunks (R13.1) and a desk proof's file as bytes, not as JSON arrays.
import { describe, expect, test } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../harness/browser/page/socket-codec';

describe('socket bridge codec', () => {
  test('a message without bytes is plain JSON text', () => {
    const m = { id: 3, channel: 'kiosk:call.signal', args: { visitId: 'v', data: { type: 'offer', sdp: 'v=0' } } };
    const frame = encodeMessage(m);
    expect(typeof frame).toBe('string');
    expect(decodeMessage(frame)).toEqual(m);
  });

  test('bytes anywhere in the message cross as bytes, in place, each its own Uint8Array', () => {
    const chunk = new Uint8Array([0, 1, 2, 255, 254]);
    const buffer = Buffer.from('证明文件');
    const m = { id: 1, channel: 'kiosk:recording.chunk', args: { visitId: 'v', parts: [chunk, { file: buffer }], n: null } };
    const frame = encodeMessage(m);
    expect(frame).toBeInstanceOf(Uint8Array);
    const back = decodeMessage(frame) as { args: { parts: [Uint8Array, { file: Uint8Array }]; n: null } };
    expect(back.args.parts[0]).toBeInstanceOf(Uint8Array);
    expect([...back.args.parts[0]]).toEqual([...chunk]);
    expect(Buffer.from(back.args.parts[1].file).toString()).toBe('证明文件');
    expect(back.args.n).toBeNull();
    expect(back.args.parts[0].byteLength).toBe(5);
  });

  test('a frame cut short is an error, not a wrong message', () => {
    const frame = encodeMessage({ bytes: new Uint8Array(8) }) as Uint8Array;
    expect(() => decodeMessage(frame.subarray(0, 6))).toThrow();
    expect(() => decodeMessage(frame.subarray(0, frame.byteLength - 1))).toThrow(/cut short/);
  });
});
