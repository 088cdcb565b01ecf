// Issue #19 item 3: the two sides' archives of one visit played in sync (the later-started
// side at its offset on the visit's timeline); a chapter's moment maps to each side's time.
import { describe, expect, it } from 'vitest';
import { followerCorrection, sideSeconds, visitLengthMs, visitMsOf } from '../../../../src-renderer/desk/recordings/sync-players';

const prison = { offsetMs: 0, durationMs: 8000 };
const remote = { offsetMs: 1000, durationMs: 8000 };

describe('two archives of a visit in sync', () => {
  it('a chapter at 3 s of the visit is 3 s into the prison archive and 2 s into the later one', () => {
    expect([sideSeconds(3000, prison), sideSeconds(3000, remote)]).toEqual([3, 2]);
    // Before the later side started, and past its end: clamped to the archive.
    expect(sideSeconds(500, remote)).toBe(0);
    expect(sideSeconds(20_000, remote)).toBe(8);
    expect(visitMsOf(2, remote)).toBe(3000);
    expect(visitLengthMs([prison, remote])).toBe(9000);
  });

  it('the follower is moved only when it drifts more than a quarter second', () => {
    expect(followerCorrection(3000, remote, 2.1)).toBeNull();
    expect(followerCorrection(3000, remote, 2.5)).toBe(2);
  });
});
