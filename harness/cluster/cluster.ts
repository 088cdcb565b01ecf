// Store nodes behind HAProxy (#20 items 4 and 5): what `npm run cluster`, the cluster failure tests
// and `npm run bench:cluster` start. The caller says how each node runs (the store's own entry, or
// the tests' node-child.ts) and gives the shared engines (PostgreSQL, the S3 bucket); the first node
// starts alone (it applies the migrations), the others then together, HAProxy last.
import fs from 'node:fs';
import path from 'node:path';
import { Haproxy } from './haproxy';
import { freePort } from './ports';
import { sumUsage, type ProcUsage } from './proc-usage';
import { StoreNode, type StoreNodeSpec } from './store-node';

export interface ClusterOptions {
  nodes: number;
  /** A folder of the cluster's own (HAProxy's configuration, each node's data folder and log). */
  dir: string;
  /** How node `name` runs on `port`, with its data folder `dataDir`. */
  node(name: string, port: number, dataDir: string): Omit<StoreNodeSpec, 'name' | 'port'>;
  /** HAProxy's front port; free by default. */
  port?: number;
}

export interface Cluster {
  /** HAProxy's address: what terminals and staff use. */
  url: string;
  nodes: StoreNode[];
  haproxy: Haproxy;
  /** HAProxy's name of a node (n1, n2, …). */
  nameOf(node: StoreNode): string;
  usage(): { nodes: ProcUsage[]; haproxy: ProcUsage; total: ProcUsage };
  /** Starts the nodes (the first alone: it applies the migrations), then HAProxy; stops all on a failure. */
  start(): Promise<void>;
  /** Stops whatever runs, also while start() is under way. */
  stop(): Promise<void>;
}

/** The cluster's parts on free ports, nothing started yet. */
export async function prepareCluster(o: ClusterOptions): Promise<Cluster> {
  fs.mkdirSync(o.dir, { recursive: true });
  const nodes: StoreNode[] = [];
  for (let i = 1; i <= o.nodes; i += 1) {
    const name = `n${i}`;
    const dataDir = path.join(o.dir, name);
    fs.mkdirSync(dataDir, { recursive: true });
    const port = await freePort();
    nodes.push(new StoreNode({ name, port, logFile: path.join(o.dir, `${name}.log`), ...o.node(name, port, dataDir) }));
  }
  const haproxy = new Haproxy({
    port: o.port ?? (await freePort()),
    statsPort: await freePort(),
    dir: path.join(o.dir, 'haproxy'),
    backends: nodes.map((n) => ({ name: n.spec.name, port: n.spec.port })),
  });
  let stopped = false;
  const stop = async () => {
    stopped = true;
    await haproxy.stop();
    await Promise.all(nodes.map((n) => n.stop(3000)));
  };
  const start = async () => {
    try {
      const [first, ...rest] = nodes;
      await first?.start();
      await Promise.all(rest.map((n) => (stopped ? undefined : n.start())));
      if (stopped) throw new Error('集群在启动时被停止');
      await haproxy.start();
      for (const n of nodes) await haproxy.until(n.spec.name, 'UP');
    } catch (err) {
      await stop();
      throw err;
    }
  };
  return {
    url: haproxy.url,
    nodes,
    haproxy,
    nameOf: (node) => node.spec.name,
    usage() {
      const each = nodes.map((n) => n.usage());
      const h = haproxy.usage();
      return { nodes: each, haproxy: h, total: sumUsage([...each, h]) };
    },
    start,
    stop,
  };
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const cluster = await prepareCluster(o);
  await cluster.start();
  return cluster;
}
