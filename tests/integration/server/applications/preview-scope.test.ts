// Probe 15.5: a bureau previewing a Form 2 for an inmate of a prison it cannot see gets the
// regulation's decision as it concerns the applicants and a neutral sentence, never the
// prison's records (confinement, penalties, suspensions, the month's visits); the prison
// itself still sees everything. Every preview is kept on the record (staff_audit). Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEUTRAL_ALLOWED, NEUTRAL_REFUSAL } from '../../../../src-server/areas/applications/applicant-decision';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import { createInmate, relative, startOn } from './fixtures';

describe.each(ENGINES)("probe 15.5: the application preview outside the inmate's prison [%s]", (engine) => {
  let store: TestStore;
  let w: World;
  let restricted: string;
  let plain: string;
  const preview = (token: string, inmateId: string, body: Record<string, unknown> = {}) =>
    store.call('POST', '/api/applications/preview', {
      token,
      body: { form: 'form-2', inmateId, applicants: [relative('吴母', '1960-04-04')], ...body },
    });
  const audit = () => store.app.ctx.db.selectFrom('staff_audit').selectAll().orderBy('at').execute();

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-10-12'));
    restricted = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '吴十');
    plain = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '郑十一');
    const t = w.tokens.prisonAAdmin;
    expect(
      (
        await store.call('POST', `/api/inmates/${restricted}/penalties`, {
          token: t,
          body: { kind: 'confinement', date: '2026-09-20' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await store.call('POST', `/api/inmates/${restricted}/status-periods`, {
          token: t,
          body: { kind: 'other-restriction', start: '2026-10-01', end: null, reason: '有脱逃预谋，正在布控' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await store.call('POST', `/api/inmates/${restricted}/suspensions`, {
          token: t,
          body: { start: '2026-10-01', end: '2026-12-31', reason: 'R17.1(8)', decidedBy: '监狱长 王某' },
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('probe 15.5: bureau B gets "refused" and the neutral sentence, with no requirement id, date or detail of the prison\'s records', async () => {
    const res = await preview(w.tokens.bureauBAdmin, restricted);
    expect(res.status).toBe(200);
    expect(res.body.decision).toEqual({
      outcome: 'refused',
      category: 'family',
      message: NEUTRAL_REFUSAL,
      refusedBy: [],
      applied: expect.any(Array),
    });
    expect(res.body.decision.applied.map((a: { id: string; result: string }) => `${a.id} ${a.result}`)).toEqual([
      'R34.1 not-applicable',
      'R36.1 passed',
      'R14.2 passed',
      'R14.2 passed',
      'R23.1 not-applicable',
    ]);
    const text = JSON.stringify(res.body);
    for (const secret of ['R15.1', 'R17.2', '本月', '禁闭', '脱逃', '暂停', '2026-09-20', '2026-12-31', '2027-'])
      expect(text).not.toContain(secret);
  });

  it("probe 15.5: an allowed visit shows neither the month's visits nor the prison's limits; what concerns the applicants still shows (R36.1 without proof)", async () => {
    const ok = await preview(w.tokens.bureauBAdmin, plain);
    expect(ok.body.decision).toEqual({
      outcome: 'allowed',
      category: 'family',
      message: NEUTRAL_ALLOWED,
      applied: expect.any(Array),
    });
    // How long and how many (R14.2) concern the application; the month's visits (R14.2's quota) do not.
    expect(ok.body.decision.applied.map((a: { id: string; detail: string }) => `${a.id} ${a.detail.slice(0, 2)}`)).toEqual([
      'R34.1 亲属',
      'R36.1 吴母',
      'R14.2 时长',
      'R14.2 会见',
      'R23.1 使用',
    ]);
    const four = await preview(w.tokens.bureauBAdmin, plain, {
      applicants: ['1960-01-01', '1961-01-01', '1962-01-01', '1963-01-01'].map((b, i) =>
        relative(`郑${i}`, b, 'elder-brother', `12${i}`),
      ),
    });
    expect(four.body.decision).toMatchObject({
      outcome: 'refused',
      refusedBy: ['R14.2'],
      message: expect.stringContaining('3人'),
    });
    const unproven = await preview(w.tokens.bureauBAdmin, plain, {
      applicants: [{ ...relative('郑母', '1961-05-05'), role: { kind: 'family', relationship: 'mother', proofs: [] } }],
    });
    expect(unproven.body.decision).toMatchObject({
      outcome: 'refused',
      refusedBy: ['R36.1'],
      message: expect.stringContaining('第三十六条'),
    });
  });

  it("the inmate's own prison still sees the full decision (Form 1)", async () => {
    const res = await preview(w.tokens.prisonAAdmin, restricted, { form: 'form-1', relativesBureauId: w.bureauB.id });
    expect(res.status).toBe(200);
    expect(res.body.decision.refusedBy).toEqual(expect.arrayContaining(['R15.1(4)', 'R15.1(6)', 'R17.2']));
  });

  it('probe 15.5: every preview is on the record: who, when, which inmate, what was shown', async () => {
    const before = (await audit()).length;
    await preview(w.tokens.bureauBAdmin, restricted);
    const rows = await audit();
    expect(rows).toHaveLength(before + 1);
    const me = await store.call('GET', '/api/auth/me', { token: w.tokens.bureauBAdmin });
    expect(rows.at(-1)).toMatchObject({
      staff_id: me.body.staff.id,
      organisation_id: w.bureauB.id,
      action: 'application.preview',
      subject_id: restricted,
    });
    expect(JSON.parse(rows.at(-1)?.detail ?? '{}')).toMatchObject({
      form: 'form-2',
      prisonId: w.prisonA.id,
      outcome: 'refused',
      shown: 'applicant',
    });
  });
});
