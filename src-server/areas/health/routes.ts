// GET /health: the process is up. GET /ready: the database answers and its
// schema is current, so a load balancer may send traffic.
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

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
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
      { schema: { tags: ['health'], summary: '数据库可用且迁移为最新', response: { 200: readySchema, 503: readySchema } } },
      async (request, reply) => {
        try {
          await sql`select 1`.execute(ctx.db);
          const pending = await pendingMigrations(ctx.db);
          if (pending.length > 0) {
            return reply
              .code(503)
              .send({ status: 'not-ready', engine: ctx.engine, pendingMigrations: pending, message: '数据库迁移未完成' });
          }
          return { status: 'ready' as const, engine: ctx.engine, pendingMigrations: [] };
        } catch (err) {
          request.log.warn({ err }, 'readiness check failed');
          return reply
            .code(503)
            .send({ status: 'not-ready', engine: ctx.engine, pendingMigrations: [], message: '数据库不可用' });
        }
      },
    );
  };
}
