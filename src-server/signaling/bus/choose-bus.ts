// Which signal bus a node uses (issue #20 item 2; docs/deploy.md): SIGNAL_BUS=memory|
// postgres|redis. Default: postgres when the store runs on PostgreSQL (the cluster
// already has it: nothing more to run or back up), memory on SQLite (one node).
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseConfig } from '../../config';
import { MemoryBus } from './signal-bus';
import type { SignalBus } from './signal-bus';
import { PostgresBus } from './postgres-bus';
import { RedisBus } from './redis-bus';

export type SignalBusKind = SignalBus['kind'];
export const SIGNAL_BUS_KINDS: readonly SignalBusKind[] = ['memory', 'postgres', 'redis'];

/** Checked at start, so a bad setting stops the store with a clear message. */
export function signalBusKind(env: NodeJS.ProcessEnv, database: DatabaseConfig): SignalBusKind {
  const raw = env['SIGNAL_BUS']?.trim();
  if (raw === undefined || raw === '') return database.engine === 'postgres' ? 'postgres' : 'memory';
  if (!(SIGNAL_BUS_KINDS as readonly string[]).includes(raw))
    throw new Error(`SIGNAL_BUS 取值无效：${raw.slice(0, 40)}（应为 memory、postgres 或 redis）`);
  if (raw === 'postgres' && database.engine !== 'postgres')
    throw new Error('SIGNAL_BUS=postgres 要求中心库运行在 PostgreSQL 上（DATABASE_URL）');
  return raw as SignalBusKind;
}

export function createSignalBus(
  kind: SignalBusKind,
  database: DatabaseConfig,
  env: NodeJS.ProcessEnv,
  log?: FastifyBaseLogger,
): SignalBus {
  if (kind === 'postgres') {
    if (database.engine !== 'postgres') throw new Error('SIGNAL_BUS=postgres 要求中心库运行在 PostgreSQL 上（DATABASE_URL）');
    return new PostgresBus(database.connectionString, log);
  }
  if (kind === 'redis') return new RedisBus(env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', log);
  return new MemoryBus();
}
