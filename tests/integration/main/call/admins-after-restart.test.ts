// R25.1 R18.1 in main: a terminal opened again on the data folder of one that died mid-call
// (real SQLite, its real call checkpoint) brings the call back with nobody logged in. The call
// stands still — the countdown and its checkpoint do not move while time passes — until two
// administrators log in through the real auth service (argon2id hashes as a sync writes
// them); then it goes on, and the gap is in the audit chain with its start, end, duration
// and who logged in.
import { afterEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditChain } from '../../../../src-main/audit/audit-log';
import { CallMachine, MINUTE_MS } from '../../../../src-main/call/call-machine';
import { readCheckpoints, saveCheckpoint } from '../../../../src-main/call/checkpoints';
import { openTerminal, STORE_FILE_NAME } from '../../../../src-main/terminal';
import type { Terminal } from '../../../../src-main/terminal-types';
import { seedTestAdmins, TEST_ADMINS } from '../../../../harness/terminal/log-admins-in';
import { BUREAU_CONFIG, seedVisits } from '../../../unit/main/helpers/open-test-terminal';

const T0 = Date.parse('2025-05-04T01:00:00Z');
const GRACE = 10 * MINUTE_MS;
const SITE = 'kmgd-sfj';

const dirs: string[] = [];
const opened: Terminal[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data folder whose terminal died 60 s into visit V-0900 (in progress, checkpoint saved). */
async function diedMidCall(savedAt: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-admins-restart-'));
  dirs.push(dir);
  const first = await openTerminal({
    configPath: BUREAU_CONFIG,
    dataDir: dir,
    sync: { autoStart: false },
    now: () => new Date(savedAt),
  });
  first.close();
  const db = new Database(join(dir, STORE_FILE_NAME));
  seedVisits(db);
  db.prepare("UPDATE visits SET status = 'in-progress' WHERE visit_id = 'V-0900'").run();
  const m = new CallMachine({
    visitId: 'V-0900',
    side: 'visitor',
    allowedMs: 30 * MINUTE_MS,
    graceMs: GRACE,
    renegotiateMs: 4_000,
    iceServers: [],
    inmateName: '李四',
    visitors: [{ name: '李小明', relationship: '子女' }],
  });
  m.presence(true);
  m.localMediaReady(T0);
  m.peerSaysReady(T0);
  m.media(1, 'connected', T0);
  const cp = m.checkpoint(savedAt);
  if (!cp) throw new Error('no checkpoint');
  saveCheckpoint(db, cp, new Date(savedAt));
  db.close();
  await seedTestAdmins(dir, SITE);
  return dir;
}

type Entry = { kind: string; actor: string; payload: Record<string, unknown> };
const log = (db: Database.Database): Entry[] =>
  db
    .prepare<[], { kind: string; actor: string; payload: string }>(
      "SELECT kind, actor, payload FROM audit_log WHERE kind LIKE 'call.%' ORDER BY seq",
    )
    .all()
    .map((r) => ({ kind: r.kind, actor: r.actor, payload: JSON.parse(r.payload) as Record<string, unknown> }));

describe('R25.1 R18.1 a terminal restarted mid-visit waits for its two administrators', () => {
  test('R25.1 R18.1 the restored call stands still with nobody logged in, goes on once two have logged in, and the gap is on the record', async () => {
    const dir = await diedMidCall(T0 + 60_000);
    const clock = { at: T0 + 70_000 };
    const t = await openTerminal({
      configPath: BUREAU_CONFIG,
      dataDir: dir,
      sync: { autoStart: false },
      now: () => new Date(clock.at),
      call: { signaling: () => null, graceMs: GRACE, tickMs: 20 },
    });
    opened.push(t);
    const db = new Database(join(dir, STORE_FILE_NAME), { readonly: true });
    try {
      await expect.poll(() => log(db).map((e) => e.kind)).toEqual(['call.restored', 'call.adminsAway']);
      const away = log(db)[1];
      expect(away?.payload).toMatchObject({
        visitId: 'V-0900',
        requirement: 'R25.1',
        since: new Date(T0 + 70_000).toISOString(),
        downSince: new Date(T0 + 60_000).toISOString(),
        loggedIn: 0,
      });
      const state = await t.services.call.current(undefined);
      expect(state).toMatchObject({ paused: true, adminGap: { origin: 'local' }, remainingMs: 29 * MINUTE_MS });
      expect(state?.notices.at(-1)).toMatchObject({ code: 'R25.1', text: '管理人员正在重新登录，会见暂停，时间不计入' });

      // Two minutes pass, one administrator logs in: still standing, the checkpoint too.
      clock.at = T0 + 190_000;
      const first = TEST_ADMINS[0];
      expect((await t.services.auth.login({ username: first.username, password: first.password })).accepted).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect((await t.services.call.current(undefined))?.adminGap).toMatchObject({ origin: 'local' });
      expect(log(db).map((e) => e.kind)).not.toContain('call.adminsBack');
      expect(readCheckpoints(db)[0]?.checkpoint?.elapsedMs).toBe(60_000);

      // The second: the gap closes at the next tick, with who and how long.
      clock.at = T0 + 250_000;
      const second = TEST_ADMINS[1];
      expect((await t.services.auth.login({ username: second.username, password: second.password })).accepted).toBe(true);
      await expect.poll(() => log(db).map((e) => e.kind)).toContain('call.adminsBack');
      const back = log(db).find((e) => e.kind === 'call.adminsBack');
      expect(back).toEqual({
        kind: 'call.adminsBack',
        actor: first.staffId,
        payload: {
          visitId: 'V-0900',
          requirement: 'R25.1',
          from: new Date(T0 + 70_000).toISOString(),
          to: new Date(T0 + 250_000).toISOString(),
          durationMs: 180_000,
          admins: TEST_ADMINS.map((a) => ({ staffId: a.staffId, name: a.name })),
        },
      });
      const after = await t.services.call.current(undefined);
      expect(after?.adminGap).toBeNull();
      expect(after?.notices.at(-1)).toMatchObject({ kind: 'released', code: 'R25.1' });
      // Still reconnecting here (no relay in this test): the R18.1 pause holds the clock, nothing else does.
      expect(after).toMatchObject({ phase: 'reconnecting', paused: true, remainingMs: 29 * MINUTE_MS });
      // The gap is in the terminal's hash chain (R26.1), which still verifies end to end.
      expect(verifyAuditChain(db, 'kmgd-sfj-room1')).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });
});
