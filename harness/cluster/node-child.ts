// A store node for the cluster tests (#20): the real server (buildServer) on a fixed port given in
// its configuration, on the test world's clock so the tokens and visit windows the test seeded
// agree with it. argv: <ServerConfig JSON> <clock ISO time>. Recordings' storage (RECORDINGS_S3_*)
// and the signal bus (SIGNAL_BUS) come from the environment, as on a real node. SIGTERM drains.
import { buildServer } from '../../src-server/server';
import type { ServerConfig } from '../../src-server/config';

const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
const at = Date.parse(process.argv[3] ?? '2026-03-02T01:00:00.000Z');
const app = await buildServer(config, { clock: () => new Date(at), announce: () => undefined });
const url = await app.listen({ host: '127.0.0.1', port: config.port });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
