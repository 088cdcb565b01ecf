// Room terminals. An administrator of the room's site issues a one-time
// enrolment code; the terminal trades it (once, before it expires) for its own
// credential, a random secret of which only the SHA-256 is kept; with it the
// terminal obtains expiring bearer tokens like staff do. A token acts only for
// the terminal's room.
import { createPublicKey, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { isoAfter, nowIso } from '../../clock';
import { newId } from '../../ids';
import { conflict, forbidden, invalidField, notFound, unauthenticated } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { covers, scopeOf, scoped } from '../../auth/scope';
import { newEnrolmentCode, newToken, normaliseEnrolmentCode, sha256Hex } from '../../auth/secrets';
import { issueToken } from '../../auth/sessions';
import type { Terminal } from '../../db/schema';
import { enrolBody, terminalEndpoints, type TerminalView } from '../../../src-shared/store-api/endpoints/terminals';
import { keySha256 } from '../../recordings/manifest-signature';

const toTerminalView = (t: Terminal): TerminalView => ({
  id: t.id,
  roomId: t.room_id,
  name: t.name,
  hasPublicKey: t.public_key_pem !== null,
  enrolledAt: t.enrolled_at,
  revokedAt: t.revoked_at,
});

/**
 * The Ed25519 public key (PEM) that signs the terminal's recording manifests; every
 * manifest it uploads is checked against it (recordings/manifest-signature.ts). Optional
 * only for terminals of an older release: their manifests are accepted as "unbound".
 */
const publicKeyPem = z
  .string()
  .max(2000)
  .refine((pem) => {
    try {
      return createPublicKey(pem).asymmetricKeyType === 'ed25519';
    } catch {
      return false;
    }
  }, '须为 PEM 格式的 Ed25519 公钥');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function terminalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(terminalEndpoints.enrolmentCode, {
        tags: ['terminals'],
        summary: '签发终端一次性注册码（会见室所在单位的管理员）',
      }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const scope = await scopeOf(ctx, me);
        const room = await ctx.db
          .selectFrom('rooms')
          .select(['id', 'organisation_id'])
          .where('id', '=', request.body.roomId)
          .executeTakeFirst();
        if (!room) throw invalidField('body.roomId', '会见室不存在');
        if (!covers(scope, room.organisation_id)) throw forbidden('无权为其他单位的会见室签发注册码');
        const code = newEnrolmentCode();
        const expiresAt = isoAfter(ctx.clock, ctx.config.enrolmentCodeTtlMinutes);
        await ctx.db
          .insertInto('enrolment_codes')
          .values({
            code_hash: sha256Hex(normaliseEnrolmentCode(code)),
            room_id: room.id,
            issued_by: me.staffId,
            created_at: nowIso(ctx.clock),
            expires_at: expiresAt,
            used_at: null,
            terminal_id: null,
          })
          .execute();
        return reply.code(201).send({ code, roomId: room.id, expiresAt });
      },
    });

    app.route({
      ...declaredRoute(
        terminalEndpoints.enrol,
        { tags: ['terminals'], summary: '终端用注册码注册，获得本终端凭证（secret 只返回这一次）' },
        { body: enrolBody.extend({ publicKeyPem: publicKeyPem.optional() }) },
      ),
      handler: async (request, reply) => {
        const codeHash = sha256Hex(normaliseEnrolmentCode(request.body.code));
        const now = nowIso(ctx.clock);
        const entry = await ctx.db.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
        if (!entry) throw unauthenticated('注册码无效');
        if (entry.used_at !== null) throw unauthenticated('注册码已使用过，请让管理员重新签发');
        if (entry.expires_at <= now) throw unauthenticated('注册码已过期，请让管理员重新签发');

        const secret = newToken();
        const terminalId = request.body.terminalId ?? newId();
        const taken = await ctx.db.selectFrom('terminals').select('id').where('id', '=', terminalId).executeTakeFirst();
        if (taken)
          throw conflict('该终端编号已注册；如需重新注册，请先注销原终端或使用新的终端编号', [
            { path: 'body.terminalId', message: '已注册' },
          ]);
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('terminals')
            .values({
              id: terminalId,
              room_id: entry.room_id,
              name: request.body.name,
              secret_hash: sha256Hex(secret),
              public_key_pem: request.body.publicKeyPem ?? null,
              enrolled_at: now,
              revoked_at: null,
            })
            .execute();
          // Conditional update: of two terminals racing with one code, one wins.
          const result = await trx
            .updateTable('enrolment_codes')
            .set({ used_at: now, terminal_id: terminalId })
            .where('code_hash', '=', codeHash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', now)
            .executeTakeFirst();
          if (result.numUpdatedRows !== 1n) throw unauthenticated('注册码已使用过，请让管理员重新签发');
        });
        const room = await ctx.db
          .selectFrom('rooms')
          .select('organisation_id')
          .where('id', '=', entry.room_id)
          .executeTakeFirstOrThrow();
        const keySha = request.body.publicKeyPem === undefined ? null : keySha256(createPublicKey(request.body.publicKeyPem));
        request.log.info(
          { terminalId, roomId: entry.room_id, manifestKeySha256: keySha },
          keySha === null ? 'terminal enrolled without a manifest key: its manifests will be unbound' : 'terminal enrolled',
        );
        return reply.code(201).send({ terminalId, roomId: entry.room_id, organisationId: room.organisation_id, secret });
      },
    });

    app.route({
      ...declaredRoute(terminalEndpoints.session, { tags: ['terminals'], summary: '终端凭证换取访问令牌' }),
      handler: async (request) => {
        const terminal = await ctx.db
          .selectFrom('terminals')
          .selectAll()
          .where('id', '=', request.body.terminalId)
          .executeTakeFirst();
        if (!terminal || !sameHash(terminal.secret_hash, sha256Hex(request.body.secret))) throw unauthenticated('终端凭证无效');
        if (terminal.revoked_at !== null) throw unauthenticated('终端已被注销，请重新注册');
        return issueToken(ctx, { terminalId: terminal.id });
      },
    });

    app.route({
      ...declaredRoute(terminalEndpoints.list, { tags: ['terminals'], summary: '终端列表' }),
      onRequest: requireStaff(ctx, 'administrator', 'supervisor'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        let q = ctx.db.selectFrom('terminals').selectAll().where(scoped.terminals(scope));
        if (request.query.roomId) q = q.where('room_id', '=', request.query.roomId);
        const rows = await q.orderBy('enrolled_at').limit(request.query.limit).offset(request.query.offset).execute();
        return rows.map(toTerminalView);
      },
    });

    app.route({
      ...declaredRoute(terminalEndpoints.revoke, { tags: ['terminals'], summary: '注销终端（其令牌随即失效）' }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const terminal = await ctx.db
          .selectFrom('terminals')
          .selectAll()
          .where('id', '=', request.params.id)
          .where(scoped.terminals(scope))
          .executeTakeFirst();
        if (!terminal) throw notFound('终端不存在');
        const now = nowIso(ctx.clock);
        const revokedAt = terminal.revoked_at ?? now;
        await ctx.db.transaction().execute(async (trx) => {
          await trx.updateTable('terminals').set({ revoked_at: revokedAt }).where('id', '=', terminal.id).execute();
          await trx
            .updateTable('sessions')
            .set({ revoked_at: now })
            .where('terminal_id', '=', terminal.id)
            .where('revoked_at', 'is', null)
            .execute();
        });
        // Its token is dead now; so are the sockets it opened with it.
        ctx.sockets.withdraw({ kind: 'terminal', id: terminal.id });
        return toTerminalView({ ...terminal, revoked_at: revokedAt });
      },
    });
  };
}
