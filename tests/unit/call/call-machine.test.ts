// The call's state machine over an injected clock (issue 6): countdown warnings at 5 and
// 1 minutes, the end at zero, the pause while reconnecting and the grace time (R18.1).
import { describe, expect, test } from 'vitest';
import { CallMachine, MINUTE_MS, type CallMachineOptions } from '../../../src-main/call/call-machine';

const T0 = Date.parse('2026-05-06T02:00:00Z');
const options = (o: Partial<CallMachineOptions> = {}): CallMachineOptions => ({
  visitId: 'V-1', side: 'inmate', allowedMs: 30 * MINUTE_MS, graceMs: 60_000, renegotiateMs: 4_000,
  iceServers: [], inmateName: '张建国', visitors: [], ...o,
});

/** A machine in progress since T0. */
function running(o: Partial<CallMachineOptions> = {}): CallMachine {
  const m = new CallMachine(options(o));
  m.presence(true);
  expect(m.localMediaReady(T0)).toEqual([]);
  expect(m.peerSaysReady(T0)).toEqual([{ kind: 'negotiate', generation: 1 }]);
  expect(m.phase).toBe('connecting');
  expect(m.media(1, 'connected', T0).map((h) => h.kind)).toEqual(['started']);
  expect(m.phase).toBe('in-progress');
  return m;
}
const kinds = (hs: Array<{ kind: string }>) => hs.map((h) => h.kind);

describe('call machine', () => {
  test('R24.1 waits for the other side to be ready before connecting', () => {
    const m = new CallMachine(options());
    expect(m.phase).toBe('waiting');
    // The peer's "ready" before this window listens does not start the connection yet.
    expect(m.peerSaysReady(T0)).toEqual([]);
    expect(m.localMediaReady(T0)).toEqual([{ kind: 'negotiate', generation: 1 }]);
    const idle = new CallMachine(options());
    expect(idle.media(0, 'connected', T0)).toEqual([]);
    expect(idle.tick(T0 + MINUTE_MS)).toEqual([]);
    expect(idle.snapshot(T0, { suspensionProposable: false }).remainingMs).toBe(30 * MINUTE_MS);
  });

  test('R14.2 warnings at 5 and 1 minutes before the end, then the visit ends automatically at zero', () => {
    const m = running();
    expect(m.tick(T0 + 24 * MINUTE_MS)).toEqual([]);
    expect(m.tick(T0 + 25 * MINUTE_MS)).toEqual([{ kind: 'time-warning', minutes: 5, remainingMs: 5 * MINUTE_MS }]);
    expect(m.tick(T0 + 26 * MINUTE_MS)).toEqual([]); // once only
    expect(kinds(m.tick(T0 + 29 * MINUTE_MS))).toEqual(['time-warning']);
    expect(m.notices.map((n) => n.kind)).toEqual(['time-5', 'time-1']);
    const end = m.tick(T0 + 30 * MINUTE_MS);
    expect(end).toEqual([expect.objectContaining({ kind: 'ended', outcome: 'completed', code: 'R14.2', origin: 'local' })]);
    expect(m.phase).toBe('ended');
    expect(m.tick(T0 + 31 * MINUTE_MS)).toEqual([]);
  });

  test('R14.2 a jump past both thresholds shows only the 1-minute warning; a short visit skips the 5-minute one', () => {
    const m = running();
    expect(m.tick(T0 + 29.5 * MINUTE_MS)).toEqual([expect.objectContaining({ kind: 'time-warning', minutes: 1 })]);
    expect(m.tick(T0 + 29.6 * MINUTE_MS)).toEqual([]);
    const short = running({ allowedMs: 3 * MINUTE_MS });
    expect(short.tick(T0 + MINUTE_MS)).toEqual([]);
    expect(kinds(short.tick(T0 + 2 * MINUTE_MS))).toEqual(['time-warning']);
    expect(short.notices.map((n) => n.kind)).toEqual(['time-1']);
  });

  test('R14.3 an extension adds time and re-arms the warnings', () => {
    const m = running();
    m.tick(T0 + 25 * MINUTE_MS);
    m.extend(10 * MINUTE_MS, T0 + 25 * MINUTE_MS);
    expect(m.remainingMs(T0 + 25 * MINUTE_MS)).toBe(15 * MINUTE_MS);
    expect(kinds(m.tick(T0 + 35 * MINUTE_MS))).toEqual(['time-warning']);
    expect(kinds(m.tick(T0 + 40 * MINUTE_MS))).toEqual(['ended']);
  });

  test('R18.1 the countdown pauses while reconnecting and resumes where it stopped', () => {
    const m = running();
    expect(kinds(m.media(1, 'disconnected', T0 + 10 * MINUTE_MS))).toEqual(['connection-lost']);
    expect(m.phase).toBe('reconnecting');
    const paused = m.snapshot(T0 + 10 * MINUTE_MS + 30_000, { suspensionProposable: false });
    expect(paused).toMatchObject({ paused: true, remainingMs: 20 * MINUTE_MS, graceRemainingMs: 30_000 });
    // The initiator rebuilds the peer connection after renegotiateMs.
    expect(m.tick(T0 + 10 * MINUTE_MS + 1_000)).toEqual([]);
    expect(m.tick(T0 + 10 * MINUTE_MS + 4_000)).toEqual([{ kind: 'negotiate', generation: 2 }]);
    // The old generation's reports no longer count.
    expect(m.media(1, 'connected', T0 + 10 * MINUTE_MS + 5_000)).toEqual([]);
    expect(m.media(2, 'connected', T0 + 10 * MINUTE_MS + 40_000)).toEqual([{ kind: 'resumed', pausedMs: 40_000 }]);
    expect(m.remainingMs(T0 + 10 * MINUTE_MS + 40_000)).toBe(20 * MINUTE_MS);
  });

  test('R18.1 a connection not back within the grace time ends the visit as interrupted (not a used visit)', () => {
    const m = running({ graceMs: 60_000 });
    m.media(1, 'failed', T0 + MINUTE_MS);
    expect(m.tick(T0 + MINUTE_MS + 59_999).some((h) => h.kind === 'ended')).toBe(false);
    const end = m.tick(T0 + 2 * MINUTE_MS);
    expect(end).toEqual([expect.objectContaining({ kind: 'ended', outcome: 'interrupted', code: 'R18.1' })]);
    expect(m.snapshot(T0 + 2 * MINUTE_MS, { suspensionProposable: false })).toMatchObject({ phase: 'ended', outcome: 'interrupted', remainingMs: 29 * MINUTE_MS });
  });

  test('R18.1 the non-initiator adopts the new generation; a rejoined peer makes the initiator rebuild at once', () => {
    const visitor = running({ side: 'visitor' });
    visitor.media(1, 'disconnected', T0 + MINUTE_MS);
    expect(visitor.tick(T0 + MINUTE_MS + 10_000)).toEqual([]); // only the prison side rebuilds
    expect(visitor.adoptGeneration(2)).toEqual([{ kind: 'negotiate', generation: 2 }]);
    expect(visitor.adoptGeneration(2)).toEqual([]);
    const prison = running();
    prison.presence(false); // the visitors' terminal went away (crash, power)
    expect(prison.media(1, 'failed', T0 + MINUTE_MS).map((h) => h.kind)).toEqual(['connection-lost']);
    expect(prison.tick(T0 + MINUTE_MS + 10_000)).toEqual([]); // nobody to negotiate with
    expect(prison.peerSaysReady(T0 + MINUTE_MS + 20_000)).toEqual([{ kind: 'negotiate', generation: 2 }]);
  });

  test('a termination ends the call; nothing happens after the end', () => {
    const m = running();
    m.end('terminated', { code: 'R17.1(8)', text: '谈论案情', by: '李静' }, 'local', T0 + MINUTE_MS);
    expect(m.snapshot(T0 + MINUTE_MS, { suspensionProposable: true })).toMatchObject({
      phase: 'ended', outcome: 'terminated', endReason: { code: 'R17.1(8)', by: '李静' }, suspensionProposable: true,
    });
    expect(m.media(1, 'disconnected', T0 + 2 * MINUTE_MS)).toEqual([]);
    expect(m.tick(T0 + 40 * MINUTE_MS)).toEqual([]);
  });
});
