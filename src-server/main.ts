// `npm run server`: the central store with configuration from the environment
// (README "Configuration"). Zero set-up: SQLite and files under ./data.
// SIGTERM/SIGINT close the server (in-flight requests finish), then the database.
import { ConfigError, loadConfig } from './config';
import { buildServer } from './server';

const SHUTDOWN_GRACE_MS = 10_000;

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

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('shutdown complete');
        process.exit(0);
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
