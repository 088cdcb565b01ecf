// R25.1 after a restart mid-visit (R18.1): the restored call stands still until two
// administrators have logged in again at the restarted terminal; the other terminal stands
// still too (the reattach says so) until 'admins-back'. The pure decisions over an injected clock.
import { describe, expect, test } from 'vitest';
import { adminsAwayAtRestore, adminsBackIfPresent } from '../../../src-main/call/admin-gap';
import type { CallEffect } from '../../../src-main/call/call-effects';
import { ADMINS_AWAY_TEXT, CallMachine, MINUTE_MS, type CallMachineOptions } from '../../../src-main/call/call-machine';
import { relayEffects } from '../../../src-main/call/peer-messages';
import type { AdminSession } from '../../../src-main/visit-day/admin-session';
import type { PeerControl } from '../../../src-shared/signaling/peer-envelope';

const T0 = Date.parse('2026-10-20T01:00:00Z');
const GRACE = 60_000;
const options = (o: Partial<CallMachineOptions> = {}): CallMachineOptions => ({
  visitId: 'V-1',
  side: 'visitor',
  allowedMs: 30 * MINUTE_MS,
  graceMs: GRACE,
  renegotiateMs: 4_000,
  iceServers: [],
  inmateName: '张建国',
  visitors: [{ name: '张伟', relationship: '儿子' }],
  ...o,
});

function running(o: Partial<CallMachineOptions> = {}): CallMachine {
  const m = new CallMachine(options(o));
  m.presence(true);
  m.localMediaReady(T0);
  m.peerSaysReady(T0);
  m.media(1, 'connected', T0);
  return m;
}

const admin = (n: number) => ({
  staffId: `S-${n}`,
  name: `管理员${n}`,
  username: `adm${n}`,
  loggedInAt: new Date(T0).toISOString(),
});
const session = (count: number): AdminSession =>
  ({ admins: [1, 2].slice(0, count).map(admin), locked: count < 2 }) as unknown as AdminSession;

/** The bureau terminal died 60 s into the visit and came back 10 s later; its window rejoins. */
function restoredAndRejoined(): CallMachine {
  const cp = running().checkpoint(T0 + 60_000);
  if (!cp) throw new Error('no checkpoint');
  const r = CallMachine.restore(
    JSON.parse(JSON.stringify(cp)),
    { graceMs: GRACE, renegotiateMs: 4_000 },
    T0 + 60_000,
    T0 + 70_000,
  );
  return r;
}

const controlOf = (effects: CallEffect[]) => effects.flatMap((e) => (e.do === 'control' ? [e.control] : [])) as PeerControl[];
const audits = (effects: CallEffect[]) => effects.flatMap((e) => (e.do === 'audit' ? [e] : []));

describe('R25.1 R18.1 a call restored with nobody logged in stands still until two administrators are back', () => {
  test('R25.1 R18.1 restored without administrators: paused in plain words, the countdown does not move even once the picture is back', () => {
    const r = restoredAndRejoined();
    const away = adminsAwayAtRestore(r, session(0), T0 + 60_000, T0 + 70_000);
    expect(audits(away)).toEqual([
      expect.objectContaining({
        kind: 'call.adminsAway',
        actor: 'system',
        payload: expect.objectContaining({
          requirement: 'R25.1',
          since: new Date(T0 + 70_000).toISOString(),
          downSince: new Date(T0 + 60_000).toISOString(),
          loggedIn: 0,
        }),
      }),
    ]);
    const s = r.snapshot(T0 + 70_000, { suspensionProposable: false });
    expect(s).toMatchObject({ paused: true, adminGap: { origin: 'local' }, remainingMs: 29 * MINUTE_MS });
    expect(s.notices.at(-1)).toMatchObject({ kind: 'held', code: 'R25.1', text: ADMINS_AWAY_TEXT });

    // The window comes back and the connection is rebuilt: in progress, yet the clock stands.
    r.localReady = true;
    r.localReattached(T0 + 71_000);
    r.adoptGeneration(2);
    expect(r.media(2, 'connected', T0 + 72_000).map((h) => h.kind)).toEqual(['resumed']);
    expect(r.phase).toBe('in-progress');
    r.tick(T0 + 5 * MINUTE_MS);
    expect(r.remainingMs(T0 + 5 * MINUTE_MS)).toBe(29 * MINUTE_MS);

    // One administrator is not enough (R25.1).
    expect(adminsBackIfPresent(r, session(1), T0 + 6 * MINUTE_MS)).toEqual([]);
    expect(r.adminGap).not.toBeNull();

    // The second logs in: the gap is recorded, the other terminal told, the countdown runs again.
    const back = adminsBackIfPresent(r, session(2), T0 + 7 * MINUTE_MS);
    expect(audits(back)).toEqual([
      {
        do: 'audit',
        kind: 'call.adminsBack',
        actor: 'S-1',
        payload: {
          visitId: 'V-1',
          requirement: 'R25.1',
          from: new Date(T0 + 70_000).toISOString(),
          to: new Date(T0 + 7 * MINUTE_MS).toISOString(),
          durationMs: 7 * MINUTE_MS - 70_000,
          admins: [
            { staffId: 'S-1', name: '管理员1' },
            { staffId: 'S-2', name: '管理员2' },
          ],
        },
      },
    ]);
    expect(controlOf(back)).toEqual([
      { type: 'admins-back', gapMs: 7 * MINUTE_MS - 70_000, at: new Date(T0 + 7 * MINUTE_MS).toISOString() },
    ]);
    expect(r.adminGap).toBeNull();
    expect(r.snapshot(T0 + 8 * MINUTE_MS, { suspensionProposable: false })).toMatchObject({
      paused: false,
      adminGap: null,
      remainingMs: 28 * MINUTE_MS,
    });
    // Once only.
    expect(adminsBackIfPresent(r, session(2), T0 + 9 * MINUTE_MS)).toEqual([]);
  });

  test('R25.1 two administrators already logged in when the call is restored: nothing stands still', () => {
    const r = restoredAndRejoined();
    expect(adminsAwayAtRestore(r, session(2), T0 + 60_000, T0 + 70_000)).toEqual([]);
    expect(r.adminGap).toBeNull();
  });

  test('R25.1 an administrator releasing a hold does not start the clock while the restarted terminal waits for its administrators', () => {
    const r = restoredAndRejoined();
    adminsAwayAtRestore(r, session(0), T0 + 60_000, T0 + 70_000);
    r.localReady = true;
    r.localReattached(T0 + 71_000);
    r.adoptGeneration(2);
    r.media(2, 'connected', T0 + 72_000);
    expect(r.holdBy({ by: '对方管理员', site: '监狱', origin: 'remote', at: '' }, T0 + 73_000)).toBe(true);
    expect(r.releaseBy('对方管理员', 'remote', T0 + 74_000)).toBe(true);
    expect(r.remainingMs(T0 + 3 * MINUTE_MS)).toBe(29 * MINUTE_MS);
  });

  test("R25.1 the other terminal: the restarted one's reattach stops its countdown too, 'admins-back' starts it again, both on its record", () => {
    const m = running({ side: 'inmate' });
    const envelope = (control: PeerControl) => ({
      type: 'signal' as const,
      from: 'visitor' as const,
      data: { kind: 'control', control },
    });
    // The bureau died at 60 s: the prison's connection dropped.
    m.media(1, 'disconnected', T0 + 60_000);
    const reattach = relayEffects(m, envelope({ type: 'reattach', elapsedMs: 60_000, adminsAway: true }), T0 + 70_000);
    expect(audits(reattach).map((a) => a.kind)).toEqual(['call.peerReattached', 'call.remoteAdminsAway']);
    expect(m.adminGap).toMatchObject({ origin: 'remote', since: T0 + 70_000 });
    // The rebuilt connection comes up: still standing.
    m.media(2, 'connected', T0 + 75_000);
    expect(m.phase).toBe('in-progress');
    expect(m.remainingMs(T0 + 4 * MINUTE_MS)).toBe(29 * MINUTE_MS);
    const s = m.snapshot(T0 + 4 * MINUTE_MS, { suspensionProposable: false });
    expect(s).toMatchObject({ paused: true, adminGap: { origin: 'remote' } });
    expect(s.notices.some((n) => n.code === 'R25.1' && n.text.includes('对方管理人员正在重新登录'))).toBe(true);

    const back = relayEffects(
      m,
      envelope({ type: 'admins-back', gapMs: 170_000, at: new Date(T0 + 4 * MINUTE_MS).toISOString() }),
      T0 + 4 * MINUTE_MS,
    );
    expect(audits(back)).toEqual([
      expect.objectContaining({
        kind: 'call.remoteAdminsBack',
        payload: expect.objectContaining({ requirement: 'R25.1', durationMs: 4 * MINUTE_MS - 70_000, peerDurationMs: 170_000 }),
      }),
    ]);
    expect(m.adminGap).toBeNull();
    expect(m.remainingMs(T0 + 5 * MINUTE_MS)).toBe(29 * MINUTE_MS - MINUTE_MS);
    // A reattach without the flag (administrators already back) stops nothing.
    m.media(2, 'disconnected', T0 + 6 * MINUTE_MS);
    relayEffects(m, envelope({ type: 'reattach', elapsedMs: 1 }), T0 + 6 * MINUTE_MS);
    expect(m.adminGap).toBeNull();
  });

  test("R25.1 the relay refuses an 'admins-back' that is not well formed", async () => {
    const { peerControlSchema } = await import('../../../src-shared/signaling/peer-envelope');
    expect(peerControlSchema.safeParse({ type: 'admins-back', gapMs: -1, at: 'x' }).success).toBe(false);
    expect(peerControlSchema.safeParse({ type: 'reattach', adminsAway: false }).success).toBe(false);
    expect(peerControlSchema.safeParse({ type: 'admins-back', gapMs: 5, at: 'x', by: 'y' }).success).toBe(false);
  });
});
