// R25.1 probe 15.4: every method of the IPC contract declares who may call it, and main's
// dispatcher enforces it before any service runs. The walk below calls every method of
// every namespace through the real dispatcher of a real terminal (openTerminal, SQLite in
// a temporary folder) with nobody logged in, one administrator, two, and after the
// inactivity lock; a refused call answers NOT_AUTHORISED and changes nothing (every table,
// the audit chain). A method without a requirement, or without a valid call here, fails.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAccessGate, type AccessFacts } from '../../../src-main/ipc/access-gate';
import { createDispatcher, type Dispatch } from '../../../src-main/ipc/dispatch';
import { playbackRootOf } from '../../../src-main/ipc/playback-access';
import { createAppProtocolHandler } from '../../../src-main/electron/protocol';
import { CallMachine, MINUTE_MS } from '../../../src-main/call/call-machine';
import { saveCheckpoint } from '../../../src-main/call/checkpoints';
import { writeCredential } from '../../../src-main/sync/credential';
import { loadTerminalConfig } from '../../../src-main/config/load';
import { openTerminal, STORE_FILE_NAME } from '../../../src-main/terminal';
import type { Terminal } from '../../../src-main/terminal-types';
import { importDaySnapshot } from '../../../src-main/visit-day';
import { ACCESS_LEVELS, type Access } from '../../../src-shared/ipc/access';
import { contractChannels } from '../../../src-shared/ipc/contract';
import type { IpcResult } from '../../../src-shared/ipc/result';
import { at, CONFIG_WITH_READER, daySnapshot, STAFF } from '../../../harness/fixtures/visit-day/day-snapshot';
import { count, useDayTerminals, type DayTerminal } from '../visit-day/helpers';
import { snapshotDatabase } from './helpers/db-snapshot';
import { BUREAU_CONFIG, seedVisits } from './helpers/open-test-terminal';
import { validContractCalls } from './helpers/contract-calls';

/** A well-formed call for every channel (the bureau fixture's day); one missing fails the walk. */
const validArgs = validContractCalls({ visitId: 'V-1000', day: '2026-05-06' });

type State = 'nobody' | 'one' | 'two' | 'locked';
const STATES: State[] = ['nobody', 'one', 'two', 'locked'];

const channels = contractChannels();
const accessOf = (channel: string): Access | undefined => channels.find((c) => c.channel === channel)?.access;

/** Nothing here runs a live call or an open recording, and the terminal is not enrolled. */
function expectedAllowed(access: Access, state: State): boolean {
  switch (access) {
    case 'none':
    case 'enrolment':
      return true;
    case 'one-admin':
      return state === 'one' || state === 'two';
    case 'two-admins':
    case 'live-visit':
      return state === 'two';
    case 'desk-clerk':
      return false;
  }
}

const openDay = useDayTerminals();
const auditLength = (t: { db: DayTerminal['db'] }) => count(t.db, 'SELECT COUNT(*) AS n FROM audit_log');

interface WalkTerminal {
  t: Pick<DayTerminal, 'terminal' | 'db' | 'clock'>;
  dataDir: string;
  dispatch: Dispatch;
  /** Puts the terminal back in its state after a call that changed it (a lock, a logout). */
  settle(): Promise<void>;
  close(): void;
}

const loginAs = async (terminal: Terminal, who: { username: string; password: string }) => {
  const r = await terminal.services.auth.login({ username: who.username, password: who.password });
  if (!r.accepted) throw new Error(r.refusal.message);
};

/** The bureau fixture terminal with the day imported, kept open for a whole walk (useDayTerminals closes after each test). */
async function terminalIn(state: State): Promise<WalkTerminal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-ipc-authorisation-'));
  const clock = {
    now: at('09:20'),
    set(hhmm: string) {
      clock.now = at(hhmm);
    },
  };
  const terminal = await openTerminal({
    configPath: CONFIG_WITH_READER,
    dataDir,
    now: () => clock.now,
    sync: { autoStart: false },
  });
  const db = new Database(join(dataDir, STORE_FILE_NAME));
  db.pragma('busy_timeout = 5000');
  const config = loadTerminalConfig(CONFIG_WITH_READER);
  importDaySnapshot(db, await daySnapshot(), {
    terminalId: config.terminalId,
    siteId: config.site.id,
    roomId: config.room.id,
    now: clock.now,
  });
  const settle = async () => {
    const { admins } = await terminal.services.auth.session(undefined);
    const want = state === 'one' ? 1 : state === 'two' ? 2 : 0;
    if (admins.length === want) return;
    await terminal.services.auth.lock(undefined);
    if (want >= 1) await loginAs(terminal, STAFF.li);
    if (want === 2) await loginAs(terminal, STAFF.he);
  };
  await settle();
  if (state === 'locked') {
    await loginAs(terminal, STAFF.li);
    await loginAs(terminal, STAFF.he);
    // Eleven minutes without a touch: the inactivity lock (10 min) is due, and applied at the next check.
    clock.set('09:31');
    expect(terminal.access.check('two-admins', undefined)).toMatchObject({ code: 'NOT_AUTHORISED' });
  }
  return {
    t: { terminal, db, clock },
    dataDir,
    dispatch: createDispatcher(terminal),
    settle,
    close() {
      db.close();
      terminal.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('R25.1 probe 15.4: every IPC method declares who may call it, and the dispatcher enforces it', () => {
  test('every method of every namespace has a declared requirement; counts per level', () => {
    const perLevel = Object.fromEntries(ACCESS_LEVELS.map((level) => [level, 0])) as Record<Access, number>;
    const missing: string[] = [];
    for (const c of channels) {
      if (!(ACCESS_LEVELS as readonly string[]).includes(c.access)) missing.push(c.channel);
      else perLevel[c.access] += 1;
      expect(Object.hasOwn(validArgs, c.channel), `no valid call for ${c.channel}`).toBe(true);
    }
    console.log(`[ipc-authorisation] ${channels.length} methods: ${ACCESS_LEVELS.map((l) => `${l} ${perLevel[l]}`).join(', ')}`);
    expect(missing).toEqual([]);
    expect(Object.values(perLevel).reduce((a, b) => a + b, 0)).toBe(channels.length);
    // What the probe found open while locked needs both administrators (or, for a
    // recording's own plumbing, a visit they started).
    for (const m of [
      'checkin.roster',
      'admin.recentAudit',
      'sync.syncNow',
      'recording.list',
      'recording.playbackUrl',
      'recording.verify',
    ]) {
      expect(accessOf(`kiosk:${m}`), m).toBe('two-admins');
    }
    expect(accessOf('kiosk:recording.start')).toBe('live-visit');
    expect(accessOf('kiosk:admin.enrol')).toBe('enrolment');
    // The desk: everything but the clerk's own session needs the clerk's login.
    expect(
      channels
        .filter((c) => c.ns === 'desk' && c.access !== 'desk-clerk')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['login', 'logout', 'me']);
  });

  describe.each(STATES)('%s', (state) => {
    let world: Awaited<ReturnType<typeof terminalIn>>;
    const tally = { allowed: 0, refused: 0 };
    beforeAll(async () => {
      world = await terminalIn(state);
    });
    afterAll(() => {
      world.close();
      console.log(
        `[ipc-authorisation] ${state}: ${tally.allowed} allowed, ${tally.refused} refused (NOT_AUTHORISED, nothing changed)`,
      );
    });

    test.each(channels)(
      '$channel ($access)',
      async ({ channel, access }) => {
        const { t, dispatch, settle, dataDir } = world;
        await settle();
        const allowed = expectedAllowed(access, state);
        const before = allowed ? null : { db: snapshotDatabase(join(dataDir, STORE_FILE_NAME)), audit: auditLength(t) };
        const result: IpcResult<unknown> = await dispatch(channel, validArgs[channel]);
        if (allowed) {
          tally.allowed += 1;
          if (!result.ok) expect(result.error.code, `${channel}: ${result.error.message}`).not.toBe('NOT_AUTHORISED');
        } else {
          tally.refused += 1;
          expect(result).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORISED', message: expect.stringMatching(/登录/) } });
          expect(auditLength(t)).toBe(before?.audit);
          expect(snapshotDatabase(join(dataDir, STORE_FILE_NAME))).toEqual(before?.db);
        }
      },
      20_000,
    );
  });
});

describe('R25.1 the requirement levels that depend on the terminal', () => {
  test('the inactivity lock counts as nobody: the call that finds it due is refused, and the lock is on the record', async () => {
    const t = await openDay('09:20');
    const dispatch = createDispatcher(t.terminal);
    await t.loginBoth();
    expect(await dispatch('kiosk:checkin.roster', { visitId: 'V-1000' })).toMatchObject({ ok: true });
    t.clock.set('09:31');
    expect(await dispatch('kiosk:checkin.roster', { visitId: 'V-1000' })).toEqual({
      ok: false,
      error: { code: 'NOT_AUTHORISED', message: '需要两名管理员登录后才能操作（R25.1）' },
    });
    expect(
      count(
        t.db,
        "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'auth.locked' AND json_extract(payload, '$.reason') = 'inactivity'",
      ),
    ).toBe(1);
    expect(await dispatch('kiosk:auth.session', undefined)).toMatchObject({ ok: true, value: { admins: [], locked: true } });
  });

  test('enrolment: nobody is needed before the terminal holds a credential; once it does, re-enrolment needs two administrators', async () => {
    const t = await openDay('09:20');
    const dispatch = createDispatcher(t.terminal);
    const dir = dataDirOf(t);
    // Not enrolled: the call runs (and fails only for want of a central store).
    expect(await dispatch('kiosk:admin.enrol', { code: 'ABCD-EFGH-JKLM' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('无法连接中心库') },
    });
    writeCredential(dir, {
      terminalId: 'kmgd-sfj-room1',
      secret: 's'.repeat(43),
      roomId: 'room1',
      organisationId: 'org',
      centralStoreUrl: 'http://127.0.0.1:9',
      enrolledAt: '2026-05-06T01:00:00.000Z',
    });
    const before = snapshotDatabase(join(dir, STORE_FILE_NAME));
    expect(await dispatch('kiosk:admin.enrol', { code: 'ABCD-EFGH-JKLM' })).toEqual({
      ok: false,
      error: { code: 'NOT_AUTHORISED', message: '本终端已注册：重新注册需要两名管理员登录后才能操作（R25.1）' },
    });
    expect(snapshotDatabase(join(dir, STORE_FILE_NAME))).toEqual(before);
    await t.loginBoth();
    expect(await dispatch('kiosk:admin.enrol', { code: 'ABCD-EFGH-JKLM' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  test('a visit two administrators started keeps its media and recording through a lock, and only that visit', () => {
    const facts = (over: Partial<AccessFacts>): AccessFacts => ({
      session: () => ({ admins: [], locked: true }),
      liveCallVisit: () => null,
      recordingOpen: () => false,
      enrolled: () => false,
      deskClerk: () => false,
      ...over,
    });
    const locked = createAccessGate(facts({ liveCallVisit: () => 'V-LIVE', recordingOpen: (id) => id === 'R-OPEN' }));
    expect(locked.check('live-visit', { visitId: 'V-LIVE', generation: 1, state: 'connected' })).toBeNull();
    expect(locked.check('live-visit', undefined)).toBeNull();
    expect(locked.check('live-visit', { recordingId: 'R-OPEN', seq: 0 })).toBeNull();
    expect(locked.check('live-visit', { visitId: 'V-OTHER' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(locked.check('live-visit', { recordingId: 'R-SEALED' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    // The visit's controls (warn, terminate, …) are 'two-admins': never through a lock.
    expect(locked.check('two-admins', { visitId: 'V-LIVE' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    const idle = createAccessGate(facts({}));
    expect(idle.check('live-visit', undefined)).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(idle.check('live-visit', { visitId: 'V-LIVE' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    const clerk = createAccessGate(facts({ deskClerk: () => true }));
    expect(clerk.check('desk-clerk', {})).toBeNull();
    expect(clerk.check('two-admins', {})).toMatchObject({ code: 'NOT_AUTHORISED' });
  });

  test("R18.1 a terminal restarted mid-visit (nobody logged in) keeps that visit's media and recording, not its controls, and nothing of another visit", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-ipc-restart-'));
    try {
      const T0 = Date.parse('2025-05-04T01:00:00Z');
      const first = await openTerminal({
        configPath: BUREAU_CONFIG,
        dataDir: dir,
        sync: { autoStart: false },
        now: () => new Date(T0),
      });
      first.close();
      const seed = new Database(join(dir, STORE_FILE_NAME));
      seedVisits(seed);
      seed.prepare("UPDATE visits SET status = 'in-progress' WHERE visit_id = 'V-0900'").run();
      const machine = new CallMachine({
        visitId: 'V-0900',
        side: 'visitor',
        allowedMs: 30 * MINUTE_MS,
        graceMs: 60_000,
        renegotiateMs: 4_000,
        iceServers: [],
        inmateName: '李四',
        visitors: [{ name: '李小明', relationship: '子女' }],
      });
      machine.presence(true);
      machine.localMediaReady(T0);
      machine.peerSaysReady(T0);
      machine.media(1, 'connected', T0);
      const checkpoint = machine.checkpoint(T0 + 60_000);
      if (!checkpoint) throw new Error('no checkpoint');
      saveCheckpoint(seed, checkpoint, new Date(T0 + 60_000));
      seed.close();
      const t = await openTerminal({
        configPath: BUREAU_CONFIG,
        dataDir: dir,
        sync: { autoStart: false },
        now: () => new Date(T0 + 70_000),
        call: { signaling: () => null, graceMs: 60_000, tickMs: 50 },
      });
      try {
        const dispatch = createDispatcher(t);
        await expect
          .poll(async () => (await dispatch('kiosk:call.current', undefined)) as unknown)
          .toMatchObject({ ok: true, value: { visitId: 'V-0900', phase: 'reconnecting' } });
        expect(await dispatch('kiosk:auth.session', undefined)).toMatchObject({ ok: true, value: { admins: [] } });
        expect(await dispatch('kiosk:call.media', { visitId: 'V-0900', generation: 0, state: 'local-ready' })).toEqual({
          ok: true,
          value: null,
        });
        expect(t.access.check('live-visit', { visitId: 'V-0900' })).toBeNull();
        expect(await dispatch('kiosk:call.media', { visitId: 'V-OTHER', generation: 0, state: 'local-ready' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_AUTHORISED' },
        });
        expect(await dispatch('kiosk:recording.start', { visitId: 'V-0930' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_AUTHORISED' },
        });
        expect(await dispatch('kiosk:call.warn', { visitId: 'V-0900', code: 'R16.1(2)' })).toMatchObject({
          ok: false,
          error: { code: 'NOT_AUTHORISED' },
        });
        expect(await dispatch('kiosk:recording.list', undefined)).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORISED' } });
      } finally {
        t.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a gate that cannot decide refuses: the service does not run', async () => {
    const t = await openDay('09:20');
    const internal: string[] = [];
    const dispatch = createDispatcher(
      {
        services: t.terminal.services,
        access: {
          check: () => {
            throw new Error('broken');
          },
        },
      },
      { onInternalError: (c) => internal.push(c) },
    );
    const audit = auditLength(t);
    expect(await dispatch('kiosk:auth.lock', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(internal).toEqual(['kiosk:auth.lock']);
    expect(auditLength(t)).toBe(audit);
  });

  test('R25.1 an archive plays back over app:// only while two administrators are logged in', async () => {
    const t = await openDay('09:20');
    const dir = dataDirOf(t);
    const recordingDir = t.terminal.recordings.recordingDir;
    mkdirSync(join(recordingDir, 'V-1000-1'), { recursive: true });
    writeFileSync(join(recordingDir, 'V-1000-1', 'archive.webm'), Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    const handler = createAppProtocolHandler(join(dir, 'renderer'), () => undefined, {
      playbackRoot: () => playbackRootOf(t.terminal),
    });
    const play = async () => (await handler(new Request('app://kiosk/recordings/V-1000-1/archive.webm'))).status;
    expect(await play()).toBe(404);
    await t.loginBoth();
    expect(await play()).toBe(200);
    t.clock.set('09:31'); // the inactivity lock is due
    expect(await play()).toBe(404);
  });

  test('visit.listForDay needs no login, so the inmate’s name leaves main masked to the surname', async () => {
    const t = await openDay('09:20');
    const dispatch = createDispatcher(t.terminal);
    const result = await dispatch('kiosk:visit.listForDay', { date: '2026-05-06' });
    expect(result.ok && (result.value as Array<{ inmateName: string }>).map((v) => v.inmateName)).toEqual([
      '张＊＊',
      '阿＊',
      '刀＊＊',
    ]);
  });
});

/** The terminal's data folder (the helper's temporary one), from its store connection. */
const dataDirOf = (t: DayTerminal): string => dirname(t.db.name);
