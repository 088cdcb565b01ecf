// R25.1: two different administrators of this site log in offline against the argon2id
// hashes of the last snapshot; lock-out after repeated failures; lock on demand and after
// inactivity; nothing of the visit day can be done with fewer than two.
import { describe, expect, test } from 'vitest';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../../../src-main/visit-day';
import { STAFF, VISITORS } from '../../../harness/fixtures/visit-day/day-snapshot';
import { count, useDayTerminals } from './helpers';

const open = useDayTerminals();

describe('R25.1 dual-administrator login', () => {
  test('R25.1 the terminal unlocks only when two different accounts are logged in, each by name', async () => {
    const { terminal, db } = await open();
    const auth = terminal.services.auth;
    const first = await auth.login({ username: STAFF.li.username, password: STAFF.li.password });
    expect(first).toMatchObject({ accepted: true, session: { locked: true, admins: [{ staffId: 'S-LI', name: '李静' }] } });
    const again = await auth.login({ username: STAFF.li.username, password: STAFF.li.password });
    expect(again).toMatchObject({
      accepted: false,
      refusal: { requirement: 'R25.1', code: 'already-logged-in' },
      session: { locked: true },
    });
    const second = await auth.login({ username: STAFF.he.username, password: STAFF.he.password });
    expect(second).toMatchObject({ accepted: true, session: { locked: false } });
    expect(count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'auth.login'")).toBe(2);
    expect(count(db, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'auth.login'")).toBe(2);
    expect(count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'auth.loginRefused' AND actor = 'S-LI'")).toBe(1);
  });

  test('R25.1 with one administrator no visit-day step is possible', async () => {
    const { terminal } = await open();
    await terminal.services.auth.login({ username: STAFF.li.username, password: STAFF.li.password });
    const r = await terminal.services.checkin.manual({
      visitId: 'V-1000',
      entry: {
        document: 'resident-id',
        name: VISITORS.zhangWei.name,
        idNumber: VISITORS.zhangWei.documentNumber,
        validTo: '2035-03-01',
      },
    });
    expect(r).toMatchObject({ accepted: false, refusal: { requirement: 'R25.1', code: 'needs-two-admins' } });
    const ready = await terminal.services.visit.readiness({ visitId: 'V-1000' });
    expect(ready.blockers.map((b) => b.requirement)).toContain('R25.1');
  });

  test('a wrong password and an unknown user get the same answer; the store keeps no password', async () => {
    const { terminal, db } = await open();
    const wrong = await terminal.services.auth.login({ username: STAFF.li.username, password: 'nope' });
    const unknown = await terminal.services.auth.login({ username: 'nobody', password: 'nope' });
    expect(wrong).toMatchObject({ accepted: false, refusal: { code: 'bad-credentials', message: '用户名或密码不正确' } });
    expect(unknown).toMatchObject({ accepted: false, refusal: { code: 'bad-credentials', message: '用户名或密码不正确' } });
    const audit = db.prepare('SELECT payload FROM audit_log').all() as Array<{ payload: string }>;
    expect(audit.some((a) => a.payload.includes('nope'))).toBe(false);
  });

  test(`lock-out after ${MAX_FAILED_LOGINS} failures: even the right password is refused for ${LOCKOUT_MINUTES} minutes`, async () => {
    const { terminal, clock } = await open();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await terminal.services.auth.login({ username: STAFF.he.username, password: `bad-${i}` });
    const locked = await terminal.services.auth.login({ username: STAFF.he.username, password: STAFF.he.password });
    expect(locked).toMatchObject({ accepted: false, refusal: { code: 'locked-out' } });
    clock.set('09:56');
    expect(await terminal.services.auth.login({ username: STAFF.he.username, password: STAFF.he.password })).toMatchObject({
      accepted: true,
    });
  });

  test('R25.1 the terminal locks on demand and after inactivityLockMinutes, and both must log in again', async () => {
    const { terminal, clock, db } = await open('09:31');
    const auth = terminal.services.auth;
    for (const s of [STAFF.li, STAFF.he]) await auth.login({ username: s.username, password: s.password });
    expect((await auth.lock(undefined)).locked).toBe(true);
    expect((await auth.session(undefined)).admins).toEqual([]);
    for (const s of [STAFF.li, STAFF.he]) await auth.login({ username: s.username, password: s.password });
    clock.set('09:40');
    await auth.activity(undefined);
    clock.set('09:49');
    expect((await auth.activity(undefined)).locked).toBe(false); // activity at 09:40, lock at 09:50
    clock.set('09:59');
    expect((await auth.activity(undefined)).locked).toBe(true);
    expect(
      db.prepare("SELECT json_extract(payload, '$.reason') AS r FROM audit_log WHERE kind = 'auth.locked' ORDER BY seq").all(),
    ).toEqual([{ r: 'on-demand' }, { r: 'inactivity' }]);
  });
});
