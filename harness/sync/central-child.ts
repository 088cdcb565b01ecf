// The central store in a child process, so a test can SIGKILL it and
// start a new one on the same data folder and database. argv[2]: the ServerConfig as
// JSON. Prints {"url": ...} on one line once it listens. The clock is fixed at the
// test world's time, so the tokens it issues agree with the terminal's test clock.
import { buildServer } from '../../src-server/server';
import type { ServerConfig } from '../../src-server/config';

const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
const at = Date.parse(process.argv[3] ?? '2026-03-02T01:00:00.000Z');
const app = await buildServer(config, { clock: () => new Date(at), announce: () => undefined });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
