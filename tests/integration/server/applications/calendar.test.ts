// R14.1 the working-day calendar over the API, and the override table that
// makes a year the calendar package does not cover (2027) usable. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import { count, createInmate, relative, relogin, setToday, startOn, submit } from './fixtures';

// A made-up schedule for the test (the State Council had not published 2027's).
const TEST_2027 = { holidays: ['2027-01-01', '2027-01-06'], workdays: [], source: '测试用安排（非国务院通知）' };

describe.each(ENGINES)('working-day calendar [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let inmate: string;

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-10-12'));
    inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('R14.1 days off, adjusted working Saturdays and step due dates', async () => {
    const day = (date: string) => store.call('GET', `/api/calendar/days/${date}`, { token: w.tokens.officeAReviewer });
    expect((await day('2026-10-01')).body).toMatchObject({
      date: '2026-10-01',
      working: false,
      acceptsApplications: false,
      source: 'package',
    });
    expect((await day('2026-10-10')).body).toMatchObject({ working: true, acceptsApplications: true });
    expect((await day('2026-10-11')).body).toMatchObject({ working: false, source: 'weekday-rule' });
    const bad = await day('2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('params.date');
    const due = await store.call('GET', '/api/calendar/due-date?step=prison-decision&receivedOn=2026-09-30', {
      token: w.tokens.prisonAReviewer,
    });
    // Wed 09-30 + 5 working days: 10-08, 09, 10 (Sat), 12, 13.
    expect(due.body).toEqual({
      step: 'prison-decision',
      requirement: 'R8.3',
      workingDays: 5,
      receivedOn: '2026-09-30',
      dueOn: '2026-10-13',
    });
  });

  it('R14.1 2027 is refused until the province enters its schedule; then applications and due dates work', async () => {
    setToday(store, '2027-01-04');
    await relogin(store, w);
    const uncovered = await store.call('GET', '/api/calendar/days/2027-01-04', { token: w.tokens.bureauAReviewer });
    expect(uncovered.status).toBe(409);
    expect(uncovered.body.error.message).toContain('2027');
    const before = await count(store, 'applications');
    const refused = await store.call('POST', '/api/applications', {
      token: w.tokens.bureauAReviewer,
      body: { form: 'form-2', inmateId: inmate, applicants: [relative('母亲', '1960-03-03')] },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues[0]).toMatchObject({ path: 'calendar' });
    expect(await count(store, 'applications')).toBe(before);

    // Only an administrator of the province keeps the calendar.
    for (const token of [w.tokens.bureauAAdmin, w.tokens.prisonAAdmin, w.tokens.supervisor]) {
      expect((await store.call('PUT', '/api/calendar/years/2027', { token, body: TEST_2027 })).status).toBe(403);
    }
    const wrongYear = await store.call('PUT', '/api/calendar/years/2027', {
      token: w.tokens.provinceAdmin,
      body: { ...TEST_2027, workdays: ['2026-12-26'] },
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.error.issues[0].path).toBe('body.workdays.0');
    const badDate = await store.call('PUT', '/api/calendar/years/2027', {
      token: w.tokens.provinceAdmin,
      body: { ...TEST_2027, holidays: ['2027-02-30'] },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues[0].path).toBe('body.holidays.0');

    const put = await store.call('PUT', '/api/calendar/years/2027', { token: w.tokens.provinceAdmin, body: TEST_2027 });
    expect(put.status).toBe(200);
    expect(put.body.coveredYears).toContain(2027);
    expect(put.body.years).toEqual([
      { year: 2027, holidays: ['2027-01-01', '2027-01-06'], workdays: [], source: TEST_2027.source },
    ]);
    expect((await store.call('GET', '/api/calendar/days/2027-01-06', { token: w.tokens.bureauAReviewer })).body).toMatchObject({
      working: false,
      source: 'year-override',
    });

    // Mon 01-04 + 2 working days, skipping the 01-06 holiday: 01-05, 01-07.
    const app = await submit({ store, w }, w.tokens.bureauAReviewer, {
      inmateId: inmate,
      applicants: [relative('母亲', '1960-03-03')],
    });
    expect(app.steps[0]).toMatchObject({ kind: 'bureau-review', receivedOn: '2027-01-04', dueOn: '2027-01-07' });

    // The whole year is replaced, not merged: without 01-06 the due date is 01-06.
    await store.call('PUT', '/api/calendar/years/2027', {
      token: w.tokens.provinceAdmin,
      body: { ...TEST_2027, holidays: ['2027-01-01'] },
    });
    const later = await submit({ store, w }, w.tokens.bureauAReviewer, {
      inmateId: inmate,
      applicants: [relative('母亲', '1960-03-03')],
    });
    expect(later.steps[0]).toMatchObject({ dueOn: '2027-01-06' });
    const overrides = (await store.call('GET', '/api/calendar/overrides', { token: w.tokens.supervisor })).body;
    expect(overrides.years).toEqual([{ year: 2027, holidays: ['2027-01-01'], workdays: [], source: TEST_2027.source }]);

    // A single-day correction by the province.
    const dayFix = await store.call('PUT', '/api/calendar/days/2027-01-05', {
      token: w.tokens.provinceAdmin,
      body: { working: false, note: '临时停电停止办公' },
    });
    expect(dayFix.status).toBe(200);
    expect((await store.call('GET', '/api/calendar/days/2027-01-05', { token: w.tokens.bureauAReviewer })).body).toMatchObject({
      working: false,
      source: 'day-override',
      name: '临时停电停止办公',
    });
  });
});
