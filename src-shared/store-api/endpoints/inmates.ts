// Inmate records of a prison: create, read, bulk import from CSV, and the entries the
// regulation module reads: status periods (R15.1), penalties (R15.1(4)), suspensions
// (R17.2); and the terminals' suspension proposals (R17.2).
import { z } from 'zod';
import { inmateLookupSchema, inmateRecordSchema, inmateSummarySchema } from '../../desk/records';
import { suspensionProposalSchema } from '../../desk/suspension-proposal';
import { penaltySchema, statusPeriodSchema, suspensionSchema } from '../../regulation/inmate';
import { idParamsSchema, isoDate, listQuerySchema } from '../common';
import type { StoreEndpoint } from '../endpoint';
import { createInmateBody, updateInmateBody } from '../inmate-input';
import { importFileAnswerSchema, importFileBody } from '../import-file';

export const inmateEndpoints = {
  list: {
    method: 'GET',
    path: '/api/inmates',
    query: listQuerySchema.extend({
      wardId: z.uuid().optional(),
      inmateNumber: z.string().max(32).optional(),
      name: z.string().max(50).optional(),
    }),
    response: z.array(inmateSummarySchema),
  },
  /** R8.1: number and name must both match; only what Form 2 needs is answered. */
  lookup: {
    method: 'GET',
    path: '/api/inmates/lookup',
    query: z.object({
      prisonId: z.uuid('须为 UUID'),
      inmateNumber: z.string().trim().min(1, '请填写罪犯编号').max(32),
      name: z.string().trim().min(1, '请填写罪犯姓名').max(50),
    }),
    response: z.array(inmateLookupSchema),
  },
  get: { method: 'GET', path: '/api/inmates/:id', params: idParamsSchema, response: inmateRecordSchema },
  create: { method: 'POST', path: '/api/inmates', body: createInmateBody, status: 201, response: inmateRecordSchema },
  /** R8.1, R9.1: the home address the forms print (the ward's name comes from the ward). */
  update: {
    method: 'PATCH',
    path: '/api/inmates/:id',
    params: idParamsSchema,
    body: updateInmateBody,
    response: inmateRecordSchema,
  },
  /** The body is the CSV file itself (Content-Type: text/csv); one bad row imports nothing. */
  import: {
    method: 'POST',
    path: '/api/inmates/import',
    query: z.object({ prisonId: z.uuid().optional() }),
    body: z.string().describe('CSV 文本，UTF-8，首行为表头'),
    status: 201,
    response: z.object({ imported: z.number().int() }),
  },
  /** Issue #25 item 7: a CSV (UTF-8 or GBK/GB18030) or an .xlsx, base64; preview (commit false) or import all or nothing. */
  importFile: {
    method: 'POST',
    path: '/api/inmates/import-file',
    query: z.object({ prisonId: z.uuid().optional() }),
    body: importFileBody,
    response: importFileAnswerSchema,
  },
  addStatusPeriod: {
    method: 'POST',
    path: '/api/inmates/:id/status-periods',
    params: idParamsSchema,
    body: statusPeriodSchema,
    status: 201,
    response: inmateRecordSchema,
  },
  endStatusPeriod: {
    method: 'POST',
    path: '/api/inmates/:id/status-periods/:periodId/end',
    params: z.object({ id: z.uuid(), periodId: z.uuid() }),
    body: z.object({ end: isoDate }),
    response: inmateRecordSchema,
  },
  addPenalty: {
    method: 'POST',
    path: '/api/inmates/:id/penalties',
    params: idParamsSchema,
    body: penaltySchema,
    status: 201,
    response: inmateRecordSchema,
  },
  addSuspension: {
    method: 'POST',
    path: '/api/inmates/:id/suspensions',
    params: idParamsSchema,
    body: suspensionSchema,
    status: 201,
    response: inmateRecordSchema,
  },
  suspensionProposals: {
    method: 'GET',
    path: '/api/suspension-proposals',
    query: z.object({ status: z.enum(['open', 'all']).default('open') }),
    response: z.array(suspensionProposalSchema),
  },
} as const satisfies Record<string, StoreEndpoint>;
