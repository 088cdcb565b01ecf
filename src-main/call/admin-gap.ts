// R25.1 after a restart mid-visit (R18.1): the call comes back from its checkpoint, but the
// administrators' session lived in memory (admin-session.ts), so nobody is logged in. The
// visit must not run unsupervised: it stands still — countdown stopped, the visitors told in
// plain words — until two administrators have logged in again at this terminal, and the
// gap goes on the record (start, end, duration, who came back). The other terminal hears it
// with the restarted one's reattach and stands still too, until 'admins-back'.
// Pure: the machine changes, the effects are returned for effect-runner.ts.
import type { AdminSession } from '../visit-day/admin-session';
import { adminsPresent } from '../visit-day/admin-session';
import { PUBLISH, type CallEffect } from './call-effects';
import type { CallMachine } from './call-machine';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A restored call whose terminal has not two administrators logged in: it stands still.
 * `downSince`: the last checkpoint before the restart (when supervision was lost).
 */
export function adminsAwayAtRestore(m: CallMachine, session: AdminSession, downSince: number, now: number): CallEffect[] {
  if (m.ended || adminsPresent(session, 'two-admins')) return [];
  if (!m.adminsAway('local', now)) return [];
  return [
    {
      do: 'audit',
      kind: 'call.adminsAway',
      actor: 'system',
      payload: {
        visitId: m.o.visitId,
        requirement: 'R25.1',
        since: iso(now),
        downSince: iso(downSince),
        loggedIn: session.admins.length,
      },
    },
    PUBLISH,
  ];
}

/** Checked at every tick: two administrators are back here, so the visit goes on, here and there. */
export function adminsBackIfPresent(m: CallMachine, session: AdminSession, now: number): CallEffect[] {
  if (m.adminGap?.origin !== 'local' || !adminsPresent(session, 'two-admins')) return [];
  const since = m.adminGap.since;
  const gapMs = m.adminsBack('local', now);
  if (gapMs === null) return [];
  const admins = session.admins.map((a) => ({ staffId: a.staffId, name: a.name }));
  return [
    {
      do: 'audit',
      kind: 'call.adminsBack',
      actor: session.admins[0]?.staffId ?? 'system',
      payload: {
        visitId: m.o.visitId,
        requirement: 'R25.1',
        from: iso(since),
        to: iso(now),
        durationMs: Math.round(gapMs),
        admins,
      },
    },
    { do: 'control', control: { type: 'admins-back', gapMs: Math.round(gapMs), at: iso(now) } },
    PUBLISH,
  ];
}

/** The other terminal restarted without its administrators (its reattach says so): stand still here too. */
export function remoteAdminsAway(m: CallMachine, now: number): CallEffect[] {
  if (!m.adminsAway('remote', now)) return [];
  return [
    {
      do: 'audit',
      kind: 'call.remoteAdminsAway',
      actor: 'system',
      payload: { visitId: m.o.visitId, requirement: 'R25.1', since: iso(now) },
    },
  ];
}

/** The other terminal's two administrators are back: the visit goes on here too. */
export function remoteAdminsBack(m: CallMachine, peerGapMs: number, at: string, now: number): CallEffect[] {
  const since = m.adminGap?.origin === 'remote' ? m.adminGap.since : null;
  const gapMs = m.adminsBack('remote', now);
  if (gapMs === null || since === null) return [];
  return [
    {
      do: 'audit',
      kind: 'call.remoteAdminsBack',
      actor: 'system',
      payload: {
        visitId: m.o.visitId,
        requirement: 'R25.1',
        from: iso(since),
        to: iso(now),
        durationMs: Math.round(gapMs),
        peerDurationMs: peerGapMs,
        peerAt: at,
      },
    },
  ];
}
