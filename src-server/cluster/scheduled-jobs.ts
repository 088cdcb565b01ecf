// Issue #20 item 3: the store's periodic work (retention, pruning) runs once in the cluster.
// Every node ticks; at each tick it holds or renews the leader lease (./leader-lease) and, if
// it leads, runs each job whose period has passed (./job-runs claims the run). A job never
// overlaps itself on a node. A stopping node waits for its running jobs, then gives the lease up.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { claimRun } from './job-runs';
import { databaseLease, soleNodeLease } from './leader-lease';
import type { LeaderLease } from './leader-lease';

export interface JobsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobsOptions {
  /** The lease's life: a dead leader is replaced within this plus one tick. */
  leaseTtlMs?: number;
  /** How often a node renews or tries the lease and looks for due jobs. */
  tickMs?: number;
  /** Every job's period instead of its own (tests). */
  periodMs?: number;
  /** Told of each run this node starts (tests, logs). */
  onRun?: (job: string, node: string) => void;
}

export const JOBS_DEFAULTS = { leaseTtlMs: 30_000, tickMs: 5_000 };
const LEASE_NAME = 'scheduled-jobs';

interface Job {
  name: string;
  periodMs: number;
  run: () => Promise<unknown>;
}

export class ScheduledJobs {
  readonly node = randomUUID();
  private readonly jobs: Job[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private readonly lease: LeaderLease;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;
  private leading = false;

  constructor(
    private readonly db: Kysely<Database>,
    engine: 'sqlite' | 'postgres',
    private readonly log: JobsLog,
    private readonly options: JobsOptions = {},
  ) {
    const ttl = options.leaseTtlMs ?? JOBS_DEFAULTS.leaseTtlMs;
    this.tickMs = options.tickMs ?? Math.min(JOBS_DEFAULTS.tickMs, Math.floor(ttl / 3));
    this.lease = engine === 'postgres' ? databaseLease(db, LEASE_NAME, this.node, ttl) : soleNodeLease;
  }

  /** Registers a periodic job (before start). */
  every(name: string, periodMs: number, run: () => Promise<unknown>): void {
    this.jobs.push({ name, periodMs: this.options.periodMs ?? periodMs, run });
  }

  /** Whether this node held the lease at its last tick. */
  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.timer !== null || this.stopped) return;
    const loop = () => {
      this.ticking = this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.tickMs).unref();
      });
    };
    loop();
  }

  private async tick(): Promise<void> {
    let term;
    try {
      term = await this.lease.hold();
    } catch (err) {
      // The database is away: no claim could be made either; try again next tick.
      this.leading = false;
      this.log.warn({ err }, 'scheduled jobs: leader lease unavailable');
      return;
    }
    if (term.leader !== this.leading) this.log.info({ node: this.node, leader: term.leader }, 'scheduled jobs: leadership');
    this.leading = term.leader;
    if (!term.leader || this.stopped) return;
    for (const job of this.jobs) {
      if (this.running.has(job.name)) continue;
      try {
        if (!(await claimRun(this.db, job, this.node, term.nowMs))) continue;
      } catch (err) {
        this.log.warn({ err, job: job.name }, 'scheduled jobs: claiming a run failed');
        continue;
      }
      this.options.onRun?.(job.name, this.node);
      const run = job
        .run()
        .then(
          () => undefined,
          (err: unknown) => this.log.error({ err, job: job.name }, 'scheduled job failed'),
        )
        .finally(() => this.running.delete(job.name));
      this.running.set(job.name, run);
    }
  }

  /** Stops ticking, waits for running jobs, gives the lease up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(this.running.values());
    if (this.leading) {
      this.leading = false;
      await this.lease.release().catch((err: unknown) => this.log.warn({ err }, 'scheduled jobs: releasing the lease failed'));
    }
  }
}
