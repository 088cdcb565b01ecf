// One rule for a terminal's id on both sides (src-shared/sync/terminal-id.ts):
// any safe token, not only a UUID, so a site's readable ids (ynjy01-room1, as in the example
// configurations) enrol, push a chain that hashes that id, and upload; an unsafe id is
// refused in zh-CN by the terminal before anything goes out, and by the store with nothing stored.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { terminalConfigSchema } from '../../../src-main/config/schema';
import { enrolTerminal } from '../../../src-main/sync/enrol';
import { compareWithCentral } from './helpers/central-check';
import { addSealedRecording, fillAudit } from '../../../harness/sync/recording-fixture';
import { drain, newVisit } from '../../../harness/sync/worlds';
import { enrolledTerminal, startCentral, type CentralWorld } from '../../../harness/sync/sync-world';

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

const fixtureIds = ['prison', 'bureau'].map(
  (f) =>
    (
      JSON.parse(readFileSync(new URL(`../../../harness/fixtures/terminal-config/${f}.json`, import.meta.url), 'utf8')) as {
        terminalId: string;
      }
    ).terminalId,
);

describe('a terminal id that is not a UUID', { timeout: 60_000 }, () => {
  test("the example configurations' ids are valid terminal ids on both sides", () => {
    expect(fixtureIds).toEqual(['ynjy01-room1', 'kmgd-sfj-room1']);
  });

  test('ynjy01-room1-style id: enrols, its chain (hashing that id) and a recording reach the store exactly once', async () => {
    const terminalId = `ynjy01-room1.${randomBytes(3).toString('hex')}`;
    const t = await enrolledTerminal(central, { terminalId });
    expect(t.config.terminalId).toBe(terminalId);
    fillAudit(t.db, terminalId, 30, t.clock.now());
    const visitId = await newVisit(central.store, central.w);
    addSealedRecording({
      db: t.db,
      recordingDir: t.config.recordingDir,
      terminalId,
      visitId,
      at: t.clock.now(),
      segmentBytes: [5000],
      archiveBytes: 9000,
    });
    expect(await drain(t.worker())).toMatchObject({ ok: true });
    expect(
      compareWithCentral(t.db, terminalId, {
        file: (central.store.fresh.database as { file: string }).file,
        dataDir: central.store.fresh.dataDir,
      }),
    ).toEqual([]);
    const row = await central.store.app.ctx.db
      .selectFrom('terminals')
      .select('id')
      .where('id', '=', terminalId)
      .executeTakeFirst();
    expect(row).toEqual({ id: terminalId });
    t.close();
  });

  test('an unsafe id is refused by the terminal in zh-CN before the store is asked, and the code stays usable', async () => {
    const t = await enrolledTerminal(central, { enrol: false });
    const code = (
      await central.store.call('POST', '/api/terminals/enrolment-codes', {
        token: central.w.tokens.prisonAAdmin,
        body: { roomId: central.w.prisonA.roomId },
      })
    ).body.code as string;
    let asked = 0;
    const counting = (input: string, init?: RequestInit) => ((asked += 1), fetch(input, init));
    for (const bad of ['../etc', 'a b', '-lead', 'x'.repeat(65), '终端一']) {
      await expect(enrolTerminal(t.db, { ...t.config, terminalId: bad }, code, t.clock.now(), counting)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('终端编号只能由字母、数字'),
      });
      // The configuration file refuses the same ids.
      expect(terminalConfigSchema.safeParse({ ...t.config, terminalId: bad }).success).toBe(false);
    }
    expect(asked).toBe(0);
    await enrolTerminal(t.db, t.config, code, t.clock.now(), counting);
    expect(asked).toBe(1);
    t.close();
  });
});
