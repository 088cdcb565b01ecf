// Issue 19 item 1, the console's pure parts: the sound meter's scale (R13.1) and which
// received stream is which room (the loopback feed names them by id), R24.1.
import { describe, expect, test } from 'vitest';
import { levelOf } from '../../../../src-renderer/console/audio-level';
import { sortStream } from '../../../../src-renderer/console/console-feed-receiver';

const tone = (amplitude: number, n = 2048) =>
  Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 48_000));
const stream = (id: string) => ({ id }) as unknown as MediaStream;

describe('the sound meter (R13.1)', () => {
  test('R13.1 silence reads 0, full scale near 1, −30 dBFS about half way, and louder reads higher', () => {
    expect(levelOf(new Float32Array(2048))).toBe(0);
    expect(levelOf(new Float32Array(0))).toBe(0);
    expect(levelOf(tone(1))).toBeGreaterThan(0.9);
    // A sine's RMS is amplitude/√2: −30 dBFS RMS is amplitude 0.0447.
    expect(levelOf(tone(0.0447))).toBeCloseTo(0.5, 1);
    expect(levelOf(tone(0.2))).toBeGreaterThan(levelOf(tone(0.05)));
    expect(levelOf(tone(0.0005))).toBe(0);
  });
});

describe('the loopback feed sorts its streams (R24.1)', () => {
  const ids = { own: 'cam', other: 'peer' };
  test('R24.1 by the ids the visit window named, whatever order they arrive in', () => {
    const a = sortStream({ own: null, other: null }, stream('peer'), ids);
    expect(a.other?.id).toBe('peer');
    expect(a.own).toBeNull();
    const b = sortStream(a, stream('cam'), ids);
    expect([b.own?.id, b.other?.id]).toEqual(['cam', 'peer']);
  });

  test('R24.1 no other side yet: the one stream is this room', () => {
    const only = sortStream({ own: null, other: null }, stream('x'), { own: 'x', other: null });
    expect(only.own?.id).toBe('x');
  });
});
