// Issue #20 item 2: one store node in a child process (so the test can kill -9 it), on a
// PostgreSQL database other nodes share; argv: <database url> <signal bus>. Prints {url}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSignalingNode } from '../server/signaling/signal-helpers';
import type { SignalBusKind } from '../../../src-server/signaling/bus/choose-bus';

const [url = '', bus = 'postgres'] = process.argv.slice(2);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-node-'));
const node = await startSignalingNode(
  { database: { engine: 'postgres', connectionString: url }, dataDir, url, drop: () => Promise.resolve() },
  { bus: bus as SignalBusKind, heartbeatMs: 5000 },
);
process.stdout.write(`${JSON.stringify({ url: node.url, dataDir })}\n`);
