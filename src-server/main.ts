// `npm run server`: the central store with configuration from the environment
// (README "Configuration"). Zero set-up: SQLite and files under ./data.
// SIGTERM/SIGINT drain the node (./drain: not-ready, no new connections, in-flight requests
// finish), then the database closes.
import { ConfigError, loadConfig } from './config';
import { drainAndClose } from './drain';
import { buildServer } from './server';

const DRAIN_DEFAULTS = { noticeMs: 2000, graceMs: 10_000 };

async function main(): Promise<void> {
  // Files this process creates (database, uploads) are owner-only on POSIX.
  if (process.platform !== 'win32') process.umask(0o077);
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildServer(config);
  const address = await app.listen({ host: config.host, port: config.port });
  const where = config.database.engine === 'sqlite' ? config.database.file : 'PostgreSQL';
  process.stdout.write(`中心库已启动：${address}  （数据库：${where}；接口文档：${address}/api/docs）\n`);

  // A drain (./drain): not-ready first, then no new connections, sockets told to reconnect
  // elsewhere, requests in flight finished within the grace period; exit 0 when all finished.
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    drainAndClose(app, config.drain ?? DRAIN_DEFAULTS).then(
      (result) => {
        app.log.info({ result }, 'shutdown complete');
        process.exit(result === 'drained' ? 0 : 1);
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`中心库启动失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
