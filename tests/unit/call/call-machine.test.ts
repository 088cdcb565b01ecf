// The call's state machine over an injected clock: countdown warnings at 5 and
// 1 minutes, the end at zero, the pause while reconnecting and the grace time (R18.1).
import { describe, expect, test } from 'vitest';
import { CallMachine, MINUTE_MS, type CallMachineOptions } from '../../../src-main/call/call-machine';

const T0 = Date.parse('2026-05-06T02:00:00Z');
const options = (o: Partial<CallMachineOptions> = {}): CallMachineOptions => ({
  visitId: 'V-1',
  side: 'inmate',
  allowedMs: 30 * MINUTE_MS,
  graceMs: 60_000,
  renegotiateMs: 4_000,
  iceServers: [],
  inmateName: '张建国',
  visitors: [],
  ...o,
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
    // The initiator first restarts ICE on the same connection, then builds a new one (renegotiateMs apart).
    expect(m.tick(T0 + 10 * MINUTE_MS + 1_000)).toEqual([]);
    expect(m.tick(T0 + 10 * MINUTE_MS + 4_000)).toEqual([{ kind: 'ice-restart', generation: 1, attempt: 1 }]);
    expect(m.snapshot(T0 + 10 * MINUTE_MS + 4_000, { suspensionProposable: false }).iceRestarts).toBe(1);
    expect(m.tick(T0 + 10 * MINUTE_MS + 5_000)).toEqual([]);
    expect(m.tick(T0 + 10 * MINUTE_MS + 8_000)).toEqual([{ kind: 'negotiate', generation: 2 }]);
    expect(m.snapshot(T0 + 10 * MINUTE_MS + 8_000, { suspensionProposable: false }).iceRestarts).toBe(0);
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
    expect(m.snapshot(T0 + 2 * MINUTE_MS, { suspensionProposable: false })).toMatchObject({
      phase: 'ended',
      outcome: 'interrupted',
      remainingMs: 29 * MINUTE_MS,
    });
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

  test('R18.1 an ICE restart that brings the same connection back resumes the countdown where it stopped', () => {
    const m = running();
    m.media(1, 'disconnected', T0 + MINUTE_MS);
    expect(m.tick(T0 + MINUTE_MS + 4_000)).toEqual([{ kind: 'ice-restart', generation: 1, attempt: 1 }]);
    expect(m.media(1, 'connected', T0 + MINUTE_MS + 6_000)).toEqual([{ kind: 'resumed', pausedMs: 6_000 }]);
    expect(m.remainingMs(T0 + MINUTE_MS + 6_000)).toBe(29 * MINUTE_MS);
    expect(m.notices.map((n) => n.kind)).toEqual(['connection-lost', 'resumed']);
  });

  test('R18.1 a failed connection (destroyed by the browser) is rebuilt at once, without an ICE restart', () => {
    const m = running();
    expect(kinds(m.media(1, 'failed', T0 + MINUTE_MS))).toEqual(['connection-lost', 'negotiate']);
    expect(m.generation).toBe(2);
    // A disconnect already being handled that turns into a failure rebuilds too.
    const d = running();
    d.media(1, 'disconnected', T0 + MINUTE_MS);
    expect(kinds(d.media(1, 'failed', T0 + MINUTE_MS + 1_000))).toEqual(['negotiate']);
  });

  test('R18.1 a window reloaded mid-visit (initiator) pauses the countdown and builds a newer generation; older ones are dead for it', () => {
    const m = running();
    const hs = m.localReattached(T0 + 2 * MINUTE_MS);
    expect(kinds(hs)).toEqual(['connection-lost', 'negotiate']);
    expect(m.snapshot(T0 + 2 * MINUTE_MS, { suspensionProposable: false })).toMatchObject({
      phase: 'reconnecting',
      generation: 2,
      minGeneration: 2,
      paused: true,
    });
    expect(m.media(2, 'connected', T0 + 2 * MINUTE_MS + 3_000)).toEqual([{ kind: 'resumed', pausedMs: 3_000 }]);
    expect(m.remainingMs(T0 + 2 * MINUTE_MS + 3_000)).toBe(28 * MINUTE_MS);
  });

  test("R18.1 the visitors' window reloaded: it waits; the prison side rebuilds on its reattach message", () => {
    const visitor = running({ side: 'visitor' });
    expect(kinds(visitor.localReattached(T0 + MINUTE_MS))).toEqual(['connection-lost']);
    expect(visitor.minGeneration).toBe(2);
    const prison = running();
    expect(kinds(prison.peerReattached(T0 + MINUTE_MS))).toEqual(['connection-lost', 'negotiate']);
    expect(prison.generation).toBe(2);
    expect(visitor.adoptGeneration(2)).toEqual([{ kind: 'negotiate', generation: 2 }]);
    expect(visitor.media(2, 'connected', T0 + MINUTE_MS + 2_000)).toEqual([{ kind: 'resumed', pausedMs: 2_000 }]);
    // Before the call started, a reload changes nothing.
    expect(new CallMachine(options()).localReattached(T0)).toEqual([]);
  });

  test("R18.1 the store's ICE configuration replaces the terminal's own", () => {
    const m = new CallMachine(options({ iceServers: [{ urls: 'stun:local.example' }] }));
    m.useIce({ iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' }], iceTransportPolicy: 'relay' });
    expect(m.snapshot(T0, { suspensionProposable: false })).toMatchObject({
      iceServers: [{ urls: 'turn:127.0.0.1:3478' }],
      iceTransportPolicy: 'relay',
    });
  });

  test('R24.1 a pause by an administrator stops the countdown until resumed; a second pause is refused', () => {
    const m = running();
    const hold = { by: '李静', site: '云南省第一监狱', origin: 'local' as const, at: new Date(T0 + MINUTE_MS).toISOString() };
    expect(m.holdBy(hold, T0 + MINUTE_MS)).toBe(true);
    expect(m.holdBy(hold, T0 + MINUTE_MS)).toBe(false);
    expect(m.snapshot(T0 + 11 * MINUTE_MS, { suspensionProposable: false })).toMatchObject({
      paused: true,
      remainingMs: 29 * MINUTE_MS,
      hold: { by: '李静' },
    });
    // No warning and no end while held, whatever the clock says.
    expect(m.tick(T0 + 40 * MINUTE_MS)).toEqual([]);
    expect(m.releaseBy('何强', 'remote', T0 + 40 * MINUTE_MS)).toBe(true);
    expect(m.releaseBy('何强', 'remote', T0 + 40 * MINUTE_MS)).toBe(false);
    expect(m.remainingMs(T0 + 41 * MINUTE_MS)).toBe(28 * MINUTE_MS);
    expect(m.notices.map((n) => [n.kind, n.by, n.origin])).toEqual([
      ['held', '李静', 'local'],
      ['released', '何强', 'remote'],
    ]);
  });

  test('R24.1 a side muted briefly is listed until its time is up', () => {
    const m = running();
    m.mute({ side: 'visitor', until: T0 + 30_000, by: '李静', origin: 'local' }, T0);
    expect(m.snapshot(T0 + 10_000, { suspensionProposable: false }).muted).toEqual([
      { side: 'visitor', until: new Date(T0 + 30_000).toISOString(), by: '李静', origin: 'local' },
    ]);
    m.tick(T0 + 30_000);
    expect(m.snapshot(T0 + 30_000, { suspensionProposable: false }).muted).toEqual([]);
    expect(m.notices.at(-1)).toMatchObject({ kind: 'muted', code: 'R24.1', by: '李静' });
  });

  test('R24.1 a first connection that fails, or never connects, is built again by the initiator', () => {
    const m = new CallMachine(options());
    m.presence(true);
    m.localMediaReady(T0);
    expect(m.peerSaysReady(T0)).toEqual([{ kind: 'negotiate', generation: 1 }]);
    expect(m.media(1, 'failed', T0 + 1_000)).toEqual([{ kind: 'negotiate', generation: 2 }]);
    expect(m.tick(T0 + 10_000)).toEqual([]);
    expect(m.tick(T0 + 1_000 + 16_000)).toEqual([{ kind: 'negotiate', generation: 3 }]);
    expect(m.phase).toBe('connecting');
    // The countdown has not started: nothing was lost.
    expect(m.remainingMs(T0 + 60_000)).toBe(30 * MINUTE_MS);
  });

  test('a termination ends the call; nothing happens after the end', () => {
    const m = running();
    m.end('terminated', { code: 'R17.1(8)', text: '谈论案情', by: '李静' }, 'local', T0 + MINUTE_MS);
    expect(m.snapshot(T0 + MINUTE_MS, { suspensionProposable: true })).toMatchObject({
      phase: 'ended',
      outcome: 'terminated',
      endReason: { code: 'R17.1(8)', by: '李静' },
      suspensionProposable: true,
    });
    expect(m.media(1, 'disconnected', T0 + 2 * MINUTE_MS)).toEqual([]);
    expect(m.tick(T0 + 40 * MINUTE_MS)).toEqual([]);
  });
});
