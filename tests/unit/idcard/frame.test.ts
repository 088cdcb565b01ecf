import { describe, expect, it } from 'vitest';
import {
  buildCommand,
  buildFrame,
  buildNamedCommand,
  buildResponse,
  fromHex,
  splitResponse,
  toHex,
  xorChecksum,
} from '../../../src-main/idcard/frame';
import { joinReadTextData, splitReadTextData } from '../../../src-main/idcard/read-response';

// Golden frames as printed in reader vendors' protocol notes.
describe('GA 467 frame builder', () => {
  it('builds the find-card command byte for byte', () => {
    expect(toHex(buildNamedCommand('findCard'))).toBe('AA AA AA 96 69 00 03 20 01 22');
  });

  it('builds the select and read commands byte for byte', () => {
    expect(toHex(buildNamedCommand('selectCard'))).toBe('AA AA AA 96 69 00 03 20 02 21');
    expect(toHex(buildNamedCommand('readText'))).toBe('AA AA AA 96 69 00 03 30 01 32');
    expect(toHex(buildNamedCommand('readTextWithFingerprint'))).toBe('AA AA AA 96 69 00 03 30 10 23');
  });

  it('builds the reader answers "card found" and "selected"', () => {
    expect(toHex(buildResponse(0x9f, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(toHex(buildResponse(0x90, new Uint8Array(8)))).toBe('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
  });

  it('builds failure answers with SW3 only (read failure 0x41, authentication failure 0x32)', () => {
    expect(toHex(buildResponse(0x41))).toBe('AA AA AA 96 69 00 04 00 00 41 45');
    expect(toHex(buildResponse(0x32))).toBe('AA AA AA 96 69 00 04 00 00 32 36');
  });

  it('announces 0x0508 bytes for a text + photo answer (1295-byte frame)', () => {
    const frame = buildResponse(0x90, joinReadTextData(new Uint8Array(256), new Uint8Array(1024)));
    expect(frame.length).toBe(1295);
    expect(toHex(frame.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
  });

  it('computes the checksum over length and body only', () => {
    const frame = buildCommand(0x11, 0xff);
    expect(frame.at(-1)).toBe(xorChecksum(frame, 5, frame.length - 1));
    expect(buildFrame(new Uint8Array(0)).length).toBe(8);
  });

  it('splits a response body into SW1 SW2 SW3 and data', () => {
    expect(splitResponse(fromHex('00 00 9F 01 02'))).toEqual({ sw1: 0, sw2: 0, sw3: 0x9f, data: fromHex('01 02') });
    expect(splitResponse(fromHex('00 00'))).toBeNull();
  });

  it('refuses a read answer whose announced lengths exceed its data', () => {
    expect(splitReadTextData(fromHex('01 00 04 00 00'))).toBeNull();
    expect(splitReadTextData(fromHex('00 01'))).toBeNull();
    const parts = splitReadTextData(joinReadTextData(fromHex('41 00'), fromHex('57')));
    expect(parts && toHex(parts.text)).toBe('41 00');
    expect(parts && toHex(parts.photo)).toBe('57');
  });

  it('rejects text that is not hex', () => {
    expect(() => fromHex('0G')).toThrow();
  });
});
