// The cluster failure tests' and bench's world (#20 item 5): a province seeded through a store in
// this process (not behind the load balancer: the test's own view of the database), then store
// nodes as child processes (./node-child.ts, the world's clock, recordings on the given S3 bucket,
// SIGNAL_BUS=postgres) behind HAProxy, all on one PostgreSQL database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FreshDatabase } from '../store/databases';
import { startStoreOn, testConfig, type TestStore } from '../store/store';
import { buildWorld, type World } from '../store/world';
import { startCluster, type Cluster } from './cluster';

export const NODE_CHILD = fileURLToPath(new URL('./node-child.ts', import.meta.url));

export interface ClusterWorld {
  /** A store in this process on the same database: seeds, and reads what the nodes wrote. */
  admin: TestStore;
  w: World;
  cluster: Cluster;
  stop(): Promise<void>;
}

export async function startClusterWorld(o: {
  fresh: FreshDatabase;
  nodes: number;
  /** The S3 variables (harness/s3/ceph.ts's env); without them each node keeps files in its own folder. */
  s3Env?: Record<string, string>;
  /** Extra variables for every node. */
  env?: Record<string, string>;
}): Promise<ClusterWorld> {
  const admin = await startStoreOn(o.fresh);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-world-'));
  let cluster: Cluster | undefined;
  try {
    const w = await buildWorld(admin);
    const clockAt = admin.clock.now().toISOString();
    cluster = await startCluster({
      nodes: o.nodes,
      dir,
      node: (_name, port, dataDir) => ({
        entry: NODE_CHILD,
        args: [JSON.stringify(testConfig(o.fresh, { port, dataDir, logLevel: 'warn' })), clockAt],
        env: { ...o.s3Env, SIGNAL_BUS: 'postgres', UPLOADS_SHUTDOWN_GRACE_MS: '100', ...o.env },
      }),
    });
    const started = cluster;
    return {
      admin,
      w,
      cluster: started,
      async stop() {
        await started.stop();
        await admin.app.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cluster?.stop();
    await admin.app.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
