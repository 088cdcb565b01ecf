// Issue #20 item 2: one store node in a child process (so the test can kill -9 it), on a
// PostgreSQL database other nodes share; argv: <database url> <signal bus> [scheduled jobs' options
// as JSON]. Prints {url, dataDir, node} (node: its scheduled jobs' id, as in the lease).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSignalingNode } from '../server/signaling/signal-helpers';
import type { SignalBusKind } from '../../../src-server/signaling/bus/choose-bus';
import type { JobsOptions } from '../../../src-server/cluster/scheduled-jobs';

const [url = '', bus = 'postgres', jobs = '{}'] = process.argv.slice(2);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-node-'));
const node = await startSignalingNode(
  { database: { engine: 'postgres', connectionString: url }, dataDir, url, drop: () => Promise.resolve() },
  { bus: bus as SignalBusKind, heartbeatMs: 5000 },
  undefined,
  { jobs: JSON.parse(jobs) as JobsOptions },
);
process.stdout.write(`${JSON.stringify({ url: node.url, dataDir, node: node.app.ctx.jobs.node })}\n`);
