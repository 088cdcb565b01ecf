// GET /health: the process is up. GET /ready: the database answers, its schema is current and
// every other engine the node needs answers too (the recordings' folder or S3 bucket, #20), so a
// load balancer may send traffic; during a drain (SIGTERM) the server answers no new requests.
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { pendingMigrations } from '../../db/migrate';

const readySchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  engine: z.enum(['sqlite', 'postgres']),
  pendingMigrations: z.array(z.string()),
  message: z.string().optional(),
});

/** Something besides the database that must answer before the node takes work; registered by its area. */
export interface ReadinessCheck {
  /** Said in /ready's message when it fails (Chinese). */
  message: string;
  check(): Promise<void>;
}

/** An engine that does not answer within this counts as down: the load balancer polls every few hundred ms. */
const CHECK_LIMIT_MS = 2000;

function withinLimit(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_LIMIT_MS} ms`)), CHECK_LIMIT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function healthRoutes(ctx: AppContext, readiness: readonly ReadinessCheck[] = []): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags: ['health'], summary: '进程存活', response: { 200: z.object({ status: z.literal('ok') }) } } },
      () => ({
        status: 'ok' as const,
      }),
    );

    app.get(
      '/ready',
      {
        schema: {
          tags: ['health'],
          summary: '可接收请求：数据库可用且迁移为最新，录像存储可用',
          response: { 200: readySchema, 503: readySchema },
        },
      },
      async (request, reply) => {
        // A draining node (SIGTERM, ../../drain) takes no new work, whatever else answers.
        if (ctx.drain.draining)
          return reply
            .code(503)
            .send({ status: 'not-ready', engine: ctx.engine, pendingMigrations: [], message: '本节点正在停止' });
        try {
          await sql`select 1`.execute(ctx.db);
          const pending = await pendingMigrations(ctx.db);
          if (pending.length > 0) {
            return reply
              .code(503)
              .send({ status: 'not-ready', engine: ctx.engine, pendingMigrations: pending, message: '数据库迁移未完成' });
          }
        } catch (err) {
          request.log.warn({ err }, 'readiness check failed');
          return reply
            .code(503)
            .send({ status: 'not-ready', engine: ctx.engine, pendingMigrations: [], message: '数据库不可用' });
        }
        // Checked on every call, so each check is one cheap request (a folder's access, a HEAD of the bucket).
        for (const item of readiness) {
          try {
            await withinLimit(item.check());
          } catch (err) {
            request.log.warn({ err }, 'readiness check failed');
            return reply
              .code(503)
              .send({ status: 'not-ready', engine: ctx.engine, pendingMigrations: [], message: item.message });
          }
        }
        return { status: 'ready' as const, engine: ctx.engine, pendingMigrations: [] };
      },
    );
  };
}
