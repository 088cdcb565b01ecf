// The terminal's sync worker in a child process, so a test can SIGKILL
// it mid-upload and reopen the same data folder. argv[2]: {config, nowMs, options} as
// JSON. Prints {"ready": true}, then one line per round; exits 0 when all is sent.
import { join } from 'node:path';
import type { TerminalConfig } from '../../src-main/config/schema';
import { openStore } from '../../src-main/store/open-store';
import { createSyncWorker, type SyncWorkerOptions } from '../../src-main/sync/worker';

interface Args {
  config: TerminalConfig;
  nowMs: number;
  options: Partial<Pick<SyncWorkerOptions, 'uploadChunkBytes' | 'requestTimeoutMs' | 'uploadStallMs' | 'batchSize'>>;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const now = (): Date => new Date(args.nowMs);
const store = openStore({ path: join(args.config.dataDir, 'terminal.db'), now });
const worker = createSyncWorker({
  db: store.db,
  config: args.config,
  now,
  timers: { setTimeout: () => 0, clearTimeout: () => undefined },
  random: () => 0.5,
  ...args.options,
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for (let round = 0; round < 200; round++) {
  const outcome = await worker.runOnce();
  process.stdout.write(`${JSON.stringify({ round, ...outcome })}\n`);
  if (outcome.ok && !outcome.more) break;
  await new Promise((r) => setTimeout(r, 50));
}
store.close();
