// A real S3 server for the tests (#20): the one-node Ceph of ./ceph-s3.sh (monitor, in-memory OSD,
// RADOS Gateway from Debian's packages), started once per test file on free ports, with a bucket,
// and the RECORDINGS_S3_* variables that point the store at it. Without the packages a developer's
// run skips with the reason; in CI (.ci/run installs them) their absence fails the suite.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ceph-s3.sh');
const PROGRAMS = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'monmaptool', 'ceph-authtool', 'ceph'];
const ACCESS_KEY = 'TESTACCESSKEY';
const SECRET_KEY = 'TESTSECRETKEY123';
const START_LIMIT_MS = 90_000;

export interface CephS3 {
  endpoint: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The store's configuration for this bucket (src-server/recordings/storage-config.ts). */
  env: Record<string, string>;
  /** An S3 client on the bucket's server, to look at the objects behind the store's back. */
  client: S3Client;
  /** Resident memory of the three daemons, in MB (for the report). */
  rssMb(): number;
  stop(): Promise<void>;
}

const onPath = (program: string): boolean =>
  (process.env['PATH'] ?? '/usr/bin').split(':').some((dir) => fs.existsSync(path.join(dir, program)));

/**
 * Why the S3 suites cannot run here, or undefined when they can. Throws in CI: there the packages
 * must be installed (.ci/run), and a skipped suite would hide a failure.
 */
export function cephUnavailable(): string | undefined {
  const missing = PROGRAMS.filter((p) => !onPath(p));
  if (missing.length === 0) return undefined;
  const why = `Ceph 未安装（缺少 ${missing.join(', ')}）：apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw`;
  if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') {
    throw new Error(`${why}. In CI the S3 tests must run (.ci/run installs these packages).`);
  }
  return why;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function daemonPids(dir: string): number[] {
  const run = path.join(dir, 'run');
  if (!fs.existsSync(run)) return [];
  return fs
    .readdirSync(run)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => Number(fs.readFileSync(path.join(run, f), 'utf8').trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopDaemons(dir: string): Promise<void> {
  const pids = daemonPids(dir);
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const until = Date.now() + 5000;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}

function rssOf(pid: number): number {
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Starts Ceph (about 12 s) and creates the bucket. */
export async function startCeph(bucket = 'recordings'): Promise<CephS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceph-s3-'));
  const [port, monPort] = [await freePort(), await freePort()];
  const child = spawn('bash', [SCRIPT], {
    env: { ...process.env, D: dir, PORT: String(port), MON_PORT: String(monPort), ACCESS_KEY, SECRET_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), START_LIMIT_MS);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  const ready = /ready (\S+)/.exec(output);
  if (code !== 0 || !ready?.[1]) {
    await stopDaemons(dir);
    throw new Error(`Ceph did not start (exit ${code}): ${output}`);
  }
  const endpoint = ready[1];
  const credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY };
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    // Ceph Pacific refuses the SDK's default checksum trailers (src-server/recordings/storage.ts).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    client.destroy();
    await stopDaemons(dir);
    throw err;
  }
  return {
    endpoint,
    bucket,
    credentials,
    client,
    env: {
      RECORDINGS_S3_BUCKET: bucket,
      RECORDINGS_S3_ENDPOINT: endpoint,
      RECORDINGS_S3_REGION: 'us-east-1',
      RECORDINGS_S3_ACCESS_KEY_ID: ACCESS_KEY,
      RECORDINGS_S3_SECRET_ACCESS_KEY: SECRET_KEY,
      RECORDINGS_S3_FORCE_PATH_STYLE: 'true',
    },
    rssMb: () => Math.round(daemonPids(dir).reduce((sum, pid) => sum + rssOf(pid), 0)),
    async stop() {
      client.destroy();
      await stopDaemons(dir);
    },
  };
}
