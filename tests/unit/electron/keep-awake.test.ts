// The display stays on from the call's first state to its end, with one blocker however many
// states arrive, and is released at the end or on quit.
import { describe, expect, test } from 'vitest';
import { createKeepAwake } from '../../../src-main/electron/keep-awake';

function fakeBlocker() {
  const calls: string[] = [];
  let next = 1;
  return {
    calls,
    start: (type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
      calls.push(`start:${type}`);
      return next++;
    },
    stop: (id: number) => {
      calls.push(`stop:${id}`);
      return true;
    },
  };
}

describe('keep awake during a visit', () => {
  test('one blocker from waiting through reconnecting, released when the call ends', () => {
    const blocker = fakeBlocker();
    const awake = createKeepAwake(blocker, () => {});
    for (const phase of ['waiting', 'connecting', 'in-progress', 'in-progress', 'reconnecting', 'in-progress'])
      awake.onCallState({ phase });
    expect(blocker.calls).toEqual(['start:prevent-display-sleep']);
    expect(awake.active).toBe(true);
    awake.onCallState({ phase: 'ended' });
    awake.onCallState({ phase: 'ended' });
    expect(blocker.calls).toEqual(['start:prevent-display-sleep', 'stop:1']);
    expect(awake.active).toBe(false);
  });

  test('the next visit takes a new blocker; quit releases it once', () => {
    const blocker = fakeBlocker();
    const log: string[] = [];
    const awake = createKeepAwake(blocker, (m) => log.push(m));
    awake.onCallState({ phase: 'waiting' });
    awake.onCallState({ phase: 'ended' });
    awake.onCallState({ phase: 'connecting' });
    awake.release();
    awake.release();
    expect(blocker.calls).toEqual(['start:prevent-display-sleep', 'stop:1', 'start:prevent-display-sleep', 'stop:2']);
    expect(log.length).toBe(4);
  });

  test('an ended call never starts one', () => {
    const blocker = fakeBlocker();
    createKeepAwake(blocker, () => {}).onCallState({ phase: 'ended' });
    expect(blocker.calls).toEqual([]);
  });
});
