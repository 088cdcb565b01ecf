import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { expectCreated } from '../../../harness/store/world';

describe.each(ENGINES)('staff login, lock-out and tokens [%s]', (engine) => {
  let store: TestStore;
  let admin: string;
  let provinceId: string;

  const createStaff = async (username: string, password = 'Correct-horse-1') => {
    await expectCreated(
      store.call('POST', '/api/staff', {
        token: admin,
        body: { organisationId: provinceId, username, displayName: username, password, roles: ['reviewer'] },
      }),
    );
    return password;
  };
  const staffRow = (username: string) =>
    store.app.ctx.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

  beforeAll(async () => {
    store = await startStore(engine);
    admin = await store.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    provinceId = (await store.call('GET', '/api/auth/me', { token: admin })).body.staff.organisationId;
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('the bootstrap administrator logs in and gets a token with an expiry', async () => {
    const res = await store.call('POST', '/api/auth/login', { body: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[\w-]{40,}$/);
    expect(res.body.expiresAt).toBe(new Date(store.clock.now().getTime() + 60 * 60_000).toISOString());
    expect(res.body.staff).toMatchObject({ username: 'admin', roles: ['administrator'], active: true });
    // Only a hash of the token is stored.
    const stored = await store.app.ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(res.body.token);
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await store.call('POST', '/api/auth/login', { body: { username: ADMIN_USERNAME, password: 'nope-nope-nope' } });
    const unknown = await store.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'nope-nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^用户名或密码错误/),
      issues: [],
    });
    await store.login(ADMIN_USERNAME, ADMIN_PASSWORD); // resets the failure count
  });

  it('a bad login payload is a 400 naming the field', async () => {
    const res = await store.call('POST', '/api/auth/login', { body: { username: '', password: 42 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.password', 'body.username']);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('malformed JSON is a typed 400', async () => {
    const res = await fetch(`${store.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });

  it('5 failures within 15 minutes lock the account for 15 minutes, even against the right password', async () => {
    const password = await createStaff('lockme');
    for (let i = 0; i < 4; i++) {
      expect(
        (await store.call('POST', '/api/auth/login', { body: { username: 'lockme', password: 'wrong-password' } })).status,
      ).toBe(401);
    }
    const fifth = await store.call('POST', '/api/auth/login', { body: { username: 'lockme', password: 'wrong-password' } });
    expect(fifth.status).toBe(401); // the same answer as a wrong password (login-races.test.ts)
    expect((await staffRow('lockme')).locked_until).not.toBeNull();
    expect((await store.call('POST', '/api/auth/login', { body: { username: 'lockme', password } })).status).toBe(401);
    store.clock.advanceMinutes(14);
    expect((await store.call('POST', '/api/auth/login', { body: { username: 'lockme', password } })).status).toBe(401);
    store.clock.advanceMinutes(2);
    expect((await store.call('POST', '/api/auth/login', { body: { username: 'lockme', password } })).status).toBe(200);
    expect(await staffRow('lockme')).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('failures spread over more than 15 minutes do not lock', async () => {
    const password = await createStaff('slowfail');
    for (let i = 0; i < 6; i++) {
      expect(
        (await store.call('POST', '/api/auth/login', { body: { username: 'slowfail', password: 'wrong-password' } })).status,
      ).toBe(401);
      store.clock.advanceMinutes(4);
    }
    expect((await store.call('POST', '/api/auth/login', { body: { username: 'slowfail', password } })).status).toBe(200);
  });

  it('an administrator unlocks a locked account', async () => {
    const password = await createStaff('unlockme');
    for (let i = 0; i < 5; i++)
      await store.call('POST', '/api/auth/login', { body: { username: 'unlockme', password: 'wrong-password' } });
    const row = await staffRow('unlockme');
    expect(row.locked_until).not.toBeNull();
    const listed = await store.call('GET', `/api/staff/${row.id}`, { token: admin });
    expect(listed.body.lockedUntil).toBe(row.locked_until);
    const unlocked = await store.call('POST', `/api/staff/${row.id}/unlock`, { token: admin });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    expect((await store.call('POST', '/api/auth/login', { body: { username: 'unlockme', password } })).status).toBe(200);
  });

  it('a token expires after TOKEN_TTL_MINUTES', async () => {
    const token = await store.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    expect((await store.call('GET', '/api/auth/me', { token })).status).toBe(200);
    store.clock.advanceMinutes(59);
    expect((await store.call('GET', '/api/auth/me', { token })).status).toBe(200);
    store.clock.advanceMinutes(1);
    const expired = await store.call('GET', '/api/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHENTICATED');
    admin = await store.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  it('no token, a garbage token and a logged-out token are 401', async () => {
    expect((await store.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await store.call('GET', '/api/auth/me', { token: 'garbage' })).status).toBe(401);
    const token = await store.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    expect((await store.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await store.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('changing the password needs the current one and ends the other sessions', async () => {
    const password = await createStaff('changer');
    const first = await store.login('changer', password);
    const second = await store.login('changer', password);
    const wrong = await store.call('POST', '/api/auth/password', {
      token: first,
      body: { currentPassword: 'not-it-at-all', newPassword: 'New-password-22' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0].path).toBe('body.currentPassword');
    const weak = await store.call('POST', '/api/auth/password', {
      token: first,
      body: { currentPassword: password, newPassword: '1234567890' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues[0].path).toBe('body.newPassword');
    expect((await store.login('changer', password)).length).toBeGreaterThan(0); // unchanged so far
    const ok = await store.call('POST', '/api/auth/password', {
      token: first,
      body: { currentPassword: password, newPassword: 'New-password-22' },
    });
    expect(ok.status).toBe(204);
    expect((await store.call('GET', '/api/auth/me', { token: first })).status).toBe(200);
    expect((await store.call('GET', '/api/auth/me', { token: second })).status).toBe(401);
    expect((await store.call('POST', '/api/auth/login', { body: { username: 'changer', password } })).status).toBe(401);
    await store.login('changer', 'New-password-22');
  });

  it('a deactivated account cannot log in and its tokens stop working', async () => {
    const password = await createStaff('leaver');
    const token = await store.login('leaver', password);
    const row = await staffRow('leaver');
    const res = await store.call('PATCH', `/api/staff/${row.id}`, { token: admin, body: { active: false } });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await store.call('GET', '/api/auth/me', { token })).status).toBe(401);
    const login = await store.call('POST', '/api/auth/login', { body: { username: 'leaver', password } });
    expect(login.status).toBe(401); // the same answer as a wrong password (login-races.test.ts)
  });
});
