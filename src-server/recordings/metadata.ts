// The tus Upload-Metadata a terminal sends with each recording, validated with
// zod: a bad field is a 400 naming it (`metadata.<field>`), and nothing is stored.
import { z } from 'zod';
import { terminalIdSchema } from '../../src-shared/sync/terminal-id';
import { RECORDING_FILE_KINDS, RECORDING_FILE_KINDS_RULE } from '../../src-shared/sync/recording-kinds';
import { plainTextProblem } from '../../src-shared/text/plain-text';
import { badRequest } from '../http/api-error';
import type { ApiError } from '../http/api-error';

export const RECORDING_KINDS = RECORDING_FILE_KINDS;

export const uploadMetadataSchema = z.object({
  visitId: z.uuid('须为会见的 UUID'),
  terminalId: terminalIdSchema,
  kind: z.enum(RECORDING_KINDS, RECORDING_FILE_KINDS_RULE),
  // A plain file name: no folders, no control or bidi-override characters (a
  // U+202E before 「4pm.exe」 shows 「visit」+「4pm.exe」 as 「visitexe.mp4」 in a listing).
  filename: z
    .string('缺少文件名')
    .min(1, '缺少文件名')
    .max(200, { message: '文件名不能超过 200 个字符', abort: true })
    .regex(/^[^/\\]+$/, '文件名不能含路径分隔符')
    .superRefine((name, ctx) => {
      const problem = plainTextProblem('文件名', name);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    })
    .refine((name) => name.trim() === name && name !== '.' && name !== '..', '文件名无效（不能是 . 或 ..，首尾不能有空格）'),
  sha256: z.string('缺少 SHA-256').regex(/^[0-9a-f]{64}$/, '须为 64 位小写十六进制 SHA-256'),
  size: z
    .string('缺少文件大小')
    .regex(/^(0|[1-9][0-9]{0,15})$/, '须为字节数（非负整数）')
    .transform(Number),
});

export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

/** Parses tus metadata (values may be null when sent without a value). Throws a 400 naming each bad field. */
export function parseUploadMetadata(
  raw: Record<string, string | null> | undefined,
  uploadLength: number | undefined,
): UploadMetadata {
  const values = Object.fromEntries(Object.entries(raw ?? {}).filter(([, v]) => v !== null));
  const parsed = uploadMetadataSchema.safeParse(values);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['metadata', ...i.path.map(String)].join('.'), message: i.message }));
    throw fieldError(issues);
  }
  if (uploadLength === undefined)
    throw fieldError([{ path: 'headers.upload-length', message: '须给出 Upload-Length（不支持延后声明长度）' }]);
  if (parsed.data.size !== uploadLength) {
    throw fieldError([{ path: 'metadata.size', message: `与 Upload-Length（${uploadLength}）不一致` }]);
  }
  return parsed.data;
}

function fieldError(issues: { path: string; message: string }[]): ApiError {
  return badRequest(`上传元数据有误：${issues.map((i) => i.path).join('、')}`, issues);
}
