// What every route plugin gets: the database, the configuration, the clock and
// the password hasher. Passed explicitly to each area's plugin.
import type { Kysely } from 'kysely';
import type { PasswordHasher } from './auth/passwords';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import type { Engine } from './db/connect';
import type { Database } from './db/schema';
import type { LiveSockets } from './live-sockets';
import type { ScheduledJobs } from './cluster/scheduled-jobs';
import type { DrainState } from './http/drain-state';

export interface AppContext {
  db: Kysely<Database>;
  engine: Engine;
  config: ServerConfig;
  clock: Clock;
  passwords: PasswordHasher;
  /** Open WebSockets by terminal / staff account, closed when the credential is withdrawn. */
  sockets: LiveSockets;
  /** Periodic work, run once in the cluster (./cluster/scheduled-jobs): areas register with every(). */
  jobs: ScheduledJobs;
  /** Set on SIGTERM (../drain): /ready answers not-ready. */
  drain: DrainState;
}
