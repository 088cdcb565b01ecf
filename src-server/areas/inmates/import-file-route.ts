// POST /api/inmates/import-file (issue #25 item 7): a CSV in UTF-8 or GBK/GB18030, or an .xlsx,
// as the desk uploads it. `commit: false` answers a preview (the first rows as read and every
// row error) and writes nothing; `commit: true` writes every row or, on any error, none (400
// with the row errors). Parsing lives here, at the store, beside the check it feeds: the store
// is the one place that validates an import, whichever client sends it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { badRequest } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { scopeOf } from '../../auth/scope';
import { auditStaffAction } from '../audit/staff-audit';
import { readListFile } from '../../imports/read-list-file';
import { checkInmateRecords } from './import-csv';
import { commitInmates, importTarget } from './import-target';
import { existingInmateNumbers } from './insert-inmates';
import { inmateEndpoints } from '../../../src-shared/store-api/endpoints/inmates';
import {
  IMPORT_PREVIEW_ROWS,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_ISSUES,
  type ImportFileAnswer,
} from '../../../src-shared/store-api/import-file';

/** The base64 of the largest file, with room for the JSON around it. */
const BODY_LIMIT = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4 + 64 * 1024;

export function importFileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(inmateEndpoints.importFile, {
        tags: ['inmates'],
        summary: '上传名单文件导入罪犯：CSV（UTF-8 或 GBK/GB18030，自动识别）或 Excel .xlsx；先预览，再全部导入或全部不导入',
        description:
          'commit=false 只预览：前 10 行与全部行错误，不写入；commit=true 任一行有误则不导入任何记录（400，附各行错误）。列同 /api/inmates/import。',
      }),
      bodyLimit: BODY_LIMIT,
      onRequest: requireStaff(ctx, 'administrator', 'warden'),
      handler: async (request) => {
        const { fileName, contentBase64, commit } = request.body;
        const query = request.query;
        const bytes = Buffer.from(contentBase64, 'base64');
        if (bytes.length > MAX_IMPORT_FILE_BYTES) throw badRequest(`文件不能超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`);
        const caller = staffCaller(request);
        const scope = await scopeOf(ctx, caller);
        const { prisonId, wards } = await importTarget(ctx, caller, scope, query.prisonId);
        const file = await readListFile(fileName, bytes);
        if (!file.ok)
          throw badRequest(file.message, [
            { path: `rows.${file.line}.file`, message: file.message, row: file.line, field: 'file' },
          ]);
        const check = await checkInmateRecords(file.records, prisonId, wards, (numbers) =>
          existingInmateNumbers(ctx.db, prisonId, numbers),
        );
        const [header, ...rows] = file.records;
        const answer: ImportFileAnswer = {
          format: file.format,
          header: header?.fields ?? [],
          rows: rows.slice(0, IMPORT_PREVIEW_ROWS),
          total: rows.length,
          message: check.ok ? null : check.message,
          issues: check.ok ? [] : check.issues.slice(0, MAX_IMPORT_ISSUES),
          issueCount: check.ok ? 0 : check.issues.length,
          imported: 0,
        };
        if (!commit) return answer;
        if (!check.ok) throw badRequest(check.message, answer.issues);
        const written = await commitInmates(ctx, prisonId, check.inmates);
        await auditStaffAction(ctx, caller, 'inmates.import-file', prisonId, {
          fileName,
          format: file.format,
          imported: written.length,
        });
        request.log.info({ prisonId, imported: written.length, format: file.format }, 'inmates imported from file');
        return { ...answer, imported: written.length };
      },
    });
  };
}
