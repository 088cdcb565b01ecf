// Today's visits (inmate, approved visitors) and the site's administrators
// (argon2id hashes) pulled by cursor into the local store, so check-in and offline login
// work without the central store (R11.1, R25.1).
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getKv } from '../../../src-main/store/kv';
import { insertVisit, updateVisitStatus } from '../../../harness/store/sync-helpers';
import { residentId, STAFF_PASSWORD } from '../../../harness/store/world';
import { enrolledTerminal, startCentral, type CentralWorld } from '../../../harness/sync/sync-world';

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

async function visitWithApplicants(date: string, startTime: string): Promise<string> {
  const db = central.store.app.ctx.db;
  const id = await insertVisit(db, { roomId: central.w.prisonA.roomId, remoteRoomId: central.w.bureauA.roomId, date, startTime });
  const visit = await db.selectFrom('visits').select('application_id').where('id', '=', id).executeTakeFirstOrThrow();
  await db
    .insertInto('applicants')
    .values([
      {
        id: crypto.randomUUID(),
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
      {
        id: crypto.randomUUID(),
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
    ])
    .execute();
  return id;
}

describe('pull', { timeout: 30_000 }, () => {
  test('R11.1 R25.1 today’s visits and the site’s administrators land in the local store; offline login verifies', async () => {
    const today = await visitWithApplicants('2026-03-02', '09:00');
    const tomorrow = await visitWithApplicants('2026-03-03', '10:00');
    const t = await enrolledTerminal(central);
    const outcome = await t.worker().runOnce();
    expect(outcome.ok).toBe(true);
    expect(outcome.pulledVisits).toBeGreaterThanOrEqual(2);
    const local = t.db.prepare('SELECT visit_id, date, start_time, inmate_name, visitor_count, status FROM visits').all();
    expect(local).toEqual([
      {
        visit_id: today,
        date: '2026-03-02',
        start_time: '09:00',
        inmate_name: '测试罪犯',
        visitor_count: 1,
        status: 'scheduled',
      },
    ]);
    expect(t.db.prepare('SELECT name, relationship FROM approved_visitors WHERE visit_id = ?').all(today)).toEqual([
      { name: '张三', relationship: 'spouse' },
    ]);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM sync_visits WHERE visit_id = ?').get(tomorrow)).toEqual({ n: 1 });
    expect(Number(getKv(t.db, 'sync.visitsCursor'))).toBeGreaterThan(0);

    // Only this site's administrators: prison A (and the ward's), never the bureau's.
    const staff = t.db
      .prepare('SELECT username, password_hash FROM staff_credentials WHERE active = 1 ORDER BY username')
      .all() as Array<{ username: string; password_hash: string }>;
    expect(staff.map((s) => s.username)).toEqual(['prison-a-admin', 'ward-a1-admin']);
    const hash = staff[0]?.password_hash ?? '';
    expect(await argon2.verify(hash, STAFF_PASSWORD)).toBe(true);

    // A second round with nothing new imports nothing again (no audit noise).
    const imports = () =>
      (t.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'visitDay.imported'").get() as { n: number }).n;
    const before = imports();
    await t.worker().runOnce();
    expect(imports()).toBe(before);
    // A cancellation arrives by cursor.
    await updateVisitStatus(central.store.app.ctx.db, today, 'cancelled');
    await t.worker().runOnce();
    expect(t.db.prepare('SELECT status FROM sync_visits WHERE visit_id = ?').get(today)).toEqual({ status: 'cancelled' });
    t.close();
  });

  test('the staff feed refuses staff tokens and is scoped to the terminal’s site', async () => {
    const res = await central.store.call('GET', '/api/sync/staff', { token: central.w.tokens.prisonAAdmin });
    expect(res.status).toBe(403);
  });
});
