// buildServer(config): the central store as a Fastify instance, ready to
// listen. Opens the database, migrates it, creates the first account if there
// is none, and registers one plugin per area. Closing the instance closes the database.
import Fastify from 'fastify';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createPasswordHasher } from './auth/passwords';
import { bootstrap } from './bootstrap';
import { systemClock } from './clock';
import { installStoreTime } from './http/store-time';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import { LiveSockets } from './live-sockets';
import { ScheduledJobs } from './cluster/scheduled-jobs';
import { DrainState } from './http/drain-state';
import type { JobsOptions } from './cluster/scheduled-jobs';
import { openDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { installErrorHandling } from './http/error-handler';
import { registerOpenApi } from './http/openapi';
import { refuseNulCharacters } from './http/nul-characters';
import { authRoutes } from './areas/auth/routes';
import { healthRoutes } from './areas/health/routes';
import type { ReadinessCheck } from './areas/health/routes';
import { inmateRoutes } from './areas/inmates/routes';
import { organisationRoutes } from './areas/organisations/routes';
import { staffRoutes } from './areas/staff/routes';
import { terminalRoutes } from './areas/terminals/routes';
import { visitorRoutes } from './areas/visitors/routes';
import { applicationRoutes } from './areas/applications/routes';
import { arrangementRoutes } from './areas/arrangements/routes';
import { scheduleRoutes } from './areas/schedule/routes';
import { calendarRoutes } from './areas/calendar/routes';
import { overviewRoutes } from './areas/overview/routes';
import { syncRoutes } from './areas/sync/routes';
import { auditRoutes } from './areas/audit/routes';
import { alarmRoutes } from './areas/alarms/routes';
import { updateRoutes } from './areas/updates/routes';
import { fleetRoutes } from './areas/fleet/routes';
import { proofRoutes } from './areas/proofs/routes';
import { publicStatusRoutes } from './areas/public-status/routes';
import { notificationRoutes } from './areas/notifications/routes';
import { FamilyNotifier } from './areas/notifications/notifier';
import type { NotifierOptions } from './areas/notifications/notifier';
import { signalingRoutes } from './signaling/routes';
import type { SignalingOptions } from './signaling/routes';
import { uploadRoutes } from './recordings/routes';
import { ensurePrivateDir } from './db/private-files';

export interface ServerOptions {
  /** Time source; tests pass a movable clock. */
  clock?: Clock;
  /** Where a generated first-administrator password is shown (default: stdout). */
  announce?: (message: string) => void;
  /** Signaling limits and intervals (tests shorten the heartbeat). */
  signaling?: SignalingOptions;
  /** Told of every route as it registers, with its schemas (the test of the declared endpoints reads the table). */
  onRoute?: (route: RouteOptions) => void;
  /** The scheduled jobs' lease and periods (tests shorten them). */
  jobs?: JobsOptions;
  /** The family notifications' worker and gateway timings (tests shorten them, or step the worker by hand). */
  notifications?: NotifierOptions;
}

export type CentralStore = FastifyInstance & { ctx: AppContext; notifier: FamilyNotifier };

export async function buildServer(config: ServerConfig, options: ServerOptions = {}): Promise<CentralStore> {
  // Validation messages in zh-CN for every schema without its own message.
  z.config(z.locales.zhCN());
  const dataDirTightened = ensurePrivateDir(config.dataDir);

  const { db, engine, tightened } = openDatabase(config.database);
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  const ctx: AppContext = {
    db,
    engine,
    config,
    clock: options.clock ?? systemClock,
    passwords: createPasswordHasher(config.passwordHashing),
    sockets: new LiveSockets(),
    jobs: new ScheduledJobs(db, engine, app.log, options.jobs),
    drain: new DrainState(),
  };

  const opened = [...(dataDirTightened ? [config.dataDir] : []), ...tightened];
  if (opened.length > 0) app.log.warn({ paths: opened }, 'data readable by other local users made owner-only (0700/0600)');
  // Graceful close: requests in flight finish, their keep-alive connections
  // are told to close so close() is not held open; then the database closes.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    await db.destroy();
  });
  // Jobs start once the store listens, and stop (running ones finished, the lease given up) before it closes.
  app.addHook('onReady', async () => ctx.jobs.start());
  app.addHook('preClose', () => ctx.jobs.stop());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  refuseNulCharacters(app);
  installStoreTime(app, ctx.clock);
  app.decorateRequest('caller', null);
  app.decorate('ctx', ctx);

  if (options.onRoute) {
    const listener = options.onRoute;
    app.addHook('onRoute', (route) => listener(route as RouteOptions));
  }
  await registerOpenApi(app);
  // One plugin per area; later areas (applications, sync, signaling, recordings) register here the same way.
  // What /ready asks besides the database; areas add theirs as they register (the recordings' storage).
  const readiness: ReadinessCheck[] = [];
  await app.register(healthRoutes(ctx, readiness));
  await app.register(authRoutes(ctx));
  await app.register(organisationRoutes(ctx));
  await app.register(staffRoutes(ctx));
  await app.register(terminalRoutes(ctx));
  await app.register(inmateRoutes(ctx));
  await app.register(visitorRoutes(ctx));
  await app.register(applicationRoutes(ctx));
  await app.register(proofRoutes(ctx));
  const notifier = new FamilyNotifier(ctx, app.log, options.notifications);
  app.decorate('notifier', notifier);
  await app.register(notificationRoutes(ctx, notifier));
  await app.register(arrangementRoutes(ctx));
  await app.register(scheduleRoutes(ctx));
  await app.register(calendarRoutes(ctx));
  await app.register(overviewRoutes(ctx));
  await app.register(syncRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(alarmRoutes(ctx));
  await app.register(updateRoutes(ctx));
  await app.register(fleetRoutes(ctx));
  await app.register(publicStatusRoutes(ctx));
  await app.register(signalingRoutes(ctx, options.signaling));
  await app.register(uploadRoutes(ctx, { readiness }));

  try {
    const first = await bootstrap(ctx);
    if (first.created) {
      app.log.warn({ username: first.username, generated: first.generated }, 'first provincial administrator created');
      if (first.generated) {
        const announce = options.announce ?? ((m: string) => process.stdout.write(`${m}\n`));
        announce(
          `首次启动：已创建省级管理员账号 ${first.username}，初始密码 ${first.password}\n` +
            '（只显示这一次；请登录后用 POST /api/auth/password 修改，或设置 BOOTSTRAP_ADMIN_PASSWORD 后重建数据库）',
        );
      }
    }
  } catch (err) {
    await app.close();
    throw err;
  }
  return app as unknown as CentralStore;
}
