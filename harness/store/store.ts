// Starts the real central store on 127.0.0.1:0 against a fresh database and
// talks to it over real HTTP with fetch.
import { buildServer } from '../../src-server/server';
import type { CentralStore, ServerOptions } from '../../src-server/server';
import { DEFAULT_LOCKOUT } from '../../src-server/config';
import type { ServerConfig } from '../../src-server/config';
import type { SignalingOptions } from '../../src-server/signaling/routes';
import { TestClock } from './clock';
import { createFreshDatabase } from './databases';
import type { FreshDatabase, TestEngine } from './databases';

export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'Provincial-admin-1';
/** Cheap argon2id for tests; production cost is PRODUCTION_PASSWORD_HASHING. */
export const TEST_PASSWORD_HASHING = { memoryCost: 4096, timeCost: 2, parallelism: 1 };

export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  csv?: string;
  headers?: Record<string, string>;
}

export interface TestStore {
  engine: TestEngine;
  url: string;
  app: CentralStore;
  clock: TestClock;
  fresh: FreshDatabase;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON replies loosely
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
  login(username: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

export function testConfig(fresh: FreshDatabase, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir: fresh.dataDir,
    database: fresh.database,
    logLevel: 'silent',
    tokenTtlMinutes: 60,
    enrolmentCodeTtlMinutes: 30,
    retentionDays: 184,
    bootstrap: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
    passwordHashing: TEST_PASSWORD_HASHING,
    lockout: DEFAULT_LOCKOUT,
    ...overrides,
  };
}

/** `build.now`: the store runs on that clock (e.g. the kiosks') instead of the hand-moved TestClock; `build.signaling`, `build.notifications`: their options. */
export async function startStore(
  engine: TestEngine,
  overrides: Partial<ServerConfig> = {},
  build: StoreBuild = {},
): Promise<TestStore> {
  return startStoreOn(await createFreshDatabase(engine), overrides, build);
}

export type StoreBuild = { now?: () => Date; signaling?: SignalingOptions } & Pick<ServerOptions, 'notifications'>;

/** The store on a database made before (one other store nodes share, #20); stop() drops it too. */
export async function startStoreOn(
  fresh: FreshDatabase,
  overrides: Partial<ServerConfig> = {},
  build: StoreBuild = {},
): Promise<TestStore> {
  const engine = fresh.database.engine;
  const clock = new TestClock();
  const app = await buildServer(testConfig(fresh, overrides), {
    clock: build.now ?? clock.now,
    announce: () => undefined,
    ...(build.signaling ? { signaling: build.signaling } : {}),
    ...(build.notifications ? { notifications: build.notifications } : {}),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  const call = async <T>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.csv !== undefined) {
      headers['content-type'] = 'text/csv; charset=utf-8';
      body = options.csv;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${address}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };

  const login = async (username: string, password: string) => {
    const res = await call<{ token: string }>('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  };

  return {
    engine,
    url: address,
    app,
    clock,
    fresh,
    call,
    login,
    async stop() {
      await app.close();
      await fresh.drop();
    },
  };
}
