// Offline login of the visitation administrators (R25.1): two DIFFERENT active staff
// accounts of this site, checked against the argon2id hashes of the last snapshot. Lock-out
// after repeated failures (kept in the store, so a restart does not reset it), lock after
// inactivity and on demand. Who is logged in lives in the in-memory AdminSessionState.
import argon2 from 'argon2';
import type { Database } from 'better-sqlite3';
import { chinaClock } from '../../src-shared/calendar/china-time';
import type { AdminSession, AdminSessionState, LoggedInAdmin } from './admin-session';
import { recordStep } from './record-step';
import { refusal, type Refusal } from './refusal';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** R25.1 asks for at least two; more may join (e.g. a supervisor), each once. */
export const MAX_ADMINS = 4;

export type LoginOutcome =
  { accepted: true; session: AdminSession } | { accepted: false; refusal: Refusal; session: AdminSession };

interface StaffRow {
  staff_id: string;
  name: string;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
}

export interface AdminAuthOptions {
  readonly db: Database;
  readonly terminalId: string;
  readonly siteId: string;
  readonly session: AdminSessionState;
  readonly inactivityLockMinutes: number;
}

export type LockReason = 'on-demand' | 'inactivity';

export class AdminAuth {
  private lastActivity: number | null = null;

  constructor(private readonly o: AdminAuthOptions) {}

  async login(username: string, password: string, now: Date): Promise<LoginOutcome> {
    const { db, siteId, session } = this.o;
    const current = session.snapshot();
    const row = db
      .prepare<[string, string], StaffRow>(
        'SELECT staff_id, name, password_hash, failed_logins, locked_until FROM staff_credentials WHERE username = ? AND site_id = ? AND active = 1',
      )
      .get(username.trim(), siteId);
    const refuse = (r: Refusal, actor = 'system'): LoginOutcome => {
      this.record(
        'auth.loginRefused',
        actor,
        { username: username.trim().slice(0, 64), code: r.code, requirement: r.requirement },
        now,
      );
      return { accepted: false, refusal: r, session: current };
    };
    // The same words for an unknown user and a wrong password: the screen must not reveal which accounts exist.
    const badCredentials = refusal(null, 'bad-credentials', '用户名或密码不正确');
    const lockedOut = (until: string) =>
      refusal(
        null,
        'locked-out',
        `该账户因连续 ${MAX_FAILED_LOGINS} 次登录失败已被锁定，请于 ${clock(until)} 后重试或联系上级管理员`,
      );
    if (!row) {
      await verifyDummy(password); // the same argon2 cost as a known account: timing must not reveal which exist
      return refuse(badCredentials);
    }
    if (row.locked_until !== null && row.locked_until > now.toISOString())
      return refuse(lockedOut(row.locked_until), row.staff_id);
    if (current.admins.some((a) => a.staffId === row.staff_id)) {
      return refuse(
        refusal('R25.1', 'already-logged-in', `${row.name} 已登录：须由两名不同的管理员分别登录（R25.1）`),
        row.staff_id,
      );
    }
    if (current.admins.length >= MAX_ADMINS)
      return refuse(refusal(null, 'too-many', `本终端最多同时登录 ${MAX_ADMINS} 名管理员`), row.staff_id);

    if (!(await verify(row.password_hash, password))) {
      // argon2 ran asynchronously since the row was read: the count is changed in one statement
      // from the row as it is now, so parallel wrong passwords each count.
      const counted = db
        .prepare<{ id: string; max: number; until: string; now: string }, { locked_until: string | null; locked_now: number }>(
          `UPDATE staff_credentials
              SET failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END,
                  locked_until = CASE WHEN failed_logins + 1 >= @max THEN @until ELSE locked_until END
            WHERE staff_id = @id AND (locked_until IS NULL OR locked_until <= @now)
        RETURNING locked_until, locked_until = @until AS locked_now`,
        )
        .get({
          id: row.staff_id,
          max: MAX_FAILED_LOGINS,
          until: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString(),
          now: now.toISOString(),
        });
      if (counted === undefined) return refuse(lockedOut(this.lockedUntil(row.staff_id) ?? now.toISOString()), row.staff_id); // locked by a parallel attempt
      if (counted.locked_now === 1 && counted.locked_until !== null) {
        this.record('auth.lockedOut', row.staff_id, { staffId: row.staff_id, until: counted.locked_until }, now);
        return {
          accepted: false,
          refusal: refusal(null, 'locked-out', `连续 ${MAX_FAILED_LOGINS} 次登录失败，该账户已锁定 ${LOCKOUT_MINUTES} 分钟`),
          session: current,
        };
      }
      return refuse(badCredentials, row.staff_id);
    }
    // The right password logs in only if no parallel wrong one locked the account meanwhile.
    const admitted = db
      .prepare(
        'UPDATE staff_credentials SET failed_logins = 0, locked_until = NULL WHERE staff_id = ? AND active = 1 AND (locked_until IS NULL OR locked_until <= ?)',
      )
      .run(row.staff_id, now.toISOString());
    if (admitted.changes !== 1) return refuse(lockedOut(this.lockedUntil(row.staff_id) ?? now.toISOString()), row.staff_id);
    // Re-read: another login may have finished while argon2 was working.
    const latest = session.snapshot();
    if (latest.admins.some((a) => a.staffId === row.staff_id)) {
      return refuse(
        refusal('R25.1', 'already-logged-in', `${row.name} 已登录：须由两名不同的管理员分别登录（R25.1）`),
        row.staff_id,
      );
    }
    const admin: LoggedInAdmin = { staffId: row.staff_id, name: row.name, loggedInAt: now.toISOString() };
    this.record('auth.login', row.staff_id, { staffId: row.staff_id, name: row.name, loggedIn: latest.admins.length + 1 }, now);
    this.lastActivity = now.getTime();
    return { accepted: true, session: session.setAdmins([...latest.admins, admin]) };
  }

  logout(staffId: string, now: Date): AdminSession {
    const current = this.o.session.snapshot();
    const admin = current.admins.find((a) => a.staffId === staffId);
    if (!admin) return current;
    this.record('auth.logout', staffId, { staffId, name: admin.name }, now);
    return this.o.session.setAdmins(current.admins.filter((a) => a.staffId !== staffId));
  }

  /** Locking logs every administrator out: unlocking is two fresh logins (R25.1). */
  lock(reason: LockReason, now: Date): AdminSession {
    const current = this.o.session.snapshot();
    if (current.admins.length === 0) return current;
    this.record(
      'auth.locked',
      reason === 'inactivity' ? 'system' : (current.admins[0]?.staffId ?? 'system'),
      {
        reason,
        admins: current.admins.map((a) => a.name),
      },
      now,
    );
    this.lastActivity = null;
    return this.o.session.setAdmins([]);
  }

  touch(now: Date): void {
    if (this.o.session.snapshot().admins.length > 0) this.lastActivity = now.getTime();
  }

  /** Called by the day's clock: locks once inactivityLockMinutes have passed without activity. */
  lockIfIdle(now: Date): boolean {
    if (this.lastActivity === null || this.o.session.snapshot().admins.length === 0) return false;
    if (now.getTime() - this.lastActivity < this.o.inactivityLockMinutes * 60_000) return false;
    this.lock('inactivity', now);
    return true;
  }

  /**
   * R25.1: the acting pair for a visit-day step, or a refusal. The first administrator to
   * log in operates; the second is named as supervising, so every step names both.
   */
  actingAdmins(): { operator: LoggedInAdmin; supervisors: LoggedInAdmin[] } | Refusal {
    const { admins, locked } = this.o.session.snapshot();
    const [operator, ...supervisors] = admins;
    if (locked || !operator) return refusal('R25.1', 'needs-two-admins', '须有两名管理员登录后才能办理（R25.1 双管理员监管）');
    return { operator, supervisors };
  }

  private lockedUntil(staffId: string): string | null {
    const r = this.o.db
      .prepare<[string], { locked_until: string | null }>('SELECT locked_until FROM staff_credentials WHERE staff_id = ?')
      .get(staffId);
    return r?.locked_until ?? null;
  }

  private record(kind: string, actor: string, payload: Record<string, string | number | null | string[]>, now: Date): void {
    recordStep(this.o.db, this.o.terminalId, { kind, actor, payload }, now);
  }
}

async function verify(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a damaged hash is a failed login, never an open door
  }
}

let dummyHash: Promise<string> | undefined;
async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= argon2.hash('dummy-password-for-timing');
  await verify(await dummyHash, password);
}

const clock = (iso: string): string => chinaClock(new Date(iso));
