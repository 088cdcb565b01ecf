// Central re-verification of a terminal's stored audit chains (R26.1), for a
// provincial supervisor or an administrator whose scope covers the terminal.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { scopeOf, scoped } from '../../auth/scope';
import { verifyStoredChain } from './verify-stored-chain';
import { auditEndpoints } from '../../../src-shared/store-api/endpoints/audit';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(auditEndpoints.verifyTerminal, {
        tags: ['audit'],
        summary: '重新校验中心库保存的终端审计链',
        description:
          '逐条校验：序号从 1 起连续、前序哈希衔接、哈希与内容相符、链头与最后一条一致；不通过时给出第一条坏事件的序号。',
      }),
      onRequest: requireStaff(ctx, 'supervisor', 'administrator'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const terminal = await ctx.db
          .selectFrom('terminals')
          .select('id')
          .where('id', '=', request.params.id)
          .where(scoped.terminals(scope))
          .executeTakeFirst();
        if (!terminal) throw notFound('终端不存在');
        const heads = await ctx.db
          .selectFrom('terminal_chain_heads')
          .select('chain_id')
          .where('terminal_id', '=', terminal.id)
          .orderBy('chain_id')
          .execute();
        const chains = [];
        for (const head of heads) chains.push(await verifyStoredChain(ctx.db, terminal.id, head.chain_id));
        return { terminalId: terminal.id, ok: chains.every((c) => c.ok), chains };
      },
    });
  };
}
