// `npm run cluster` (#20 item 4): the province's store as several machines, on this one: PostgreSQL
// (started if it is not running), a one-node Ceph with an S3 bucket (harness/s3), three store nodes
// (src-server/main.ts: PostgreSQL, recordings on S3, SIGNAL_BUS=postgres) and HAProxy in front,
// checking each node's /ready. Prints the address; Ctrl-C or SIGTERM stops everything it started.
// A throwaway cluster: its database is new and dropped at the end, and the OSD keeps data in memory.
//   CLUSTER_PORT=8080 CLUSTER_NODES=3 npm run cluster
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cephUnavailable, startCeph, type CephS3 } from '../../harness/s3/ceph';
import { prepareCluster, type Cluster } from '../../harness/cluster/cluster';
import { haproxyUnavailable } from '../../harness/cluster/haproxy';
import { procUsage } from '../../harness/cluster/proc-usage';
import { REPO_ROOT } from '../../harness/cluster/store-node';
import { createFreshDatabase, type FreshDatabase } from '../../harness/store/databases';

const out = (line: string) => process.stdout.write(`${line}\n`);
const nodesWanted = Number(process.env['CLUSTER_NODES'] ?? 3);
const port = Number(process.env['CLUSTER_PORT'] ?? 8080);
const USAGE_EVERY_MS = 60_000;

function postgresUp(): boolean {
  return spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
}

/** Starts the machine's PostgreSQL cluster as .ci/run does; the version started, or null when it was up. */
function startPostgres(): string | null {
  if (postgresUp()) return null;
  const version = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql').sort().at(-1) : undefined;
  if (version === undefined) throw new Error('PostgreSQL 未安装，也未在 127.0.0.1:5432 运行（apt-get install -y postgresql）');
  const started = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  if (started.status !== 0 || !postgresUp()) throw new Error(`PostgreSQL ${version} 未能启动`);
  return version;
}

async function main(): Promise<void> {
  if (!Number.isInteger(nodesWanted) || nodesWanted < 2 || nodesWanted > 9) throw new Error('CLUSTER_NODES 须为 2 到 9');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('CLUSTER_PORT 须为端口号');
  const missing = [haproxyUnavailable(), cephUnavailable()].filter((m) => m !== undefined);
  if (missing.length > 0) throw new Error(missing.join('；'));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitation-cluster-'));
  let pgStarted: string | null = null;
  let db: FreshDatabase | null = null;
  let ceph: CephS3 | null = null;
  let cluster: Cluster | null = null;
  let stopping: Promise<void> | null = null;
  const stopAll = () =>
    (stopping ??= (async () => {
      out('正在停止集群… stopping');
      await cluster?.stop().catch(() => undefined);
      await ceph?.stop().catch(() => undefined);
      await db?.drop().catch(() => undefined);
      if (pgStarted !== null)
        spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', pgStarted, 'main', 'stop'], { stdio: 'inherit' });
      fs.rmSync(dir, { recursive: true, force: true });
      out('已停止 stopped');
    })());
  // Run with `node --import tsx` (package.json), not the tsx command: tsx kills a child that takes
  // more than a few milliseconds over a signal, which would leave Ceph and the database behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll().finally(() => process.exit(0)));

  try {
    pgStarted = startPostgres();
    out(pgStarted === null ? 'PostgreSQL：已在运行 (127.0.0.1:5432)' : `PostgreSQL ${pgStarted}：已启动`);
    db = await createFreshDatabase('postgres');
    out('Ceph：启动中（约 15 秒）…');
    ceph = await startCeph('visitation-recordings');
    out(`Ceph RADOS Gateway：${ceph.endpoint}（存储桶 ${ceph.bucket}）`);
    const password = `Yn-${randomBytes(9).toString('base64url')}`;
    const { url } = db;
    const s3 = ceph.env;
    cluster = await prepareCluster({
      nodes: nodesWanted,
      dir,
      port,
      node: (_name, nodePort, dataDir) => ({
        entry: path.join(REPO_ROOT, 'src-server/main.ts'),
        env: {
          ...s3,
          HOST: '127.0.0.1',
          PORT: String(nodePort),
          DATA_DIR: dataDir,
          DATABASE_URL: url,
          SIGNAL_BUS: 'postgres',
          LOG_LEVEL: 'warn',
          TRUST_PROXY: '127.0.0.1',
          BOOTSTRAP_ADMIN_USERNAME: 'admin',
          BOOTSTRAP_ADMIN_PASSWORD: password,
        },
      }),
    });
    await cluster.start();
    out('');
    out(`中心库集群已启动：${cluster.url}  （HAProxy → ${cluster.nodes.map((n) => `${n.spec.name} ${n.url}`).join('，')}）`);
    out(`  省级管理员：admin / ${password}`);
    out(`  HAProxy 状态页：http://127.0.0.1:${cluster.haproxy.options.statsPort}/stats`);
    out(`  PostgreSQL：${url}`);
    out(`  节点日志：${dir}/n*.log；按 Ctrl-C 停止全部`);
    const c = cluster;
    const cephPids = ceph;
    const report = () => {
      const u = c.usage();
      const each = c.nodes.map((n, i) => `${n.spec.name} ${Math.round(u.nodes[i]?.rssMb ?? 0)} MB`).join('，');
      out(
        `资源 RSS：节点 ${each}；HAProxy ${Math.round(u.haproxy.rssMb)} MB；Ceph ${cephPids.rssMb()} MB；` +
          `本进程 ${Math.round(procUsage(process.pid).rssMb)} MB`,
      );
    };
    report();
    setInterval(report, USAGE_EVERY_MS);
    await new Promise(() => undefined); // until a signal
  } catch (err) {
    if (stopping !== null) return; // Ctrl-C while starting: the signal's handler finishes
    process.stderr.write(`集群启动失败：${err instanceof Error ? err.message : String(err)}\n`);
    await stopAll();
    process.exit(1);
  }
}

await main();
