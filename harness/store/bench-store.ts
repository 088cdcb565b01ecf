// What the central store's benches share (scripts/bench/server.ts, heartbeat.ts): the real
// store on a fresh database (SQLite or a throw-away PostgreSQL one), terminals with tokens
// written directly (set-up, not measured), audit chains as a terminal hashes them, the store
// in a child process of the bench script, and percentiles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { hashAuditEvent } from '../../src-main/audit/audit-log';
import { loadConfig } from '../../src-server/config';
import type { ServerConfig } from '../../src-server/config';
import { buildServer } from '../../src-server/server';
import type { CentralStore } from '../../src-server/server';
import { newToken, sha256Hex } from '../../src-server/auth/secrets';

const PG_ADMIN_URL = process.env['BENCH_PG_URL'] ?? process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const GENESIS = '0'.repeat(64);

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export interface BenchDatabase {
  url: string | undefined;
  drop(): Promise<void>;
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function benchDatabase(engine: 'sqlite' | 'postgres', dataDir: string): Promise<BenchDatabase> {
  if (engine === 'sqlite') return { url: undefined, drop: async () => undefined };
  const name = `cs_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  void dataDir;
  return {
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export interface BenchStore {
  app: CentralStore;
  url: string;
  stop(): Promise<void>;
}

/** The real store, as `npm run server` builds it, on 127.0.0.1:0; `extend` adds baseline routes before listening. */
export async function startBenchStore(engine: 'sqlite' | 'postgres', extend?: (app: CentralStore) => void): Promise<BenchStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-'));
  const database = await benchDatabase(engine, dataDir);
  const config: ServerConfig = {
    ...loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'silent',
      BOOTSTRAP_ADMIN_PASSWORD: 'Bench-admin-password-1',
    }),
    passwordHashing: { memoryCost: 4096, timeCost: 2, parallelism: 1 },
  };
  const app = await buildServer(config, { announce: () => undefined });
  extend?.(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    async stop() {
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Rooms at a new prison and a new bureau, a terminal with a bearer token in each (written directly: this is set-up, not measured). */
export async function seedTerminals(
  app: CentralStore,
  pairs: number,
): Promise<{
  prison: { roomId: string; terminalId: string; token: string }[];
  bureau: { roomId: string; terminalId: string; token: string }[];
  prisonId: string;
  wardId: string;
}> {
  const db = app.ctx.db;
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 3600_000).toISOString();
  const province = await db.selectFrom('organisations').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
  const prisonId = randomUUID();
  const wardId = randomUUID();
  const bureauId = randomUUID();
  const prison: { roomId: string; terminalId: string; token: string }[] = [];
  const bureau: { roomId: string; terminalId: string; token: string }[] = [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisations')
      .values([
        {
          id: prisonId,
          kind: 'prison',
          parent_id: province.id,
          code: `BP-${prisonId.slice(0, 6)}`,
          name: '基准监狱',
          created_at: now,
        },
        { id: wardId, kind: 'ward', parent_id: prisonId, code: `BW-${wardId.slice(0, 6)}`, name: '基准监区', created_at: now },
        {
          id: bureauId,
          kind: 'bureau',
          parent_id: province.id,
          code: `BB-${bureauId.slice(0, 6)}`,
          name: '基准司法局',
          created_at: now,
        },
      ])
      .execute();
    for (let i = 0; i < pairs; i++) {
      for (const [list, org] of [
        [prison, wardId],
        [bureau, bureauId],
      ] as const) {
        const roomId = randomUUID();
        const terminalId = randomUUID();
        const token = newToken();
        await trx
          .insertInto('rooms')
          .values({ id: roomId, organisation_id: org, name: `会见室 ${i}`, created_at: now })
          .execute();
        await trx
          .insertInto('terminals')
          .values({
            id: terminalId,
            room_id: roomId,
            name: `终端 ${i}`,
            secret_hash: sha256Hex(newToken()),
            public_key_pem: null,
            enrolled_at: now,
            revoked_at: null,
          })
          .execute();
        await trx
          .insertInto('sessions')
          .values({
            token_hash: sha256Hex(token),
            staff_id: null,
            terminal_id: terminalId,
            created_at: now,
            expires_at: expires,
            revoked_at: null,
          })
          .execute();
        list.push({ roomId, terminalId, token });
      }
    }
  });
  return { prison, bureau, prisonId, wardId };
}

export function eventBatches(terminalId: string, batches: number, size: number): string[] {
  const bodies: string[] = [];
  let prev = GENESIS;
  let seq = 1;
  for (let b = 0; b < batches; b++) {
    const events = [];
    const fromSeq = seq;
    for (let i = 0; i < size; i++, seq++) {
      const fields = {
        terminalId,
        seq,
        at: new Date(Date.UTC(2026, 2, 2, 1, 0, 0, seq)).toISOString(),
        kind: 'visit.note',
        actor: 'a3f1c2d4-staff',
      };
      const payload = {
        visitId: 'c0ffee00-0000-4000-8000-000000000001',
        note: '会见过程正常',
        segment: seq % 97,
        sha256: sha256Hex(String(seq)),
      };
      const hash = hashAuditEvent(prev, { ...fields, payload });
      events.push({ ...fields, payload, prevHash: prev, hash });
      prev = hash;
    }
    bodies.push(JSON.stringify({ terminalId, fromSeq, events }));
  }
  return bodies;
}

export function waitForStdinEnd(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.resume();
    process.stdin.on('end', () => resolve());
    process.stdin.on('close', () => resolve());
  });
}

export interface ChildServer<T> {
  info: T;
  stop(): Promise<void>;
}

/** Runs this file with `role` in a child process; its first stdout line is its JSON description. */
export function spawnServer<T>(script: string, role: string): Promise<ChildServer<T>> {
  const prof =
    process.env['BENCH_CPU_PROF'] !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] : [];
  const child = spawn(process.execPath, [...prof, ...process.execArgv, script, role], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`${role} exited with ${String(code)} before it was ready`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      resolve({
        info: JSON.parse(buffered.slice(0, newline)) as T,
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
