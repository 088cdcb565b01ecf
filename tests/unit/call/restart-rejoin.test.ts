// R18.1: a terminal that crashed or lost power mid-call comes back to it.
// The machine's checkpoint and restore over an injected clock, then the terminal itself:
// a real SQLite file with a checkpoint left by a "dead" process, opened again.
import { afterEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallMachine, MINUTE_MS, type CallCheckpoint, type CallMachineOptions } from '../../../src-main/call/call-machine';
import { readCheckpoints, saveCheckpoint } from '../../../src-main/call/checkpoints';
import { openTerminal, STORE_FILE_NAME } from '../../../src-main/terminal';
import type { Terminal } from '../../../src-main/terminal-types';
import { BUREAU_CONFIG, seedVisits } from '../main/helpers/open-test-terminal';

const T0 = Date.parse('2025-05-04T01:00:00Z');
const GRACE = 60_000;
const options = (o: Partial<CallMachineOptions> = {}): CallMachineOptions => ({
  visitId: 'V-0900',
  side: 'visitor',
  allowedMs: 30 * MINUTE_MS,
  graceMs: GRACE,
  renegotiateMs: 4_000,
  iceServers: [],
  inmateName: '李四',
  visitors: [{ name: '李小明', relationship: '子女' }],
  ...o,
});

/** In progress since T0, generation 1. */
function running(o: Partial<CallMachineOptions> = {}): CallMachine {
  const m = new CallMachine(options(o));
  m.presence(true);
  m.localMediaReady(T0);
  m.peerSaysReady(T0);
  m.media(1, 'connected', T0);
  expect(m.phase).toBe('in-progress');
  return m;
}

/** Through JSON, as the table keeps it. */
function roundTrip(cp: CallCheckpoint | null): CallCheckpoint {
  if (!cp) throw new Error('no checkpoint');
  return JSON.parse(JSON.stringify(cp)) as CallCheckpoint;
}

describe('R18.1 call machine checkpoint and restore', () => {
  test('R18.1 restored: reconnecting with the countdown where it stood, only newer connections, the grace time counted from the crash', () => {
    const m = running();
    m.tick(T0 + 25 * MINUTE_MS); // the 5-minute warning, already shown
    const cp = roundTrip(m.checkpoint(T0 + 25 * MINUTE_MS + 500));
    expect(cp).toMatchObject({ phase: 'in-progress', generation: 1, elapsedMs: 25 * MINUTE_MS + 500, warned: [5] });

    const savedAt = T0 + 25 * MINUTE_MS + 500;
    const back = savedAt + 20_000;
    const r = CallMachine.restore(cp, { graceMs: GRACE, renegotiateMs: 4_000 }, savedAt, back);
    expect(r.phase).toBe('reconnecting');
    expect(r.restored).toBe(true);
    expect(r.minGeneration).toBe(2);
    const s = r.snapshot(back, { suspensionProposable: false });
    expect(s).toMatchObject({ remainingMs: 5 * MINUTE_MS - 500, paused: true, graceRemainingMs: GRACE - 20_000, generation: 1 });
    expect(s.notices.map((n) => n.kind)).toEqual(['time-5', 'connection-lost']);
    // Its window comes back: as the initiator would, a visitor side only waits; the prison's
    // renegotiation of generation 2 is adopted, and the connection brings the visit back.
    r.localReady = true;
    expect(r.localReattached(back)).toEqual([]);
    expect(r.adoptGeneration(2)).toEqual([{ kind: 'negotiate', generation: 2 }]);
    expect(r.media(2, 'connected', back + 1_000).map((h) => h.kind)).toEqual(['resumed']);
    // The 5-minute warning is not shown twice; the 1-minute one comes at its time.
    expect(r.tick(back + 2_000)).toEqual([]);
    expect(r.tick(back + 1_000 + 4 * MINUTE_MS - 500).map((h) => h.kind)).toEqual(['time-warning']);
  });

  test('R18.1 an initiator restored builds a new connection at once when its window is back', () => {
    const m = running({ side: 'inmate' });
    const cp = roundTrip(m.checkpoint(T0 + 60_000));
    const r = CallMachine.restore(cp, { graceMs: GRACE, renegotiateMs: 4_000 }, T0 + 60_000, T0 + 70_000);
    r.localReady = true;
    expect(r.localReattached(T0 + 70_000)).toEqual([{ kind: 'negotiate', generation: 2 }]);
  });

  test('R18.1 back after the grace time: the first tick ends the visit as interrupted', () => {
    const m = running();
    const cp = roundTrip(m.checkpoint(T0 + 60_000));
    const r = CallMachine.restore(cp, { graceMs: GRACE, renegotiateMs: 4_000 }, T0 + 60_000, T0 + 60_000 + GRACE + 1);
    expect(r.tick(T0 + 60_000 + GRACE + 1)).toEqual([
      expect.objectContaining({ kind: 'ended', outcome: 'interrupted', code: 'R18.1' }),
    ]);
  });

  test("R18.1 the restored side takes the survivor's countdown once; a call that was never restored ignores it", () => {
    const m = running();
    const cp = roundTrip(m.checkpoint(T0 + 60_000));
    const r = CallMachine.restore(cp, { graceMs: GRACE, renegotiateMs: 4_000 }, T0 + 60_000, T0 + 70_000);
    expect(r.adoptClock(62_000, 35 * MINUTE_MS, T0 + 70_000)).toBe(true);
    expect(r.snapshot(T0 + 70_000, { suspensionProposable: false }).remainingMs).toBe(35 * MINUTE_MS - 62_000);
    expect(r.adoptClock(0, 30 * MINUTE_MS, T0 + 71_000)).toBe(false);
    expect(running().adoptClock(0, 30 * MINUTE_MS, T0)).toBe(false);
  });

  test('nothing to checkpoint before the call is joined or after it ended', () => {
    expect(new CallMachine(options()).checkpoint(T0)).toBeNull();
    const m = running();
    m.end('completed', { code: 'R14.2', text: '会见时间已到', by: null }, 'local', T0 + 1);
    expect(m.checkpoint(T0 + 1)).toBeNull();
  });
});

describe('R18.1 a terminal opened again on the data folder of one that died mid-call', () => {
  const dirs: string[] = [];
  const opened: Terminal[] = [];
  afterEach(() => {
    for (const t of opened.splice(0)) t.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A data folder whose terminal "died" with visit V-0900 in progress and this checkpoint row. */
  async function diedMidCall(state: string | null, savedAt: number): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-call-restart-'));
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
    if (state === null) saveCheckpoint(db, roundTrip(running().checkpoint(savedAt)), new Date(savedAt));
    else
      db.prepare('INSERT INTO call_checkpoints (visit_id, state, saved_at) VALUES (?, ?, ?)').run(
        'V-0900',
        state,
        new Date(savedAt).toISOString(),
      );
    db.close();
    return dir;
  }

  async function reopen(dir: string, at: number): Promise<{ t: Terminal; db: Database.Database }> {
    const t = await openTerminal({
      configPath: BUREAU_CONFIG,
      dataDir: dir,
      sync: { autoStart: false },
      now: () => new Date(at),
      call: { signaling: () => null, graceMs: GRACE, tickMs: 50 },
    });
    opened.push(t);
    const db = new Database(join(dir, STORE_FILE_NAME), { readonly: true });
    return { t, db };
  }

  const kinds = (db: Database.Database) =>
    db
      .prepare<[], { kind: string }>("SELECT kind FROM audit_log WHERE kind LIKE 'call.%' ORDER BY seq")
      .all()
      .map((r) => r.kind);

  test('R18.1 within the grace time the call is back, reconnecting, for the window to rejoin', async () => {
    const dir = await diedMidCall(null, T0 + 60_000);
    const { t, db } = await reopen(dir, T0 + 90_000);
    const state = await t.services.call.current(undefined);
    expect(state).toMatchObject({
      visitId: 'V-0900',
      phase: 'reconnecting',
      paused: true,
      graceRemainingMs: GRACE - 30_000,
      remainingMs: 29 * MINUTE_MS,
      // R25.1: nobody is logged in after the restart: the call also waits for two administrators.
      adminGap: { origin: 'local' },
    });
    expect(kinds(db)).toEqual(['call.restored', 'call.adminsAway']);
    db.close();
  });

  test('R18.1 after the grace time it ends at once as interrupted, not a used visit, and nothing is left to rejoin', async () => {
    const dir = await diedMidCall(null, T0 + 60_000);
    const { t, db } = await reopen(dir, T0 + 60_000 + GRACE + 5_000);
    await expect.poll(() => kinds(db)).toEqual(['call.restored', 'call.interrupted']);
    expect((await t.services.call.current(undefined))?.outcome).toBe('interrupted');
    expect(db.prepare("SELECT status FROM visits WHERE visit_id = 'V-0900'").get()).toEqual({ status: 'interrupted' });
    expect(readCheckpoints(db)).toEqual([]);
    const row = db.prepare<[], { payload: string }>("SELECT payload FROM audit_log WHERE kind = 'call.interrupted'").get();
    const payload = JSON.parse(row?.payload ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({ countsAsUsedVisit: false, outcome: 'interrupted' });
    db.close();
  });

  test('R18.1 an unreadable checkpoint is reported in the audit log and removed; no call is made up', async () => {
    const dir = await diedMidCall('{"v":1,"phase":"in-progress"}', T0 + 60_000);
    const { t, db } = await reopen(dir, T0 + 70_000);
    await expect.poll(() => kinds(db)).toEqual(['call.checkpointUnreadable']);
    expect(await t.services.call.current(undefined)).toBeNull();
    expect(readCheckpoints(db)).toEqual([]);
    db.close();
  });
});
