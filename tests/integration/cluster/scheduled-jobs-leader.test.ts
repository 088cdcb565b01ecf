// Issue #20 item 3: the store's scheduled jobs (retention of recordings and proofs, the fleet's
// history pruning, forgetting dead nodes' signaling rows) run once in the cluster, under one
// leader lease. Two real stores on one PostgreSQL database with short periods: every run is
// the leader's and a job's runs are a period apart; the leader stopping hands over at once, a
// leader killed -9 within the lease's TTL. On SQLite (one node) the jobs just run.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';
import type { TestStore } from '../../../harness/store/store';
import { startChild } from '../../../harness/sync/child-process';
import type { Child } from '../../../harness/sync/child-process';
import { startSignalingNode } from '../server/signaling/signal-helpers';
import type { JobsOptions } from '../../../src-server/cluster/scheduled-jobs';

const PERIOD_MS = 400;
const TTL_MS = 1500;
const TICK_MS = 100;
const JOBS = ['fleet.prune-history', 'proofs.retention', 'recordings.retention', 'signaling.forget-dead-nodes'];

interface Run {
  job: string;
  node: string;
  at: number;
}

async function leaseHolder(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ holder: string }>('SELECT holder FROM cluster_leases')).rows[0]?.holder;
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
  return Date.now() - start;
}

function jobsOptions(runs: Run[]): JobsOptions {
  return {
    periodMs: PERIOD_MS,
    leaseTtlMs: TTL_MS,
    tickMs: TICK_MS,
    onRun: (job, node) => runs.push({ job, node, at: Date.now() }),
  };
}

/** The gaps between a job's successive runs. */
const gaps = (runs: Run[], job: string) =>
  runs
    .filter((r) => r.job === job)
    .map((r, i, all) => (i === 0 ? null : r.at - (all[i - 1] as Run).at))
    .filter((g): g is number => g !== null);

describe('issue #20 item 3: scheduled jobs run once in the cluster (PostgreSQL leader lease)', () => {
  let fresh: FreshDatabase;
  const started: TestStore[] = [];
  const node = async (runs: Run[]) => {
    const store = await startSignalingNode(fresh, { bus: 'memory' }, undefined, { jobs: jobsOptions(runs) });
    started.push(store);
    return store;
  };

  beforeAll(async () => {
    fresh = await createFreshDatabase('postgres');
  });
  afterAll(async () => {
    for (const s of started) await s.stop().catch(() => undefined);
    await fresh?.drop();
  });

  it('two nodes: only the leader runs, each job once per period; the leader stopping hands over at once', async () => {
    const runs: Run[] = [];
    const a = await node(runs);
    const b = await node(runs);
    await sleep(3000);
    const leaders = new Set(runs.map((r) => r.node));
    expect(leaders.size).toBe(1);
    for (const job of JOBS) {
      const n = runs.filter((r) => r.job === job).length;
      // ~3000 / 400 after the first period; both nodes running would be twice as many.
      expect(n, job).toBeGreaterThanOrEqual(3);
      expect(n, job).toBeLessThanOrEqual(8);
      // Claimed on the database's clock; seen here after a query's latency, so only roughly a period apart.
      for (const gap of gaps(runs, job)) expect(gap, job).toBeGreaterThanOrEqual(PERIOD_MS / 2);
    }
    const [leader, follower] = a.app.ctx.jobs.isLeader ? [a, b] : [b, a];
    expect(leader.app.ctx.jobs.isLeader).toBe(true);
    expect([...leaders]).toEqual([leader.app.ctx.jobs.node]);
    // What the database says agrees: the lease and every job's last run are the leader's.
    const db = follower.app.ctx.db;
    expect((await db.selectFrom('cluster_leases').select('holder').execute()).map((r) => r.holder)).toEqual([
      leader.app.ctx.jobs.node,
    ]);
    const recorded = await db.selectFrom('scheduled_job_runs').selectAll().orderBy('name').execute();
    expect(recorded.map((r) => [r.name, r.last_node])).toEqual(JOBS.map((j) => [j, leader.app.ctx.jobs.node]));

    const stopCalledAt = Date.now();
    await leader.stop();
    // A job the leader claimed while it still held the lease may report just after stop() was called (seen under
    // load); what must not happen is a run by it once it has stopped.
    const stoppedAt = Date.now();
    const before = runs.length;
    await until(() => runs.slice(before).some((r) => r.node === follower.app.ctx.jobs.node), 3000, 'a run by the other node');
    // The lease was given up: the next tick takes it; the job is due within one period of its last run.
    expect(Date.now() - stopCalledAt).toBeLessThan(TICK_MS + PERIOD_MS + 1000);
    expect(follower.app.ctx.jobs.isLeader).toBe(true);
    const afterStop = runs.filter((r) => r.at > stoppedAt);
    expect(new Set(afterStop.map((r) => r.node))).toEqual(new Set([follower.app.ctx.jobs.node]));
    await follower.stop();
    expect(await leaseHolder(fresh.url)).toBeUndefined();
  }, 30_000);

  it('the leader killed -9: the other node takes over within the lease TTL, with no run in between', async () => {
    const child: Child<{ url: string; dataDir: string; node: string }> = await startChild(
      path.join(__dirname, 'signal-node-child.ts'),
      [fresh.url, 'memory', JSON.stringify({ periodMs: PERIOD_MS, leaseTtlMs: TTL_MS, tickMs: TICK_MS })],
    );
    try {
      // The child alone: it takes the lease at its first tick.
      const deadline = Date.now() + 5000;
      while ((await leaseHolder(fresh.url)) !== child.ready.node) {
        if (Date.now() > deadline) throw new Error('the child never led');
        await sleep(50);
      }
      const runs: Run[] = [];
      const watcher = await node(runs);
      await sleep(1000);
      expect(runs).toEqual([]);
      expect(watcher.app.ctx.jobs.isLeader).toBe(false);

      const killedAt = Date.now();
      await child.kill();
      await until(() => runs.some((r) => r.node === watcher.app.ctx.jobs.node), TTL_MS + 2000, 'the takeover');
      const takeover = Date.now() - killedAt;
      expect(takeover).toBeLessThanOrEqual(TTL_MS + TICK_MS + 1000);
      expect(watcher.app.ctx.jobs.isLeader).toBe(true);
      expect(await leaseHolder(fresh.url)).toBe(watcher.app.ctx.jobs.node);
    } finally {
      await child.kill();
      fs.rmSync(child.ready.dataDir, { recursive: true, force: true });
    }
  }, 40_000);
});

describe('issue #20 item 3: on SQLite the one node runs the jobs', () => {
  it('runs every job each period', async () => {
    const fresh = await createFreshDatabase('sqlite');
    const runs: Run[] = [];
    const store = await startSignalingNode(fresh, { bus: 'memory' }, undefined, { jobs: jobsOptions(runs) });
    try {
      await until(() => JOBS.every((j) => runs.filter((r) => r.job === j).length >= 2), 5000, 'two runs of each job');
      expect(new Set(runs.map((r) => r.node))).toEqual(new Set([store.app.ctx.jobs.node]));
    } finally {
      await store.stop();
      await fresh.drop();
    }
  }, 20_000);
});
