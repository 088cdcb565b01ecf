// The demo's central store: the real server (src-server) on 127.0.0.1 with its SQLite
// database and received recordings in the demo's data folder (kept after the run), and a
// clock the demo can set — the seed walks an application through the review chain a week
// before the visit, and the demo may fast-forward a visit's countdown. The clock flows in
// real time from wherever it was set; the terminals share it (virtual.now).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, type CentralStore } from '../../src-server/server';
import { DEFAULT_LOCKOUT } from '../../src-server/config';
import { ADMIN_PASSWORD, ADMIN_USERNAME, TEST_PASSWORD_HASHING, type CallOptions, type Reply } from '../../harness/store/store';

/** Real time plus an offset: the store's and both terminals' clock. */
export class VirtualClock {
  offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  /** Sets the clock to `date` `time` China Standard Time; it runs on from there. */
  setChinaTime(date: string, time: string): void {
    this.offsetMs = Date.parse(`${date}T${time}:00+08:00`) - Date.now();
  }
  forward(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface DemoStore {
  readonly url: string;
  readonly dataDir: string;
  readonly app: CentralStore;
  readonly clock: VirtualClock;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the seed reads JSON replies loosely
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
  login(username: string, password: string): Promise<string>;
  setChinaTime(date: string, time: string): void;
  stop(): Promise<void>;
}

export async function startDemoStore(dataDir: string, clock: VirtualClock): Promise<DemoStore> {
  mkdirSync(dataDir, { recursive: true });
  const app = await buildServer(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      database: { engine: 'sqlite', file: join(dataDir, 'central-store.sqlite') },
      logLevel: 'silent',
      tokenTtlMinutes: 43_200,
      enrolmentCodeTtlMinutes: 24 * 60,
      retentionDays: 184,
      bootstrap: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
      passwordHashing: TEST_PASSWORD_HASHING,
      lockout: DEFAULT_LOCKOUT,
    },
    { clock: clock.now, announce: () => undefined },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const call = async <T>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
  return {
    url,
    dataDir,
    app,
    clock,
    call,
    async login(username, password) {
      const res = await call<{ token: string }>('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`中心库登录失败 login ${username}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    setChinaTime: (date, time) => clock.setChinaTime(date, time),
    stop: () => app.close(),
  };
}
