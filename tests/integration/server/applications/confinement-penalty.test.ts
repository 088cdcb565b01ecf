// R15.1(4): confinement is always a penalty. A prison that records a confinement only as a
// status period (no penalty record) still gets no visit arranged in the three months after
// it: the stored decision and the prison's approval both cite R15.1(4). On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import { atPrisonDecision, count, createInmate, relative, startOn, submit } from './fixtures';

describe.each(ENGINES)('R15.1(4) a confinement status period without its penalty record [%s]', (engine) => {
  let store: TestStore;
  let w: World;

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-11-02'));
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('R15.1(4) confinement as status period only: a visit in the following three months is refused, citing R15.1(4)', async () => {
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '周九');
    const period = await store.call('POST', `/api/inmates/${inmate}/status-periods`, {
      token: w.tokens.prisonAAdmin,
      body: { kind: 'confinement', start: '2026-10-01', end: '2026-10-10' },
    });
    expect(period.status).toBe(201);
    expect(period.body.penalties).toEqual([]);

    const created = await submit({ store, w }, w.tokens.bureauAReviewer, {
      inmateId: inmate,
      applicants: [relative('周母', '1961-02-02')],
      preferred: { date: '2026-11-20' },
    });
    expect(created.decision).toMatchObject({ outcome: 'refused', refusedBy: ['R15.1(4)'], availableFrom: '2027-01-02' });
    expect(created.decision.message).toContain('第十五条第（四）项');

    // The prison's approval recomputes the rules for the booked slot: refused, nothing booked.
    const id = await atPrisonDecision({ store, w }, inmate, [relative('周母', '1961-02-02')]);
    const visitsBefore = await count(store, 'visits');
    const approve = await store.call('POST', `/api/applications/${id}/approve`, {
      token: w.tokens.prisonAReviewer,
      body: { date: '2026-12-28', start: '09:00', minutes: 30, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId },
    });
    expect(approve.status).toBe(409);
    expect(approve.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['R15.1(4)']);
    expect(await count(store, 'visits')).toBe(visitsBefore);
  });
});
