// Probe 15.2: parallel wrong passwords must each count (the lock-out cannot be
// outrun), and the login answer must not tell an unknown user, a wrong
// password, a locked and a disabled account apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { ADMIN_PASSWORD, ADMIN_USERNAME, startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { expectCreated } from '../../../harness/store/world';

const PASSWORD = 'Correct-horse-battery-9';

describe.each(ENGINES)('probe 15.2: login lock-out under parallel guesses [%s]', (engine) => {
  let store: TestStore;
  let admin: string;
  let provinceId: string;

  const createStaff = async (username: string) => {
    const created = await expectCreated<{ id: string }>(
      store.call('POST', '/api/staff', {
        token: admin,
        body: { organisationId: provinceId, username, displayName: username, password: PASSWORD, roles: ['reviewer'] },
      }),
    );
    return created.id;
  };
  const staffRow = (username: string) =>
    store.app.ctx.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  /** The raw answer: status and the exact bytes of the body. */
  const rawLogin = async (username: string, password: string) => {
    const res = await fetch(`${store.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, body: await res.text() };
  };
  const parallel = (n: number, username: string, password: string) =>
    Promise.all(Array.from({ length: n }, () => rawLogin(username, password)));

  beforeAll(async () => {
    store = await startStore(engine);
    admin = await store.login(ADMIN_USERNAME, ADMIN_PASSWORD);
    provinceId = (await store.call('GET', '/api/auth/me', { token: admin })).body.staff.organisationId;
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('probe 15.2: 20 parallel wrong passwords lock the account; the right password is refused afterwards', async () => {
    await createStaff('racer');
    const answers = await parallel(20, 'racer', 'wrong-password-0');
    expect(answers.every((a) => a.status === 401)).toBe(true);
    const row = await staffRow('racer');
    expect(row.locked_until).toBe(new Date(store.clock.now().getTime() + 15 * 60_000).toISOString());
    expect((await rawLogin('racer', PASSWORD)).status).toBe(401);
    store.clock.advanceMinutes(16);
    expect((await rawLogin('racer', PASSWORD)).status).toBe(200);
  });

  it('probe 15.2: the count is exact: 4 parallel wrong passwords count 4, and the next one locks', async () => {
    await createStaff('counter');
    await parallel(4, 'counter', 'wrong-password-1');
    expect(await staffRow('counter')).toMatchObject({ failed_logins: 4, locked_until: null });
    await rawLogin('counter', 'wrong-password-2');
    expect((await staffRow('counter')).locked_until).not.toBeNull();
  });

  it('probe 15.2: once locked, parallel wrong passwords neither unlock nor extend it, and the right password among them is refused', async () => {
    await createStaff('mixed');
    await parallel(5, 'mixed', 'wrong-password-3');
    const lockedUntil = new Date(store.clock.now().getTime() + 15 * 60_000).toISOString();
    store.clock.advanceMinutes(1);
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => rawLogin('mixed', 'wrong-password-4')),
      rawLogin('mixed', PASSWORD),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(await staffRow('mixed')).toMatchObject({ failed_logins: 0, locked_until: lockedUntil });
  });

  it('probe 15.2: unknown user, wrong password, locked and disabled accounts get the same status and byte-identical body, each after an argon2 check', async () => {
    await createStaff('present');
    await createStaff('locked');
    const disabledId = await createStaff('disabled');
    for (let i = 0; i < 5; i++) await rawLogin('locked', `wrong-password-${i}`);
    expect((await store.call('PATCH', `/api/staff/${disabledId}`, { token: admin, body: { active: false } })).status).toBe(200);

    const real = store.app.ctx.passwords;
    let checks = 0;
    store.app.ctx.passwords = {
      hash: real.hash,
      verify: (hash, password) => ((checks += 1), real.verify(hash, password)),
      verifyDummy: (password) => ((checks += 1), real.verifyDummy(password)),
    };
    try {
      const cases = {
        unknown: await rawLogin('nobody-here', PASSWORD),
        wrongPassword: await rawLogin('present', 'wrong-password-9'),
        lockedRightPassword: await rawLogin('locked', PASSWORD),
        disabledRightPassword: await rawLogin('disabled', PASSWORD),
      };
      expect(checks).toBe(4);
      const expected = cases.unknown;
      expect(expected.status).toBe(401);
      expect(JSON.parse(expected.body).error.code).toBe('UNAUTHENTICATED');
      expect(JSON.parse(expected.body).error.message).toMatch(/^用户名或密码错误/);
      for (const answer of Object.values(cases)) expect(answer).toEqual(expected);
    } finally {
      store.app.ctx.passwords = real;
    }
  });
});
