// The IPC contract end to end on the main side: createDispatcher(terminal) over a real
// store. Every method answers (a value, or NOT_AUTHORISED when its declared requirement is
// not met: tests/unit/main/ipc-authorisation.test.ts walks those); a malformed call gets a
// typed error and changes nothing; a failing service gives INTERNAL and main keeps running.
import { latestVersion } from '../../../src-main/store/migrations';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dirname } from 'node:path';
import { contractChannels } from '../../../src-shared/ipc/contract';
import type { IpcResult } from '../../../src-shared/ipc/result';
import { createDispatcher, type Dispatch } from '../../../src-main/ipc/dispatch';
import { createAdminSessionState } from '../../../src-main/visit-day/admin-session';
import { createEventHub } from '../../../src-main/event-hub';
import type { KioskEventName } from '../../../src-shared/ipc/contract';
import { setKv, KV } from '../../../src-main/store';
import { appendAudit } from '../../../src-main/audit';
import { snapshotDatabase } from '../../unit/main/helpers/db-snapshot';
import { openTestTerminal, seedVisits, type TestTerminal } from '../../unit/main/helpers/open-test-terminal';
import { useTempDirs } from '../../unit/main/helpers/temp-dir';
import { logTwoAdminsIn } from '../../../harness/terminal/log-admins-in';
import { validContractCalls } from '../../unit/main/helpers/contract-calls';

const tempDir = useTempDirs('kiosk-ipc-');
let t: TestTerminal;
let dispatch: Dispatch;
let internalErrors: string[];

beforeEach(async () => {
  t = await openTestTerminal(tempDir());
  seedVisits(t.db);
  internalErrors = [];
  dispatch = createDispatcher(t.terminal, { onInternalError: (channel) => internalErrors.push(channel) });
});
afterEach(() => t.close());

const value = <T>(result: IpcResult<T>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};
const auditRows = () => (t.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

/** A valid call for every channel; a channel added to the contract without one fails here. */
const validArgs = validContractCalls({ visitId: 'V-0900', day: '2025-05-06', staffId: 'S-1' });

/** A well-formed enrolment with no central store listening: a typed refusal that says so; enrolment itself is tested in tests/integration/sync. */
const REFUSED_WITHOUT_CENTRAL_STORE = new Set(['kiosk:admin.enrol']);

/** Valid calls that need a live recording (or a real visit and ffmpeg): covered in tests/integration/main/recording and e2e. */
const NOT_FOUND_WITHOUT_STATE = new Set([
  'kiosk:recording.start',
  'kiosk:recording.chunk',
  'kiosk:recording.incident',
  'kiosk:recording.stop',
  'kiosk:recording.verify',
  'kiosk:recording.playbackUrl',
]);

/** Channels that record something (a refused login or step is logged too; the terminal's display settings,
 * #21, are stored): left out of the read-only check. */
const WRITING = new Set([
  'kiosk:auth.login',
  'kiosk:checkin.readCard',
  'kiosk:checkin.manual',
  'kiosk:device.equipmentCheck',
  'kiosk:admin.setLargeType',
  'kiosk:admin.setSpeech',
]);

/** R25.1: the methods anyone may call before a login (the rest answer NOT_AUTHORISED here). */
const OPEN_BEFORE_LOGIN = new Set(
  contractChannels()
    .filter((c) => c.access === 'none' || c.access === 'enrolment')
    .map((c) => c.channel),
);
const logIn = () => logTwoAdminsIn(t.terminal, dirname(t.storePath), 'ynjy01');

describe('dispatcher + services', () => {
  test.each(contractChannels().map((c) => c.channel))('%s answers a valid call', async (channel) => {
    expect(Object.hasOwn(validArgs, channel)).toBe(true);
    const result = await dispatch(channel, validArgs[channel]);
    if (!OPEN_BEFORE_LOGIN.has(channel)) expect(result).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORISED' } });
    else if (REFUSED_WITHOUT_CENTRAL_STORE.has(channel))
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringContaining('无法连接中心库') },
      });
    else
      expect(result).toMatchObject(
        NOT_FOUND_WITHOUT_STATE.has(channel) ? { ok: false, error: { code: 'NOT_FOUND' } } : { ok: true },
      );
  });

  test('R25.1 auth.session: locked while fewer than two administrators are logged in', async () => {
    expect(value(await dispatch('kiosk:auth.session', undefined))).toEqual({ admins: [], locked: true });
  });

  test('visit.listForDay lists the day’s visits in start-time order, the inmate’s name masked (no login needed)', async () => {
    const visits = value(await dispatch('kiosk:visit.listForDay', { date: '2025-05-04' }));
    expect(visits).toEqual([
      {
        visitId: 'V-0900',
        date: '2025-05-04',
        startTime: '09:00',
        minutes: 30,
        inmateName: '李＊',
        visitorCount: 3,
        status: 'checking-in',
      },
      {
        visitId: 'V-0930',
        date: '2025-05-04',
        startTime: '09:30',
        minutes: 30,
        inmateName: '张＊',
        visitorCount: 2,
        status: 'scheduled',
      },
    ]);
    expect(value(await dispatch('kiosk:visit.listForDay', { date: '2025-06-01' }))).toEqual([]);
  });

  test('visit.listForDay refuses a day that does not exist', async () => {
    expect(await dispatch('kiosk:visit.listForDay', { date: '2025-02-30' })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '日期不存在：2025-02-30' },
    });
  });

  test('R11.1 checkin.listForVisit lists check-ins in arrival order', async () => {
    await logIn();
    const entries = value(await dispatch('kiosk:checkin.listForVisit', { visitId: 'V-0900' })) as Array<{ name: string }>;
    expect(entries.map((e) => e.name)).toEqual(['李小红', '李小明']);
    expect(value(await dispatch('kiosk:checkin.listForVisit', { visitId: 'V-0930' }))).toEqual([]);
  });

  test('checkin.listForVisit for an unknown visit gives NOT_FOUND in zh-CN', async () => {
    await logIn();
    const result = await dispatch('kiosk:checkin.listForVisit', { visitId: 'V-NONE' });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到编号为 V-NONE 的会见。' } });
    expect(internalErrors).toEqual([]);
  });

  test('R13.1 recording.list lists the recordings held locally', async () => {
    await logIn();
    expect(value(await dispatch('kiosk:recording.list', undefined))).toEqual([
      {
        recordingId: 'R1',
        visitId: 'V-0900',
        state: 'sealed',
        startedAt: '2025-05-04T01:00:00.000Z',
        bytes: 1048576,
        // No manifest, no upload row, never verified in this seeded row.
        endedAt: null,
        durationMs: null,
        upload: 'none',
        verification: null,
        playbackPath: null,
      },
    ]);
  });

  test('sync.status counts unsent outbox rows and reads the last success and error', async () => {
    expect(value(await dispatch('kiosk:sync.status', undefined))).toMatchObject({
      queuedEvents: 0,
      lastSuccessAt: null,
      lastError: null,
      unsentAuditEntries: expect.any(Number),
      uploads: [],
    });
    const outbox = t.db.prepare("INSERT INTO outbox (kind, payload, created_at, sent_at) VALUES ('audit', '{}', 't', ?)");
    outbox.run(null);
    outbox.run(null);
    outbox.run('2025-05-04T02:00:00.000Z');
    setKv(t.db, KV.syncLastSuccessAt, '2025-05-04T02:00:00.000Z', new Date());
    setKv(t.db, KV.syncLastError, '中心库无法连接', new Date());
    expect(value(await dispatch('kiosk:sync.status', undefined))).toMatchObject({
      queuedEvents: 2,
      lastSuccessAt: '2025-05-04T02:00:00.000Z',
      lastError: '中心库无法连接',
    });
  });

  test('device.storeHealth reports a healthy store at the current schema version', async () => {
    await logIn();
    expect(value(await dispatch('kiosk:device.storeHealth', undefined))).toEqual({
      schemaVersion: latestVersion(),
      integrity: 'ok',
      movedAsideTo: null,
    });
  });

  test('admin.siteInfo comes from the configuration and package.json', async () => {
    expect(value(await dispatch('kiosk:admin.siteInfo', undefined))).toEqual({
      terminalId: 'ynjy01-room1',
      siteName: '云南省第一监狱',
      siteKind: 'prison',
      roomName: '一监区远程视频会见室',
      appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      language: 'zh-CN',
      mode: 'kiosk',
    });
  });

  test('R26.1 admin.recentAudit gives the newest entries first, up to the limit', async () => {
    await logIn();
    const terminalId = (t.db.prepare('SELECT terminal_id FROM audit_log WHERE seq = 1').get() as { terminal_id: string })
      .terminal_id;
    // Four more after terminal.started and the two logins, a second apart, so seq and time both order them.
    const start = Date.parse('2025-05-04T01:00:00.000Z');
    for (const [i, kind] of ['test.first', 'test.second', 'test.third', 'test.fourth'].entries()) {
      appendAudit(t.db, terminalId, { kind, payload: { i } }, new Date(start + i * 1000));
    }
    type Entry = { seq: number; at: string; kind: string };
    const three = value(await dispatch('kiosk:admin.recentAudit', { limit: 3 })) as Entry[];
    expect(three.map((e) => [e.seq, e.kind])).toEqual([
      [7, 'test.fourth'],
      [6, 'test.third'],
      [5, 'test.second'],
    ]);
    expect(three.map((e) => e.at)).toEqual(['2025-05-04T01:00:03.000Z', '2025-05-04T01:00:02.000Z', '2025-05-04T01:00:01.000Z']);
    const all = value(await dispatch('kiosk:admin.recentAudit', { limit: 500 })) as Entry[];
    expect(all.map((e) => [e.seq, e.kind])).toEqual([
      [7, 'test.fourth'],
      [6, 'test.third'],
      [5, 'test.second'],
      [4, 'test.first'],
      [3, 'auth.login'],
      [2, 'auth.login'],
      [1, 'terminal.started'],
    ]);
    expect(all.at(-1)).toEqual({
      seq: 1,
      at: expect.any(String),
      kind: 'terminal.started',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  const malformed: Array<[string, string, unknown]> = [
    ['a wrong type', 'kiosk:visit.listForDay', { date: 20250504 }],
    ['a wrongly shaped date', 'kiosk:visit.listForDay', { date: '2025-5-4' }],
    ['an extra key', 'kiosk:visit.listForDay', { date: '2025-05-04', all: true }],
    ['missing args', 'kiosk:checkin.listForVisit', undefined],
    ['null args', 'kiosk:checkin.listForVisit', null],
    ['a string for an object', 'kiosk:checkin.listForVisit', 'V-0900'],
    ['an over-long id', 'kiosk:checkin.listForVisit', { visitId: 'x'.repeat(65) }],
    ['args to a method that takes none', 'kiosk:auth.session', {}],
    ['a limit of 0', 'kiosk:admin.recentAudit', { limit: 0 }],
    ['a limit over 500', 'kiosk:admin.recentAudit', { limit: 501 }],
    ['a fractional limit', 'kiosk:admin.recentAudit', { limit: 1.5 }],
    ['a __proto__ key', 'kiosk:admin.recentAudit', JSON.parse('{"limit": 5, "__proto__": {"polluted": true}}')],
    [
      'a constructor key',
      'kiosk:checkin.listForVisit',
      JSON.parse('{"visitId": "V-0900", "constructor": {"prototype": {"polluted": true}}}'),
    ],
    // probe 15.1: only what a WebRTC peer emits is a signal; anything else is refused at the boundary, not dropped silently.
    [
      'a signal with an unknown key',
      'kiosk:call.signal',
      { visitId: 'V-0900', generation: 1, data: { type: 'offer', sdp: 'v=0', extra: 1 } },
    ],
    ['a signal that is no WebRTC message', 'kiosk:call.signal', { visitId: 'V-0900', generation: 1, data: { hello: 'world' } }],
    [
      'a deeply nested signal',
      'kiosk:call.signal',
      { visitId: 'V-0900', generation: 1, data: JSON.parse('['.repeat(6000) + ']'.repeat(6000)) },
    ],
    [
      'an oversized SDP',
      'kiosk:call.signal',
      { visitId: 'V-0900', generation: 1, data: { type: 'offer', sdp: 'v'.repeat(49 * 1024) } },
    ],
  ];

  test.each(malformed)('%s gives INVALID_ARGUMENT and changes nothing', async (_name, channel, args) => {
    const before = snapshotDatabase(t.storePath);
    const result = await dispatch(channel, args);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '参数不正确，未做任何更改。' } });
    if (!result.ok) expect(result.error.issues?.length).toBeGreaterThan(0);
    expect(snapshotDatabase(t.storePath)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    'kiosk:nope.x',
    'kiosk:__proto__.x',
    'kiosk:__proto__.toString',
    'kiosk:admin.constructor',
    'kiosk:admin.__proto__',
    'kiosk:admin.hasOwnProperty',
    'kiosk:constructor.name',
    'kiosk:toString.call',
    'kiosk:admin.siteInfo.extra',
    'kiosk:admin',
    'kiosk:',
    'admin.siteInfo',
    'kiosk-event:sync.status',
    '',
    42,
    null,
    { toString: () => 'kiosk:admin.siteInfo' },
  ])('an unknown channel %j gives UNKNOWN_METHOD and changes nothing', async (channel) => {
    const rows = auditRows();
    const result = await dispatch(channel, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(auditRows()).toBe(rows);
    expect(internalErrors).toEqual([]);
  });

  test('valid reads do not write: the audit log and every table stay as they were', async () => {
    const before = snapshotDatabase(t.storePath);
    for (const [channel, args] of Object.entries(validArgs)) if (!WRITING.has(channel)) await dispatch(channel, args);
    expect(snapshotDatabase(t.storePath)).toEqual(before);
  });

  test('a service that throws gives INTERNAL, is reported, and main keeps answering', async () => {
    // A real failure: the terminal's store is closed under the services.
    t.terminal.close();
    const rows = auditRows();
    const result = await dispatch('kiosk:visit.listForDay', { date: '2025-05-04' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '终端内部错误，操作未完成，请重试或联系技术支持。' },
    });
    expect(internalErrors).toEqual(['kiosk:visit.listForDay']);
    // Still answering: methods that do not need the store work, bad calls are still typed.
    expect(await dispatch('kiosk:admin.siteInfo', undefined)).toMatchObject({ ok: true });
    expect(await dispatch('kiosk:__proto__.x', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(auditRows()).toBe(rows);
  });
});

describe('session and events', () => {
  test('R25.1 the session unlocks with two administrators and every change is pushed as an event', () => {
    const hub = createEventHub();
    const seen: Array<[KioskEventName, unknown]> = [];
    const unsubscribe = hub.subscribe((event, payload) => seen.push([event, payload]));
    const session = createAdminSessionState((s) => hub.emit('auth.session', s));
    const one = { staffId: 'P001', name: '赵警官', loggedInAt: '2025-05-04T00:30:00.000Z' };
    const two = { staffId: 'P002', name: '钱警官', loggedInAt: '2025-05-04T00:31:00.000Z' };
    expect(session.setAdmins([one]).locked).toBe(true);
    expect(session.setAdmins([one, two]).locked).toBe(false);
    unsubscribe();
    session.setAdmins([]);
    expect(seen).toEqual([
      ['auth.session', { admins: [one], locked: true }],
      ['auth.session', { admins: [one, two], locked: false }],
    ]);
  });

  test('a listener that throws does not stop the others, and is reported', () => {
    const errors: unknown[] = [];
    const hub = createEventHub((e) => errors.push(e));
    const got: unknown[] = [];
    hub.subscribe(() => {
      throw new Error('renderer gone');
    });
    hub.subscribe((_e, p) => got.push(p));
    hub.emit('sync.status', {
      queuedEvents: 1,
      lastSuccessAt: null,
      lastError: null,
      state: 'idle',
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    });
    expect(got).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });

  test('an event payload that breaks the contract is refused before it reaches a renderer', () => {
    const hub = createEventHub();
    const got: unknown[] = [];
    hub.subscribe((_e, p) => got.push(p));
    expect(() =>
      hub.emit('sync.status', {
        queuedEvents: -1,
        lastSuccessAt: null,
        lastError: null,
        state: 'idle',
        unsentAuditEntries: 0,
        alarm: null,
        nextAttemptAt: null,
        uploads: [],
      }),
    ).toThrow();
    expect(got).toEqual([]);
  });
});
