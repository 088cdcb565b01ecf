// A list file a desk uploads for a bulk import (issue #25 item 7): the bytes of a CSV (UTF-8,
// or GBK/GB18030 as Excel on Chinese Windows saves "CSV") or of an Excel workbook (.xlsx),
// base64 in a JSON body so that the one store client (src-main/central-store) carries it like
// any other call. The store decodes and checks it (one place for all-or-nothing validation);
// `commit: false` only previews: the first rows as read and every row error, nothing written.
import { z } from 'zod';
import { issueSchema } from './error-body';

/** Largest file accepted (bytes, before base64): a 20,000-row register is about 2 MB as CSV. */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
/** Rows of the file the preview shows (after the header). */
export const IMPORT_PREVIEW_ROWS = 10;
/** Row errors an answer lists at most (the count is always complete). */
export const MAX_IMPORT_ISSUES = 200;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const importFileBody = z
  .object({
    /** Only its ending matters: .csv or .xlsx (what the clerk picked). */
    fileName: z
      .string()
      .trim()
      .min(1, '请选择文件')
      .max(200, '文件名不能超过 200 个字符')
      .regex(/\.(csv|xlsx)$/i, '只能导入 .csv 或 .xlsx 文件'),
    contentBase64: z
      .string()
      .min(1, '文件为空')
      .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4, `文件不能超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`)
      .regex(BASE64, '文件内容须为 base64'),
    /** false: preview only (nothing written); true: import every row or none. */
    commit: z.boolean(),
  })
  .strict()
  .meta({ id: 'ImportFile' });
export type ImportFileBody = z.input<typeof importFileBody>;

export const importFileAnswerSchema = z
  .object({
    /** How the bytes were read: a CSV's encoding, or the workbook. */
    format: z.enum(['csv-utf-8', 'csv-gb18030', 'csv-utf-16le', 'xlsx']),
    /** The header row and the first rows as read (text, as the check sees them). */
    header: z.array(z.string()),
    rows: z.array(z.object({ line: z.number().int(), fields: z.array(z.string()) })),
    /** Data rows in the file. */
    total: z.number().int(),
    /** Null when every row is good; else why nothing can be imported. */
    message: z.string().nullable(),
    /** Row errors (each with its row, the header being row 1), at most MAX_IMPORT_ISSUES. */
    issues: z.array(issueSchema),
    issueCount: z.number().int(),
    /** Rows written: 0 for a preview. */
    imported: z.number().int(),
  })
  .meta({ id: 'ImportFileAnswer' });
export type ImportFileAnswer = z.infer<typeof importFileAnswerSchema>;
