// The REAL central store for end-to-end tests and the demo, seeded ONLY through its HTTP
// API (as the desk and the administrators would): the province's prison (a ward with the
// inmate's room) and a county bureau (with its room and an office), two terminal
// administrators at each site (with passwords), reviewers, an inmate, a relatives' Form 2
// application walked through the review chain (bureau receives → forwards → prison
// approves with a slot and both rooms → bureau notifies the relatives, R8.2–R8.4), and one
// enrolment code per terminal. The store can be closed and reopened on the same port with
// the same database, which is what "the network to the store is down" looks like to a
// terminal.
//
//   const central = await startCentralStore();
//   const seed = await seedVisitDay(central, { visitDate: '2026-12-01', start: '10:00' });
//   // seed.enrolment.prison / .bureau, seed.admins.prison[0].password, seed.visit.id …
//   await central.pause(); … await central.resume(); … await central.stop();
import { randomUUID } from 'node:crypto';
import { buildServer, type CentralStore, type ServerOptions } from '../../src-server/server';
import type { ServerConfig } from '../../src-server/config';
import { createFreshDatabase, type FreshDatabase } from './databases';
import { TestClock } from './clock';
import { ADMIN_PASSWORD, ADMIN_USERNAME, testConfig, type CallOptions, type Reply } from './store';

/** A running central store (SQLite in a temp folder) whose clock the test sets. */
export interface CentralStoreHandle {
  /** http://127.0.0.1:<port>; the same after pause()/resume(). */
  readonly url: string;
  readonly clock: TestClock;
  readonly fresh: FreshDatabase;
  /** The live server (a new object after resume()). */
  readonly app: CentralStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON replies loosely
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
  login(username: string, password: string): Promise<string>;
  /** Sets the store's clock to `date` at `time`, China Standard Time. */
  setChinaTime(date: string, time: string): void;
  /** Closes the server (connections refused), keeping its database. */
  pause(): Promise<void>;
  /** Starts it again on the same port over the same database. */
  resume(): Promise<void>;
  /** Closes it and deletes its database. */
  stop(): Promise<void>;
  readonly running: boolean;
}

/**
 * Starts the central store on 127.0.0.1 (a free port) with tokens that last 30 days; `overrides`
 * and `options` for a suite that needs more (e.g. an SMS gateway and a quick outbox worker).
 */
export async function startCentralStore(
  overrides: Partial<ServerConfig> = {},
  options: Pick<ServerOptions, 'notifications'> = {},
): Promise<CentralStoreHandle> {
  const fresh = await createFreshDatabase('sqlite');
  const clock = new TestClock();
  const config = testConfig(fresh, { tokenTtlMinutes: 43_200, enrolmentCodeTtlMinutes: 24 * 60, ...overrides });
  let app = await buildServer(config, { clock: clock.now, announce: () => undefined, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const port = Number(new URL(url).port);
  let running = true;

  const call = async <T>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
  const login = async (username: string, password: string) => {
    const res = await call<{ token: string }>('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  };

  return {
    url,
    clock,
    fresh,
    get app() {
      return app;
    },
    get running() {
      return running;
    },
    call,
    login,
    setChinaTime(date, time) {
      const target = Date.parse(`${date}T${time}:00+08:00`);
      clock.advanceMinutes((target - clock.now().getTime()) / 60_000);
    },
    async pause() {
      if (!running) return;
      running = false;
      await app.close();
    },
    async resume() {
      if (running) return;
      app = await buildServer(config, { clock: clock.now, announce: () => undefined, ...options });
      await app.listen({ host: '127.0.0.1', port });
      running = true;
    },
    async stop() {
      if (running) await app.close();
      running = false;
      await fresh.drop();
    },
  };
}

/** A staff account created by the seed: log in at a terminal with username + password. */
export interface SeededStaff {
  id: string;
  username: string;
  password: string;
  /** The display name the terminal shows (and audits) after login. */
  name: string;
}

/** One approved visitor (the same people as the ID card fixtures in harness/fixtures/idcards). */
export interface SeededVisitor {
  name: string;
  documentNumber: string;
  relationship: string;
  /** The card fixture (harness/fixtures/idcards/<card>.json) the simulator reads for this person. */
  card: string;
}

export interface VisitDaySeed {
  ids: {
    provinceId: string;
    prisonId: string;
    wardId: string;
    bureauId: string;
    officeId: string;
    /** The prison's (inmate's) room, under the ward. */
    prisonRoomId: string;
    /** The bureau's (relatives') room. */
    bureauRoomId: string;
    inmateId: string;
    applicationId: string;
  };
  /** Two terminal administrators per site (R25.1 needs two different ones logged in). */
  admins: { prison: [SeededStaff, SeededStaff]; bureau: [SeededStaff, SeededStaff] };
  reviewers: { prison: SeededStaff; bureau: SeededStaff };
  inmate: { id: string; name: string; inmateNumber: string };
  visitors: SeededVisitor[];
  /** The approved visit as the store booked it (China Standard Time). */
  visit: { id: string; date: string; start: string; minutes: number; roomId: string; remoteRoomId: string };
  /** One-time enrolment codes (valid 24 h of store time) for the two rooms' terminals. */
  enrolment: { prison: string; bureau: string };
  /** Fresh UUIDs to configure as the terminals' ids (the store requires a UUID at enrolment). */
  terminalIds: { prison: string; bureau: string };
  /** The province administrator's token (for further API calls by the test). */
  adminToken: string;
}

export interface SeedOptions {
  /** The visit's day, YYYY-MM-DD (CST); a working day is safest for the rules. */
  visitDate: string;
  /** HH:MM (CST). */
  start: string;
  minutes?: number;
  /** The working day the bureau receives the application (default: 7 days before the visit). */
  submittedOn?: string;
  /** R23.1: the visit's language(s) recorded on the application (default Mandarin). */
  languages?: readonly Record<string, unknown>[];
  /** Where the store's clock is left at the end (default: the visit day, 30 minutes before the start). */
  leaveClockAt?: { date: string; time: string };
}

export const SEED_PASSWORD = 'Visit-day-2026';

/** The three approved relatives; their ID cards are harness/fixtures/idcards/<card>.json. */
export const SEED_VISITORS: readonly SeededVisitor[] = [
  { name: '张伟', documentNumber: '530102199003071238', relationship: 'son', card: 'resident-valid' },
  { name: '段明', documentNumber: '530121195806120014', relationship: 'father', card: 'resident-long-term' },
  { name: '岩温', documentNumber: '532801199211200034', relationship: 'younger-brother', card: 'resident-dai' },
];

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** `date` or the Friday before it when it falls on a weekend (holidays are not looked at). */
const previousWeekday = (date: string): string => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, -1) : day === 0 ? addDays(date, -2) : date;
};
const minusMinutes = (hhmm: string, minutes: number): string => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const total = Math.max(0, h * 60 + m - minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

async function expect2xx<T>(what: string, promise: Promise<Reply<T>>): Promise<T> {
  const res = await promise;
  if (res.status < 200 || res.status > 299)
    throw new Error(`seed: ${what} failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates the organisations, rooms, staff, inmate, application and visit; issues enrolment codes. */
export async function seedVisitDay(
  central: Pick<CentralStoreHandle, 'call' | 'login' | 'setChinaTime'>,
  options: SeedOptions,
): Promise<VisitDaySeed> {
  const minutes = options.minutes ?? 30;
  const submittedOn = options.submittedOn ?? previousWeekday(addDays(options.visitDate, -7));
  const { call } = central;
  central.setChinaTime(submittedOn, '09:00');

  const admin = await central.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  const me = await expect2xx<{ staff: { organisationId: string } }>('me', call('GET', '/api/auth/me', { token: admin }));
  const provinceId = me.staff.organisationId;
  const org = (kind: string, parentId: string, code: string, name: string) =>
    expect2xx<{ id: string }>(
      `organisation ${name}`,
      call('POST', '/api/organisations', { token: admin, body: { kind, parentId, code, name } }),
    );
  const room = (organisationId: string, name: string) =>
    expect2xx<{ id: string }>(`room ${name}`, call('POST', '/api/rooms', { token: admin, body: { organisationId, name } }));
  const staff = async (organisationId: string, username: string, name: string, roles: string[]): Promise<SeededStaff> => {
    const created = await expect2xx<{ id: string }>(
      `staff ${username}`,
      call('POST', '/api/staff', {
        token: admin,
        body: { organisationId, username, displayName: name, password: SEED_PASSWORD, roles },
      }),
    );
    return { id: created.id, username, password: SEED_PASSWORD, name };
  };

  const prison = await org('prison', provinceId, 'YN-JY01', '云南省第一监狱');
  const ward = await org('ward', prison.id, 'YN-JY01-W1', '一监区');
  const bureau = await org('bureau', provinceId, 'KM-GD-SFJ', '昆明市官渡区司法局');
  const office = await org('office', bureau.id, 'KM-GD-SFS1', '关上司法所');
  const prisonRoom = await room(ward.id, '一监区远程视频会见室');
  const bureauRoom = await room(bureau.id, '第一会见室');

  const admins = {
    prison: [
      await staff(prison.id, 'wang.gang', '王刚', ['administrator']),
      await staff(prison.id, 'zhao.min', '赵敏', ['administrator']),
    ] as [SeededStaff, SeededStaff],
    bureau: [
      await staff(bureau.id, 'li.jing', '李静', ['administrator']),
      await staff(bureau.id, 'he.wei', '何伟', ['administrator']),
    ] as [SeededStaff, SeededStaff],
  };
  const reviewers = {
    prison: await staff(prison.id, 'prison.reviewer', '孙审批', ['reviewer']),
    bureau: await staff(bureau.id, 'bureau.reviewer', '周审核', ['reviewer']),
  };
  const prisonAdminToken = await central.login(admins.prison[0].username, SEED_PASSWORD);
  const prisonReviewerToken = await central.login(reviewers.prison.username, SEED_PASSWORD);
  const bureauReviewerToken = await central.login(reviewers.bureau.username, SEED_PASSWORD);

  const inmateNumber = 'JY01-2024-0815';
  const inmate = await expect2xx<{ id: string }>(
    'inmate',
    call('POST', '/api/inmates', {
      token: prisonAdminToken,
      body: { inmateNumber, name: '张建国', wardId: ward.id, birthDate: '1968-04-12' },
    }),
  );

  // Form 2 at the bureau's desk (R8.1), the three relatives with their resident IDs.
  const applicants = SEED_VISITORS.map((v) => ({
    name: v.name,
    role: { kind: 'family', relationship: v.relationship, proofs: ['household-register'] },
    document: { kind: 'resident-id', number: v.documentNumber },
    address: '云南省昆明市官渡区关上街道100号',
    phone: '13800000000',
  }));
  const application = await expect2xx<{ id: string; status: string }>(
    'submit',
    call('POST', '/api/applications', {
      token: bureauReviewerToken,
      body: {
        form: 'form-2',
        inmateId: inmate.id,
        applicants,
        ...(options.languages ? { languages: options.languages } : {}),
        preferred: { date: options.visitDate, start: options.start, minutes },
      },
    }),
  );
  const act = (token: string, name: string, body: Record<string, unknown> = {}) =>
    expect2xx<{
      status: string;
      visits: { id: string; date: string; start: string; minutes: number; roomId: string; remoteRoomId: string }[];
    }>(name, call('POST', `/api/applications/${application.id}/${name}`, { token, body }));
  if (application.status === 'bureau-review') await act(bureauReviewerToken, 'forward');
  const approved = await act(prisonReviewerToken, 'approve', {
    date: options.visitDate,
    start: options.start,
    minutes,
    roomId: prisonRoom.id,
    remoteRoomId: bureauRoom.id,
  });
  await act(bureauReviewerToken, 'notify', { how: 'phone' });
  const visit = approved.visits.find((v) => v.date === options.visitDate && v.start === options.start);
  if (!visit)
    throw new Error(
      `seed: the approval booked no visit on ${options.visitDate} ${options.start}: ${JSON.stringify(approved.visits)}`,
    );

  // Codes last 24 h of store time from here; the clock is left on the visit day.
  const leave = options.leaveClockAt ?? { date: options.visitDate, time: minusMinutes(options.start, 30) };
  central.setChinaTime(leave.date, leave.time);
  const code = async (token: string, roomId: string) =>
    (
      await expect2xx<{ code: string }>(
        'enrolment code',
        call('POST', '/api/terminals/enrolment-codes', { token, body: { roomId } }),
      )
    ).code;
  const enrolment = {
    prison: await code(await central.login(admins.prison[0].username, SEED_PASSWORD), prisonRoom.id),
    bureau: await code(await central.login(admins.bureau[0].username, SEED_PASSWORD), bureauRoom.id),
  };

  return {
    ids: {
      provinceId,
      prisonId: prison.id,
      wardId: ward.id,
      bureauId: bureau.id,
      officeId: office.id,
      prisonRoomId: prisonRoom.id,
      bureauRoomId: bureauRoom.id,
      inmateId: inmate.id,
      applicationId: application.id,
    },
    admins,
    reviewers,
    inmate: { id: inmate.id, name: '张建国', inmateNumber },
    visitors: [...SEED_VISITORS],
    visit: {
      id: visit.id,
      date: visit.date,
      start: visit.start,
      minutes: visit.minutes,
      roomId: visit.roomId,
      remoteRoomId: visit.remoteRoomId,
    },
    enrolment,
    terminalIds: { prison: randomUUID(), bureau: randomUUID() },
    adminToken: admin,
  };
}

/**
 * A terminal configuration (the shape of harness/fixtures/terminal-config/*.json) for one of
 * the seeded rooms, pointing at the store, with the UUID terminal id enrolment requires.
 */
export function seededTerminalConfig(
  seed: VisitDaySeed,
  side: 'prison' | 'bureau',
  central: Pick<CentralStoreHandle, 'url'>,
  dirs: { dataDir: string; recordingDir: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const prison = side === 'prison';
  return {
    terminalId: seed.terminalIds[side],
    site: prison
      ? { id: seed.ids.prisonId, name: '云南省第一监狱', kind: 'prison' }
      : { id: seed.ids.bureauId, name: '昆明市官渡区司法局', kind: 'bureau' },
    room: prison
      ? { id: seed.ids.prisonRoomId, name: '一监区远程视频会见室' }
      : { id: seed.ids.bureauRoomId, name: '第一会见室' },
    centralStoreUrl: central.url,
    dataDir: dirs.dataDir,
    recordingDir: dirs.recordingDir,
    retentionDays: 184,
    language: 'zh-CN',
    inactivityLockMinutes: 10,
    ...extra,
  };
}
