// R11.2: prison police bring the inmate to the assigned position in the prison (ward) room;
// the prison terminal's administrator confirms it, audited by name, and until then the
// prison side cannot start. The bureau's terminal neither needs nor may confirm it.
import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../src-main/audit';
import { count, useDayTerminals } from './helpers';

const open = useDayTerminals();
const blockerCodes = async (t: Awaited<ReturnType<typeof open>>, visitId: string) =>
  (await t.terminal.services.visit.readiness({ visitId })).blockers.map((b) => `${b.requirement} ${b.code}`);

describe('R11.2 the inmate in position', () => {
  test('R11.2 the prison terminal is blocked until an administrator confirms the inmate in position, audited with the name', async () => {
    const t = await open('09:45', { side: 'prison' });
    await t.loginBoth();
    expect(await blockerCodes(t, 'V-1000')).toContain('R11.2 inmate-not-in-position');
    const readiness = await t.terminal.services.visit.readiness({ visitId: 'V-1000' });
    expect(readiness.blockers.find((b) => b.code === 'inmate-not-in-position')?.message).toContain('张建国');

    const r = await t.terminal.services.checkin.inmateInPosition({ visitId: 'V-1000' });
    expect(r).toMatchObject({ accepted: true, roster: { inmateInPosition: { by: '李静' } } });
    expect(await blockerCodes(t, 'V-1000')).not.toContain('R11.2 inmate-not-in-position');
    const row = t.db.prepare("SELECT actor, payload FROM audit_log WHERE kind = 'visit.inmateInPosition'").get() as {
      actor: string;
      payload: string;
    };
    expect(row.actor).toBe('S-LI');
    expect(JSON.parse(row.payload)).toMatchObject({
      visitId: 'V-1000',
      inmate: '张建国',
      operator: '李静',
      supervisors: ['何伟'],
      requirement: 'R11.2',
    });
    expect(count(t.db, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'visit.inmateInPosition'")).toBe(1);
    // Confirming twice changes nothing and logs nothing more.
    await t.terminal.services.checkin.inmateInPosition({ visitId: 'V-1000' });
    expect(count(t.db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'visit.inmateInPosition'")).toBe(1);
    expect(verifyAuditChain(t.db, 'ynjy01-room1').ok).toBe(true);
  });

  test('R11.2 R25.1 without two administrators logged in the confirmation is refused and nothing is recorded', async () => {
    const t = await open('09:45', { side: 'prison' });
    const r = await t.terminal.services.checkin.inmateInPosition({ visitId: 'V-1000' });
    expect(r).toMatchObject({ accepted: false, refusal: { requirement: 'R25.1' } });
    expect(count(t.db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'visit.inmateInPosition'")).toBe(0);
  });

  test('R11.2 at the bureau terminal there is no such blocker and the confirmation is refused', async () => {
    const t = await open('09:45');
    await t.loginBoth();
    expect(await blockerCodes(t, 'V-1000')).not.toContain('R11.2 inmate-not-in-position');
    const r = await t.terminal.services.checkin.inmateInPosition({ visitId: 'V-1000' });
    expect(r).toMatchObject({ accepted: false, refusal: { requirement: 'R11.2', code: 'not-prison-side' } });
    expect(r.accepted ? '' : r.refusal.message).toContain('监狱一方');
  });

  test('R10.1 R11.2 the prison side does not forfeit (nobody checks in there); a visit no longer open cannot be confirmed', async () => {
    const t = await open('13:55', { side: 'prison' });
    await t.loginBoth();
    t.clock.set('14:00');
    // The relatives check in at their own terminal: the start passing here forfeits nothing.
    const readiness = await t.terminal.services.visit.readiness({ visitId: 'V-1400' });
    expect(readiness.status).not.toBe('forfeited');
    expect(readiness.blockers.map((b) => b.code)).not.toContain('nobody-checked-in');
    // Once the visit is over (as the store's feed reports it), confirming is refused.
    t.db.prepare("UPDATE visits SET status = 'forfeited' WHERE visit_id = 'V-1400'").run();
    const r = await t.terminal.services.checkin.inmateInPosition({ visitId: 'V-1400' });
    expect(r).toMatchObject({ accepted: false, refusal: { requirement: 'R11.2', code: 'not-open' } });
  });
});
