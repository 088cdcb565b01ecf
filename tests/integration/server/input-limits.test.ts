// Probe 15.9: every free-text field has a maximum length, control and bidi-override
// characters are refused where they have no business, and a password must be hard
// to guess. Each refusal is a 400 naming the field in zh-CN, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, residentId } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';

const MEGABYTE = 'A'.repeat(1024 * 1024 - 200);
const RLO = '\u202e';

type Issue = { path: string; message: string };

describe.each(ENGINES)('probe 15.9: input limits [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let inmateId: string;

  const rows = async () => {
    const db = store.app.ctx.db;
    const count = async (
      table: 'visitors' | 'inmates' | 'inmate_suspensions' | 'inmate_status_periods' | 'staff' | 'organisations',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return Promise.all(
      ['visitors', 'inmates', 'inmate_suspensions', 'inmate_status_periods', 'staff', 'organisations'].map((t) =>
        count(t as 'staff'),
      ),
    );
  };
  /** A 400 whose issues name `path` with a zh-CN message matching `message`, and no row written. */
  const refused = async (method: string, url: string, token: string, body: unknown, path: string, message: RegExp) => {
    const before = await rows();
    const res = await store.call(method, url, { token, body });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
    const issue = (res.body.error.issues as Issue[]).find((i) => i.path === path);
    expect(issue, JSON.stringify(res.body.error.issues).slice(0, 300)).toBeDefined();
    expect(issue?.message).toMatch(message);
    expect(await rows()).toEqual(before);
  };
  const visitor = (extra: Record<string, unknown>) => ({
    name: '王芳',
    document: { kind: 'resident-id', number: residentId('1985-03-02', '124') },
    ...extra,
  });

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    const created = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: {
        inmateNumber: 'L0001',
        name: '张三',
        wardId: w.prisonA.wardId,
        birthDate: '1990-05-17',
        idNumber: residentId('1990-05-17'),
      },
    });
    expect(created.status).toBe(201);
    inmateId = created.body.id;
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
  });

  it('probe 15.9: 1 MB document numbers, suspension deciders and reasons are refused, naming the field', async () => {
    await refused(
      'POST',
      '/api/visitors',
      w.tokens.bureauAAdmin,
      visitor({ document: { kind: 'passport', number: MEGABYTE } }),
      'body.document.number',
      /证件号码不能超过 32 个字符/,
    );
    await refused(
      'POST',
      `/api/inmates/${inmateId}/suspensions`,
      w.tokens.prisonAWarden,
      { start: '2026-03-10', end: '2026-05-09', reason: 'R17.1(8)', decidedBy: MEGABYTE },
      'body.decidedBy',
      /决定人不能超过 100 个字符/,
    );
    await refused(
      'POST',
      `/api/inmates/${inmateId}/status-periods`,
      w.tokens.prisonAWarden,
      { kind: 'other-restriction', start: '2026-02-01', end: null, reason: MEGABYTE },
      'body.reason',
      /原因不能超过 500 个字符/,
    );
  });

  it('probe 15.9: NUL, escape and bidi-override characters are refused in names, addresses and document numbers', async () => {
    await refused(
      'POST',
      '/api/visitors',
      w.tokens.bureauAAdmin,
      visitor({ name: '王\u0000芳' }),
      'body.name',
      /会见人姓名不能含控制字符（U\+0000/,
    );
    await refused(
      'POST',
      '/api/visitors',
      w.tokens.bureauAAdmin,
      visitor({ address: '昆明市\u001b[31m官渡区' }),
      'body.address',
      /住址不能含控制字符（U\+001B/,
    );
    await refused(
      'POST',
      '/api/visitors',
      w.tokens.bureauAAdmin,
      visitor({ address: `昆明市${RLO}区渡官` }),
      'body.address',
      /住址不能含文字方向控制字符.*U\+202E/,
    );
    await refused(
      'POST',
      '/api/visitors',
      w.tokens.bureauAAdmin,
      visitor({ document: { kind: 'passport', number: `E1234${RLO}5678` } }),
      'body.document.number',
      /证件号码只能含字母、数字/,
    );
    await refused(
      'POST',
      '/api/inmates',
      w.tokens.prisonAAdmin,
      { inmateNumber: 'L0002', name: `张${RLO}三`, wardId: w.prisonA.wardId, birthDate: '1990-05-17' },
      'body.name',
      /罪犯姓名/,
    );
    await refused(
      'POST',
      '/api/organisations',
      w.tokens.provinceAdmin,
      { kind: 'prison', parentId: w.provinceId, code: 'P-X', name: `丙监狱\u2066` },
      'body.name',
      /单位名称不能含文字方向控制字符.*U\+2066/,
    );
    await refused(
      'PATCH',
      `/api/staff/${(await store.call('GET', '/api/auth/me', { token: w.tokens.supervisor })).body.staff.id}`,
      w.tokens.provinceAdmin,
      { displayName: '监督\u200f员' },
      'body.displayName',
      /姓名.*U\+200F/,
    );
    // A one-line field takes no newline; a reason (a note) does.
    await refused(
      'PUT',
      '/api/calendar/days/2026-10-09',
      w.tokens.provinceAdmin,
      { working: true, note: '调休\n上班' },
      'body.note',
      /备注不能含控制字符/,
    );
    const multiLine = await store.call('POST', `/api/inmates/${inmateId}/status-periods`, {
      token: w.tokens.prisonAWarden,
      body: { kind: 'other-restriction', start: '2026-02-01', end: '2026-02-10', reason: '涉嫌参与打架\n待调查' },
    });
    expect(multiLine.status).toBe(201);
    const ok = await store.call('POST', '/api/visitors', {
      token: w.tokens.bureauAAdmin,
      body: visitor({ name: '阿依·木合买提', address: '昆明市官渡区 1 号' }),
    });
    expect(ok.status).toBe(201);
  });

  it('probe 15.9: an easily guessed password is refused with a zh-CN reason wherever a password is set', async () => {
    await refused(
      'POST',
      '/api/staff',
      w.tokens.provinceAdmin,
      { organisationId: w.provinceId, username: 'weakling', displayName: '弱密码', password: 'aaaaaaaaaa', roles: ['reviewer'] },
      'body.password',
      /^密码太容易被猜到：重复的字符/,
    );
    for (const weak of ['Password123', 'qwertyuiop1', 'abcdefghij']) {
      const res = await store.call('POST', '/api/auth/password', {
        token: w.tokens.supervisor,
        body: { currentPassword: 'Staff-password-1', newPassword: weak },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        { path: 'body.newPassword', message: expect.stringMatching(/^密码太容易被猜到：/) },
      ]);
    }
    await refused(
      'POST',
      '/api/staff',
      w.tokens.provinceAdmin,
      { organisationId: w.provinceId, username: 'weakling', displayName: '弱密码', password: MEGABYTE, roles: ['reviewer'] },
      'body.password',
      /密码不能超过 256 个字符/,
    );
  });

  it('probe 15.9: a NUL where no schema refuses it (the login name, found by the API fuzz) is a 400 naming the field, not a 500', async () => {
    const res = await store.call('POST', '/api/auth/login', { body: { username: 'KFx\u0000\u001b<', password: 'x' } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'body.username', message: '内容不得含有空字符（U+0000）' }]);
    const key = await store.call('POST', '/api/auth/login', { body: { username: 'a', password: 'b', ['k\u0000']: 1 } });
    expect(key.status).toBeLessThan(500);
  });
});
