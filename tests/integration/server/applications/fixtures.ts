// Shared set-up for the applications suites: a store on a chosen day (China
// Standard Time), tokens that last the month the suites walk through, inmates,
// applicants, and the chain's steps as one-liners.
import { expect } from 'vitest';
import type { TestEngine } from '../../../../harness/store/databases';
import type { ServerConfig } from '../../../../src-server/config';
import { startStore } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld, residentId, STAFF_PASSWORD } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';

/** Moves the store's clock to `date` at `time` China Standard Time. */
export function setToday(store: TestStore, date: string, time = '09:00'): void {
  const target = Date.parse(`${date}T${time}:00+08:00`);
  store.clock.advanceMinutes((target - store.clock.now().getTime()) / 60_000);
}

/** A store whose clock starts on `date` and whose tokens last 30 days. */
export async function startOn(
  engine: TestEngine,
  date: string,
  overrides: Partial<ServerConfig> = {},
  options: Parameters<typeof startStore>[2] = {},
): Promise<{ store: TestStore; w: World }> {
  const store = await startStore(engine, { tokenTtlMinutes: 43_200, ...overrides }, options);
  setToday(store, date);
  const w = await buildWorld(store);
  return { store, w };
}

const USERNAMES: Record<keyof World['tokens'], string> = {
  provinceAdmin: 'admin',
  supervisor: 'supervisor',
  prisonAAdmin: 'prison-a-admin',
  prisonAWarden: 'prison-a-warden',
  prisonAReviewer: 'prison-a-reviewer',
  wardA1Admin: 'ward-a1-admin',
  prisonBAdmin: 'prison-b-admin',
  bureauAAdmin: 'bureau-a-admin',
  bureauAReviewer: 'bureau-a-reviewer',
  officeAReviewer: 'office-a-reviewer',
  bureauBAdmin: 'bureau-b-admin',
};

/** New tokens for every persona after the clock jumped past their expiry. */
export async function relogin(store: TestStore, w: World): Promise<void> {
  for (const [key, username] of Object.entries(USERNAMES) as [keyof World['tokens'], string][]) {
    w.tokens[key] = await store.login(username, username === 'admin' ? 'Provincial-admin-1' : STAFF_PASSWORD);
  }
}

let serial = 100;
export async function createInmate(store: TestStore, token: string, wardId: string, name = '张三'): Promise<string> {
  serial += 1;
  const res = await store.call('POST', '/api/inmates', {
    token,
    body: { inmateNumber: `N${serial}`, name, wardId, birthDate: '1985-01-01' },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

export function relative(name: string, birth: string, relationship = 'mother', serialNo = '123') {
  return {
    name,
    role: { kind: 'family', relationship, proofs: ['household-register'] },
    document: { kind: 'resident-id', number: residentId(birth, serialNo) },
    address: '云南省昆明市五华区某路1号',
    phone: '13800000000',
  };
}

export function lawyer(name: string, birth: string) {
  return {
    name,
    role: {
      kind: 'special',
      specialKind: 'lawyer',
      organisation: '云南某律师事务所',
      letter: { kind: 'power-of-attorney', reference: '委字2026第1号' },
      credentialNumber: '15301202610000001',
    },
    document: { kind: 'resident-id', number: residentId(birth, '456') },
    address: '云南省昆明市盘龙区某路2号',
    phone: '13900000000',
  };
}

export interface Chain {
  store: TestStore;
  w: World;
}

/** POST /api/applications, expecting 201. */
export async function submit(c: Chain, token: string, body: Record<string, unknown>) {
  const res = await c.store.call('POST', '/api/applications', { token, body: { form: 'form-2', ...body } });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function action(
  c: Chain,
  token: string,
  id: string,
  name: string,
  body: Record<string, unknown> = {},
  status = 200,
) {
  const res = await c.store.call('POST', `/api/applications/${id}/${name}`, { token, body });
  if (res.status !== status) throw new Error(`${name}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A Form 2 application at bureau A forwarded to prison A (waiting for its decision). */
export async function atPrisonDecision(c: Chain, inmateId: string, applicants: unknown[], preferred?: Record<string, unknown>) {
  const app = await submit(c, c.w.tokens.bureauAReviewer, { inmateId, applicants, ...(preferred ? { preferred } : {}) });
  await action(c, c.w.tokens.bureauAReviewer, app.id, 'forward');
  return app.id as string;
}

export async function count(
  store: TestStore,
  table: 'applications' | 'visits' | 'review_steps' | 'applicants' | 'warden_exceptions',
): Promise<number> {
  const row = await store.app.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
