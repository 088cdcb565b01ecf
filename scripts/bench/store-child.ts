// The central store in its own process for a bench (the load generator must not share its
// event loop): the bench script re-runs itself with --serve-store; the child builds a store on
// a scratch SQLite folder, seeds what the bench needs, prints one JSON line ({ url, ...seeded })
// and serves until its stdin closes. Used by bench:call and bench:visit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type ServerConfig } from '../../src-server/config';
import { buildServer, type CentralStore } from '../../src-server/server';

export const SERVE_STORE_FLAG = '--serve-store';

/** Child side: serve a seeded store until stdin closes, then remove its data. */
export async function serveSeededStore<T extends object>(name: string, seed: (app: CentralStore) => Promise<T>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cs-bench-${name}-`));
  const config: ServerConfig = {
    ...loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', BOOTSTRAP_ADMIN_PASSWORD: 'Bench-admin-password-1' }),
    passwordHashing: { memoryCost: 4096, timeCost: 2, parallelism: 1 },
  };
  const app = await buildServer(config, { announce: () => undefined });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const seeded = await seed(app);
  process.stdout.write(`${JSON.stringify({ url, ...seeded })}\n`);
  await new Promise<void>((resolve) => {
    process.stdin.resume();
    process.stdin.on('end', resolve);
    process.stdin.on('close', resolve);
  });
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

export interface StoreChild<T> {
  info: T & { url: string };
  pid: number;
  stop(): Promise<void>;
}

/** Parent side: start `script` (a bench's own file) with --serve-store and read its first line. */
export function spawnStoreChild<T extends object>(script: string): Promise<StoreChild<T>> {
  const child = spawn(process.execPath, [...process.execArgv, script, SERVE_STORE_FLAG], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`中心库子进程提前退出 store exited early (${String(code)})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      resolve({
        info: JSON.parse(buffered.slice(0, newline)) as T & { url: string },
        pid: child.pid ?? 0,
        stop: async () => {
          child.stdin.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
