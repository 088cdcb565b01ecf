// The desk service for prison staff (R15.1(2) status periods, R15.1(4) penalties,
// R17.2 suspensions, with history), a bureau naming an inmate of another
// prison (R8.1), the card reader filling the form, the overview, and faults:
// the store unreachable or the session ended (nothing changes, a clear zh-CN
// message). Against the real central store.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ga467SerialReader } from '../../../../src-main/idcard/serial/ga467-serial-reader';
import { createSimulatedSerial, loadCardFixture, ReaderSimulator } from '../../../../src-main/idcard/simulator';
import { registerIdCardDriver } from '../../../../src-main/visit-day';
import { deskContract } from '../../../../src-shared/ipc/desk-contract';
import { createInmate, relative } from '../../server/applications/fixtures';
import { CARD_FIXTURE, READER_DRIVER, READER_PATH, refusal, startDeskWorld, value } from './desk-world';
import type { Desk, DeskWorld } from './desk-world';

const simulator = new ReaderSimulator();
const serial = createSimulatedSerial(simulator, READER_PATH);
registerIdCardDriver(
  READER_DRIVER,
  (settings) =>
    new Ga467SerialReader({
      path: settings.path ?? READER_PATH,
      openPort: serial.openPort,
      commandTimeoutMs: 1_000,
      ...(settings.now ? { now: settings.now } : {}),
    }),
);

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('desk: inmates, card reader, overview and faults', () => {
  let world: DeskWorld;
  let prison: Desk;
  let bureau: Desk;
  let inmateId: string;

  beforeAll(async () => {
    world = await startDeskWorld('2026-10-12');
    inmateId = await createInmate(world.store, world.w.tokens.prisonAAdmin, world.w.prisonA.wardId, '钱七');
    [prison, bureau] = await Promise.all([world.deskAs('prison-a-admin'), world.deskAs('bureau-a-reviewer')]);
  });
  afterAll(async () => {
    await world?.store.stop();
  });
  afterEach(() => simulator.removeCard());

  it("R15.1(2) R15.1(4) R17.2 prison staff keep the inmate's status with its history; the rules then refuse a visit for each", async () => {
    // The prison's own preview (Form 1) says which requirements refuse a visit now; a bureau learns only the outcome (probe 15.5).
    const applicants = [relative('钱母', '1962-03-04') as never];
    const preview = async (id: string) =>
      (
        await value(
          prison.previewApplication({ form: 'form-1', inmateId: id, relativesBureauId: world.w.bureauA.id, applicants }),
        )
      ).decision;
    const refusedBy = async (id: string) => {
      const decision = await preview(id);
      return decision.outcome === 'refused' ? decision.refusedBy : [];
    };
    expect(await refusedBy(inmateId)).toEqual([]);

    // R15.1(2): in confinement (still running) → refused for it; R15.1(4): confinement is a penalty, so also for it.
    const confinement = await value(
      prison.addStatusPeriod({ inmateId, period: { kind: 'confinement', start: '2026-10-01', end: null } }),
    );
    expect(confinement.statusPeriods).toEqual([expect.objectContaining({ kind: 'confinement', start: '2026-10-01', end: null })]);
    expect(await refusedBy(inmateId)).toEqual(expect.arrayContaining(['R15.1(2)', 'R15.1(4)']));
    const periodId = confinement.statusPeriods[0]?.id ?? '';
    const ended = await value(prison.endStatusPeriod({ inmateId, periodId, end: '2026-10-10' }));
    expect(ended.statusPeriods[0]).toMatchObject({ end: '2026-10-10' });
    // Ended: no longer R15.1(2), but still R15.1(4) for three months from the confinement.
    const afterConfinement = await refusedBy(inmateId);
    expect(afterConfinement).not.toContain('R15.1(2)');
    expect(afterConfinement).toContain('R15.1(4)');

    // R15.1(4) for a warning, on an inmate with a clean record: refused within a month, naming the penalty.
    const warnedId = await createInmate(world.store, world.w.tokens.prisonAAdmin, world.w.prisonA.wardId, '孙八');
    expect(await refusedBy(warnedId)).toEqual([]);
    await value(prison.addPenalty({ inmateId: warnedId, penalty: { kind: 'warning', date: '2026-10-05' } }));
    const warned = await preview(warnedId);
    expect(warned.outcome === 'refused' ? warned.refusedBy : []).toContain('R15.1(4)');
    expect(warned.applied.find((a) => a.id === 'R15.1(4)')).toMatchObject({
      result: 'failed',
      detail: expect.stringContaining('2026-10-05 受警告处分'),
    });

    // R17.2: suspended → refused for it as well.
    expect(await refusedBy(warnedId)).not.toContain('R17.2');
    const suspended = await value(
      prison.addSuspension({
        inmateId: warnedId,
        suspension: { start: '2026-10-12', end: '2026-12-11', reason: 'R17.1(8)', decidedBy: '监狱长 王某' },
      }),
    );
    expect(suspended.suspensions).toEqual([
      expect.objectContaining({ start: '2026-10-12', end: '2026-12-11', reason: 'R17.1(8)' }),
    ]);
    expect(await refusedBy(warnedId)).toEqual(expect.arrayContaining(['R17.2', 'R15.1(4)']));

    // The history keeps them.
    expect(await value(prison.inmate({ inmateId }))).toMatchObject({
      name: '钱七',
      statusPeriods: [expect.objectContaining({ kind: 'confinement' })],
    });
    const record = await value(prison.inmate({ inmateId: warnedId }));
    expect(record).toMatchObject({ name: '孙八', penalties: [{ kind: 'warning', date: '2026-10-05' }] });
    expect(record.suspensions).toHaveLength(1);

    // The bureau learns the visit is refused, not the prison's records (probe 15.5).
    const seen = (await value(bureau.previewApplication({ form: 'form-2', inmateId: warnedId, applicants }))).decision;
    expect(seen.outcome).toBe('refused');
    expect(seen.refusedBy).toEqual([]);
    expect(seen.message).not.toContain('暂停');
  });

  it('R17.2 a suspension longer than three months is bad input: the contract refuses it in zh-CN, and so does the store, nothing is written', async () => {
    const bad = {
      inmateId,
      suspension: { start: '2026-10-12', end: '2027-02-12', reason: 'R17.1(8)' as const, decidedBy: '监狱长 王某' },
    };
    const checked = deskContract.addSuspension.args.safeParse(bad);
    expect(checked.success).toBe(false);
    expect(checked.error?.issues[0]?.message).toBe('暂停会见不得超过三个月（R17.2）');
    const before = (await value(prison.inmate({ inmateId }))).suspensions.length;
    const refused = await refusal(prison.addSuspension(bad));
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'end', message: '暂停会见不得超过三个月（R17.2）' }],
    });
    expect((await value(prison.inmate({ inmateId }))).suspensions).toHaveLength(before);
    // A bureau clerk cannot change a prison's inmate.
    expect(await refusal(bureau.addPenalty({ inmateId, penalty: { kind: 'warning', date: '2026-10-05' } }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('R8.1 a bureau finds the inmate of the named prison by number and name together, and cannot browse that prison', async () => {
    const sites = await value(bureau.sites({ kind: 'prison' }));
    expect(sites.map((s) => s.id)).toEqual(expect.arrayContaining([world.w.prisonA.id, world.w.prisonB.id]));
    const record = await value(prison.inmate({ inmateId }));
    const found = await value(
      bureau.lookupInmate({ prisonId: world.w.prisonA.id, inmateNumber: record.inmateNumber, name: '钱七' }),
    );
    expect(found).toEqual({
      id: inmateId,
      inmateNumber: record.inmateNumber,
      name: '钱七',
      prisonId: world.w.prisonA.id,
      prisonName: '甲监狱',
    });
    expect(
      await value(bureau.lookupInmate({ prisonId: world.w.prisonA.id, inmateNumber: record.inmateNumber, name: '钱八' })),
    ).toBeNull();
    expect(
      await value(bureau.lookupInmate({ prisonId: world.w.prisonB.id, inmateNumber: record.inmateNumber, name: '钱七' })),
    ).toBeNull();
    expect(await value(bureau.searchInmates({ name: '钱七' }))).toEqual([]);
    expect(await value(prison.searchInmates({ name: '钱七' }))).toHaveLength(1);
    expect(await refusal(bureau.inmate({ inmateId }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("readCard fills the identity fields from the terminal's ID card reader; no reader configured → a clear refusal", async () => {
    const withReader = world.desk({ reader: true });
    simulator.placeCard(loadCardFixture(CARD_FIXTURE('resident-valid')));
    const identity = await value(withReader.readCard(undefined));
    expect(identity).toMatchObject({
      name: '张伟',
      sex: 'male',
      birthDate: '1990-03-07',
      address: '云南省昆明市五华区青年路100号',
      document: { kind: 'resident-id', number: '530102199003071238' },
      valid: true,
    });
    // The fields fit the form: the contract accepts them as an applicant's document.
    expect(
      deskContract.previewApplication.args.shape.applicants.element.shape.document.safeParse(identity.document).success,
    ).toBe(true);
    const none = await refusal(world.desk().readCard(undefined));
    expect(none).toMatchObject({ code: 'reader-not-configured', requirement: null });
    expect(none.message).toContain('未配置身份证读卡器');
  });

  it('the store unreachable: login and every call answer OFFLINE in zh-CN, nothing changes', async () => {
    const port = await closedPort();
    const offline = world.desk({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 3_000 });
    const r = await refusal(offline.login({ username: 'bureau-a-reviewer', password: 'Staff-password-1' }));
    expect(r).toMatchObject({ code: 'OFFLINE', requirement: null });
    expect(r.message).toContain('无法连接中心库');
    expect(await value(offline.me(undefined))).toBeNull();
  });

  it('an ended session (token revoked at the store) logs the desk out; the next call asks to log in', async () => {
    const d = await world.deskAs('bureau-a-reviewer');
    // Changing the password at the store ends the account's other sessions.
    const token = await world.store.login('bureau-a-reviewer', 'Staff-password-1');
    const changed = await world.store.call('POST', '/api/auth/password', {
      token,
      body: { currentPassword: 'Staff-password-1', newPassword: 'Staff-password-2' },
    });
    expect(changed.status).toBe(204);
    try {
      expect(await refusal(d.reviewQueue({}))).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String) });
      expect(await value(d.me(undefined))).toBeNull();
      expect(await refusal(d.reviewQueue({}))).toMatchObject({ code: 'NOT_LOGGED_IN' });
    } finally {
      await world.store.call('POST', '/api/auth/password', {
        token,
        body: { currentPassword: 'Staff-password-2', newPassword: 'Staff-password-1' },
      });
    }
  });

  it('R29.1 the overview and its CSV through the desk (UTF-8 with BOM); a reversed range is refused by the contract', async () => {
    const o = await value(prison.overview({ from: '2026-10-01', to: '2026-10-31' }));
    expect(o.scope).toMatchObject({ organisationId: world.w.prisonA.id, kind: 'prison' });
    const csv = await value(prison.overviewCsv({ from: '2026-10-01', to: '2026-10-31' }));
    expect(csv.csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.csv).toContain('远程视频会见概况');
    expect(csv.filename).toBe('会见概况_2026-10-01_2026-10-31.csv');
    const reversed = deskContract.overview.args.safeParse({ from: '2026-10-31', to: '2026-10-01' });
    expect(reversed.error?.issues[0]?.message).toBe('开始日期不能晚于结束日期');
  });
});
