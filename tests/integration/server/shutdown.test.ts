// `npm run server` as a real process: starts with configuration from the
// environment, prints its address, and on SIGTERM lets an in-flight request
// finish, closes the server, then the database, and exits 0.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, ENGINES } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';

const ROOT = path.resolve(__dirname, '../../..');

describe.each(ENGINES)('process start and graceful shutdown [%s]', (engine) => {
  const fresh: FreshDatabase[] = [];
  afterAll(async () => {
    for (const f of fresh) await f.drop();
  });

  it('SIGTERM: the in-flight request completes, then the server and database close, exit code 0', async () => {
    const db = await createFreshDatabase(engine);
    fresh.push(db);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: db.dataDir,
        ...(engine === 'postgres' ? { DATABASE_URL: db.url } : {}),
        LOG_LEVEL: 'info',
        BOOTSTRAP_ADMIN_PASSWORD: 'Shutdown-test-1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const w of [...waiters]) {
        const m = output.match(w.pattern);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const m = output.match(pattern);
        if (m) return resolve(m);
        waiters.push({ pattern, resolve });
        void exited.then(() => reject(new Error(`server exited before printing ${pattern}:\n${output}`)));
      });

    try {
      const [, address] = await waitFor(/中心库已启动：(http:\/\/127\.0\.0\.1:\d+)/);
      expect((await fetch(`${address}/health`)).status).toBe(200);

      // A login with production argon2id cost is in flight when SIGTERM arrives.
      const inFlight = fetch(`${address}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Shutdown-test-1' }),
      });
      await waitFor(/"url":"\/api\/auth\/login"/);
      child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(200);
      const code = await exited;
      if (code !== 0) console.log(output); // shows why, on failure
      expect(code).toBe(0);
      expect(output).toContain('shutdown complete');
      if (engine === 'sqlite') {
        // A cleanly closed SQLite database leaves no write-ahead log behind.
        expect(fs.existsSync(path.join(db.dataDir, 'central-store.sqlite-wal'))).toBe(false);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('process configuration', () => {
  it('R13.1 a bad configuration (RETENTION_DAYS 90) stops the process with the variable named, exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, RETENTION_DAYS: '90' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('RETENTION_DAYS');
  }, 30_000);
});
