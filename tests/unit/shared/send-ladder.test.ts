// Issue #23 item 4 (the sending side's encoding ladder) and R18.1 (a key frame when the link
// comes back): the pure rules the renderer's link watch follows.
import { describe, expect, test } from 'vitest';
import { encodingFor, LadderState, ReturnWatch, rungOf } from '../../../src-shared/signaling/send-ladder';

describe('issue #23 item 4: the video encoding ladder', () => {
  test('the issue profiles land on their rungs; a busy machine\u2019s long round trip alone never makes a poor line bad', () => {
    expect(rungOf({ lossPct: 0, rttMs: 2 })).toBe('good'); // LAN
    expect(rungOf({ lossPct: 0.5, rttMs: 70 })).toBe('good'); // county WAN
    expect(rungOf({ lossPct: 3, rttMs: 210 })).toBe('poor');
    expect(rungOf({ lossPct: 0, rttMs: 470 })).toBe('poor');
    expect(rungOf({ lossPct: 3, rttMs: 960 })).toBe('poor');
    expect(rungOf({ lossPct: 8, rttMs: 420 })).toBe('bad');
    expect(rungOf({ lossPct: null, rttMs: null })).toBe('good');
  });

  test('worse after 3 readings in a row, better only after 6; a single odd reading changes nothing', () => {
    const l = new LadderState();
    const poor = { lossPct: 3, rttMs: 200 };
    const good = { lossPct: 0, rttMs: 60 };
    expect(l.read(poor)).toBeNull();
    expect(l.read(poor)).toBeNull();
    expect(l.read(good)).toBeNull();
    expect(l.read(poor)).toBeNull();
    expect(l.read(poor)).toBeNull();
    expect(l.read(poor)).toBe('poor');
    expect(l.rung).toBe('poor');
    for (let i = 0; i < 5; i += 1) expect(l.read(good)).toBeNull();
    l.read(poor); // the count starts again
    for (let i = 0; i < 5; i += 1) expect(l.read(good)).toBeNull();
    expect(l.read(good)).toBe('good');
  });

  test('a bad line that reads poor now and then still steps down, to the mildest rung of the streak; then on to bad', () => {
    const l = new LadderState();
    const poor = { lossPct: 3, rttMs: 200 };
    const bad = { lossPct: 9, rttMs: 420 };
    expect(l.read(bad)).toBeNull();
    expect(l.read(poor)).toBeNull();
    expect(l.read(bad)).toBe('poor');
    expect(l.read(bad)).toBeNull();
    expect(l.read(bad)).toBeNull();
    expect(l.read(bad)).toBe('bad');
    // Better readings, one poor among goods: up to poor, not good.
    for (let i = 0; i < 5; i += 1) l.read(i === 2 ? poor : { lossPct: 0, rttMs: 50 });
    expect(l.read({ lossPct: 0, rttMs: 50 })).toBe('poor');
  });

  test('a poor link holds 360 lines (maintain-resolution) at up to 15 fps and 500 kbit/s, from a 720p or a 360p camera; good lifts every cap', () => {
    expect(encodingFor('poor', 720)).toEqual({
      degradationPreference: 'maintain-resolution',
      scaleResolutionDownBy: 2,
      maxFramerate: 15,
      maxBitrate: 500_000,
    });
    expect(encodingFor('poor', 360).scaleResolutionDownBy).toBe(1);
    expect(encodingFor('poor', 0).scaleResolutionDownBy).toBe(1);
    expect(encodingFor('bad', 1080)).toMatchObject({
      degradationPreference: 'balanced',
      scaleResolutionDownBy: 3,
      maxFramerate: 10,
    });
    expect(encodingFor('good', 720)).toEqual({
      degradationPreference: 'balanced',
      scaleResolutionDownBy: 1,
      maxFramerate: null,
      maxBitrate: null,
    });
  });
});

describe('R18.1: the link is back', () => {
  test('packets that stood still for 1.5 s and flow again count once; steady flow, slow readings and short pauses do not', () => {
    const w = new ReturnWatch(1_500);
    let t = 0;
    const at = (packets: number, ms: number) => {
      t += ms;
      return w.read(packets, t);
    };
    expect(at(10, 0)).toBe(false);
    expect(at(30, 500)).toBe(false);
    expect(at(90, 2_000)).toBe(false); // a late reading, but the packets flowed
    expect(at(90, 500)).toBe(false);
    expect(at(95, 500)).toBe(false); // still for 1 s only
    for (let i = 0; i < 6; i += 1) expect(at(95, 500)).toBe(false); // the outage
    expect(at(100, 500)).toBe(true);
    expect(at(130, 500)).toBe(false);
    // A rebuilt connection's counters start again: no return.
    for (let i = 0; i < 4; i += 1) at(130, 500);
    expect(at(3, 500)).toBe(false);
  });
});
