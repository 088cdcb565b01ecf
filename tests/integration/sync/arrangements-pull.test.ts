// Issue 25 items 1 and 5 between the REAL central store and a terminal's local store: an
// application in 彝语 approved under the prison's stricter visitor limit (R14.2) reaches the
// terminal's day with the interpreter required (R23.1) and the limit at check-in; the
// applicant's withdrawal cancels it there at the next round.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadRoster } from '../../../src-main/visit-day/visit-model';
import { enrolledTerminal, startCentral, type CentralWorld } from '../../../harness/sync/sync-world';
import { relative, setToday } from '../server/applications/fixtures';

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
  // The terminal's clock: 2026-03-02 09:00 in Kunming, a Monday.
  setToday(central.store, '2026-03-02');
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

describe('the prison’s limit and the visit’s language on the terminal’s day', { timeout: 60_000 }, () => {
  test('R23.1 R14.2 a 彝语 visit approved under a 2-visitor limit: interpreter required and 2 at check-in; withdrawn → cancelled', async () => {
    const { store, w } = central;
    const call = async (method: 'POST' | 'PUT', path: string, token: string, body: Record<string, unknown>) => {
      const res = await store.call(method, path, { token, body });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await call('PUT', `/api/prisons/${w.prisonA.id}/arrangements`, w.tokens.prisonAAdmin, {
      adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 2 },
      juvenile: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 2 },
      visitingHours: [],
      visitingDays: [],
      rooms: [],
    });
    const inmate = await call('POST', '/api/inmates', w.tokens.prisonAAdmin, {
      inmateNumber: 'YI-1',
      name: '阿普',
      wardId: w.prisonA.wardId,
      birthDate: '1980-05-05',
    });
    const app = await call('POST', '/api/applications', w.tokens.bureauAReviewer, {
      form: 'form-2',
      inmateId: inmate.id,
      applicants: [relative('阿妈', '1955-01-01'), relative('阿爸', '1953-01-01', 'father', '456')],
      languages: [{ kind: 'minority', name: '彝语' }],
    });
    await call('POST', `/api/applications/${app.id}/forward`, w.tokens.bureauAReviewer, {});
    const approved = await call('POST', `/api/applications/${app.id}/approve`, w.tokens.prisonAReviewer, {
      date: '2026-03-02',
      start: '14:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    const visitId = approved.visits[0].id as string;

    const t = await enrolledTerminal(central);
    expect((await t.worker().runOnce()).ok).toBe(true);
    const roster = loadRoster(t.db, visitId);
    expect(roster).toMatchObject({ languages: ['彝语'], interpreterRequired: true, maxVisitors: 2 });

    await call('POST', `/api/applications/${app.id}/withdraw`, w.tokens.bureauAReviewer, { reason: '家中有事' });
    expect((await t.worker().runOnce()).ok).toBe(true);
    expect(loadRoster(t.db, visitId).status).toBe('cancelled');
    t.close();
  });
});
