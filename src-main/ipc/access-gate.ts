// The one place main decides whether a call may run: each contract method declares its
// requirement (src-shared/ipc/access.ts) and the dispatcher asks this gate before the
// service runs. The facts come from the running terminal (terminal.ts wires them).
import { ACCESS_REFUSALS, type Access } from '../../src-shared/ipc/access';
import type { IpcError } from '../../src-shared/ipc/result';
import { adminsPresent, type AdminSession } from '../visit-day/admin-session';

export interface AccessFacts {
  /** The administrators' session now (the inactivity lock brought up to date first). */
  session(): AdminSession;
  /** The visit whose call runs at this terminal (joined or restored, not ended), or null. */
  liveCallVisit(): string | null;
  /** Whether this recording is still open at this terminal. */
  recordingOpen(recordingId: string): boolean;
  /** Whether the terminal holds its enrolment credential. */
  enrolled(): boolean;
  /** Whether a clerk is logged in to the central store at this desk. */
  deskClerk(): boolean;
}

export interface AccessGate {
  /** null when the call may run; otherwise the NOT_AUTHORISED error to answer. */
  check(access: Access, args: unknown): IpcError | null;
}

const targetOf = (args: unknown): { visitId?: unknown; recordingId?: unknown } =>
  typeof args === 'object' && args !== null ? (args as { visitId?: unknown; recordingId?: unknown }) : {};

/** A visit two administrators started keeps its media and recording through a lock or a restart. */
function liveVisitAllows(facts: AccessFacts, args: unknown): boolean {
  if (adminsPresent(facts.session(), 'two-admins')) return true;
  const { visitId, recordingId } = targetOf(args);
  if (typeof recordingId === 'string') return facts.recordingOpen(recordingId);
  const live = facts.liveCallVisit();
  if (live === null) return false;
  return typeof visitId === 'string' ? visitId === live : true;
}

function allows(access: Access, facts: AccessFacts, args: unknown): boolean {
  switch (access) {
    case 'none':
      return true;
    case 'one-admin':
    case 'two-admins':
      return adminsPresent(facts.session(), access);
    case 'live-visit':
      return liveVisitAllows(facts, args);
    case 'enrolment':
      return !facts.enrolled() || adminsPresent(facts.session(), 'two-admins');
    case 'desk-clerk':
      return facts.deskClerk();
  }
}

export function createAccessGate(facts: AccessFacts): AccessGate {
  return {
    check: (access, args) => (allows(access, facts, args) ? null : { code: 'NOT_AUTHORISED', message: ACCESS_REFUSALS[access] }),
  };
}
