// The visit feed carries the inmate and the approved applicants (R11.1), and
// GET /api/sync/staff gives a terminal its own site's administrators with argon2id hashes
// for offline login (R25.1) — never another site's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld, residentId } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';

describe.each(ENGINES)('sync feed details [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let prisonA: EnrolledTerminal;
  let bureauA: EnrolledTerminal;
  let visitId = '';

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    prisonA = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureauA = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const db = store.app.ctx.db;
    visitId = await insertVisit(db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
    const visit = await db.selectFrom('visits').select('application_id').where('id', '=', visitId).executeTakeFirstOrThrow();
    await db
      .insertInto('applicants')
      .values([
        {
          id: randomUUID(),
          application_id: visit.application_id,
          position: 2,
          name: '李律师',
          role: JSON.stringify({
            kind: 'special',
            specialKind: 'lawyer',
            organisation: '律所',
            letter: null,
            credentialNumber: null,
          }),
          document_kind: 'resident-id',
          document_number: residentId('1970-01-01', '456'),
          address: '昆明',
          phone: '13800000001',
          visitor_id: null,
        },
        {
          id: randomUUID(),
          application_id: visit.application_id,
          position: 1,
          name: '张三',
          role: JSON.stringify({ kind: 'family', relationship: 'spouse', proofs: [] }),
          document_kind: 'resident-id',
          document_number: residentId('1985-01-01'),
          address: '昆明',
          phone: '13800000000',
          visitor_id: null,
        },
      ])
      .execute();
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('R11.1 each pulled visit names the inmate and the approved visitors in application order, on both sides', async () => {
    for (const terminal of [prisonA, bureauA]) {
      const res = await store.call('GET', '/api/sync/visits', { token: terminal.token });
      const visit = res.body.visits.find((v: { id: string }) => v.id === visitId);
      expect(visit.inmate.name).toBe('测试罪犯');
      expect(
        visit.visitors.map((p: { name: string; relationship: string | null; specialKind: string | null }) => [
          p.name,
          p.relationship,
          p.specialKind,
        ]),
      ).toEqual([
        ['张三', 'spouse', null],
        ['李律师', null, 'lawyer'],
      ]);
      expect(visit.visitors[0].documentNumber).toBe(residentId('1985-01-01'));
      expect(visit).toMatchObject({ languages: [{ kind: 'mandarin' }], interpreterRequired: false });
    }
  });

  it('R25.1 the staff feed: this site’s administrators with argon2id hashes, nobody else’s', async () => {
    const prison = await store.call('GET', '/api/sync/staff', { token: prisonA.token });
    expect(prison.status).toBe(200);
    // The room is in ward A1: the ward's and prison A's administrators; not the warden or reviewer, not prison B.
    expect(prison.body.staff.map((s: { username: string }) => s.username)).toEqual(['prison-a-admin', 'ward-a1-admin']);
    expect(prison.body.organisationIds.sort()).toEqual([w.prisonA.id, w.prisonA.wardId].sort());
    expect(
      prison.body.staff.every(
        (s: { passwordHash: string; active: boolean }) => s.passwordHash.startsWith('$argon2id$') && s.active,
      ),
    ).toBe(true);
    const bureau = await store.call('GET', '/api/sync/staff', { token: bureauA.token });
    expect(bureau.body.staff.map((s: { username: string }) => s.username)).toEqual(['bureau-a-admin']);
  });

  it('staff and strangers cannot read the staff feed', async () => {
    expect((await store.call('GET', '/api/sync/staff', { token: w.tokens.provinceAdmin })).status).toBe(403);
    expect((await store.call('GET', '/api/sync/staff')).status).toBe(401);
  });

  it('a terminal may enrol under its own UUID (its audit chain hashes it); a taken id is 409', async () => {
    const code = async () =>
      (
        await store.call('POST', '/api/terminals/enrolment-codes', {
          token: w.tokens.prisonAAdmin,
          body: { roomId: w.prisonA.roomId },
        })
      ).body.code;
    const terminalId = randomUUID();
    const first = await store.call('POST', '/api/terminals/enrol', { body: { code: await code(), name: '终端', terminalId } });
    expect(first.status).toBe(201);
    expect(first.body.terminalId).toBe(terminalId);
    const again = await store.call('POST', '/api/terminals/enrol', { body: { code: await code(), name: '终端', terminalId } });
    expect(again.status).toBe(409);
    expect(again.body.error.issues[0].path).toBe('body.terminalId');
  });
});
