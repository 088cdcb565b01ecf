// Proof scans on an application (R8.1, R35.1; issue #25 item 2). Scope is the application's
// (applications/application-scope.ts: the receiving organisation, the relatives' side, the
// inmate's prison; the province): another organisation gets "申请不存在", as for the
// application itself. Attaching is for the chain's reviewers and administrators; every
// fetch of a scan's bytes is written to staff_audit before it is answered (like the
// recordings' playback). The retention run removes the bytes past R13.1's period.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { badRequest, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { auditStaffAction } from '../audit/staff-audit';
import { findVisibleApplication } from '../applications/act';
import { REVIEW_ROLES } from '../applications/review-chain';
import { PURGE_INTERVAL_MS } from '../../recordings/purge-expired';
import { countProofs, listProofs, readProof, storeProof } from './proof-scans';
import { purgeExpiredProofs } from './purge-proofs';
import { checkProofFile, MAX_PROOFS_PER_APPLICATION } from '../../../src-shared/proofs/scan-file';
import { MAX_PROOF_BASE64_CHARS, proofEndpoints } from '../../../src-shared/store-api/endpoints/proofs';

/** The largest scan's base64 with room for the JSON around it. */
const BODY_LIMIT = MAX_PROOF_BASE64_CHARS + 64 * 1024;

export function proofRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    ctx.jobs.every('proofs.retention', PURGE_INTERVAL_MS, () => purgeExpiredProofs(ctx, app.log));

    app.route({
      ...declaredRoute(proofEndpoints.upload, {
        tags: ['applications'],
        summary: '上传证明材料扫描件（身份证件、关系证明等，R8.1、R35.1）：JPEG、PNG 或 PDF，不超过 10 MB',
        description: '按文件内容（而非扩展名）识别类型；文件名只保留安全字符。不合格的文件不保存任何内容（400）。',
      }),
      bodyLimit: BODY_LIMIT,
      onRequest: requireStaff(ctx, ...REVIEW_ROLES),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const application = await findVisibleApplication(ctx, me, request.params.id);
        const { kind, fileName, contentBase64 } = request.body;
        const check = checkProofFile(fileName, Buffer.from(contentBase64, 'base64'));
        if (!check.ok) throw badRequest(check.message, [{ path: 'contentBase64', message: check.message }]);
        if ((await countProofs(ctx, application.id)) >= MAX_PROOFS_PER_APPLICATION)
          throw badRequest(`每份申请最多上传 ${MAX_PROOFS_PER_APPLICATION} 份证明材料`);
        const bytes = Buffer.from(contentBase64, 'base64');
        const proof = await storeProof(ctx, me, application.id, { kind, name: check.name, type: check.type, bytes });
        await auditStaffAction(ctx, me, 'proofs.upload', proof.id, {
          applicationId: application.id,
          kind,
          fileName: proof.fileName,
          size: proof.size,
          sha256: proof.sha256,
        });
        request.log.info({ applicationId: application.id, proofId: proof.id, size: proof.size }, 'proof scan stored');
        return reply.code(201).send(proof);
      },
    });

    app.route({
      ...declaredRoute(proofEndpoints.list, {
        tags: ['applications'],
        summary: '申请的证明材料扫描件列表（不含文件内容）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const application = await findVisibleApplication(ctx, staffCaller(request), request.params.id);
        return listProofs(ctx, application.id);
      },
    });

    app.route({
      ...declaredRoute(proofEndpoints.get, {
        tags: ['applications'],
        summary: '查看或下载一份证明材料扫描件（每次查看、下载均记入审计）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const me = staffCaller(request);
        const application = await findVisibleApplication(ctx, me, request.params.id);
        const found = await readProof(ctx, application.id, request.params.proofId);
        if (!found) throw notFound('证明材料不存在或已超过保存期限');
        // Written down before the bytes leave (R26.1's rule for recordings, applied here).
        await auditStaffAction(ctx, me, `proofs.${request.query.purpose}`, found.proof.id, {
          applicationId: application.id,
          kind: found.proof.kind,
          fileName: found.proof.fileName,
        });
        return found;
      },
    });
  };
}
