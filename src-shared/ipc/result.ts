// What crosses the IPC boundary for every call: a value or a typed error, never a throw,
// so a bad call cannot crash main and the renderer always learns why.
import { z } from 'zod';

/** NOT_AUTHORISED: the method's declared requirement (access.ts) is not met; nothing ran. */
export const ipcErrorCodeSchema = z.enum([
  'INVALID_ARGUMENT',
  'UNKNOWN_METHOD',
  'FORBIDDEN_SENDER',
  'NOT_AUTHORISED',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
]);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

export const ipcIssueSchema = z.object({ path: z.string(), message: z.string() });

export const ipcErrorSchema = z.object({
  code: ipcErrorCodeSchema,
  /** zh-CN, shown to an administrator as it is. */
  message: z.string(),
  issues: z.array(ipcIssueSchema).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: IpcErrorCode, message: string, issues?: IpcError['issues']): IpcResult<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** Thrown by a service to send a specific error code (e.g. NOT_FOUND) instead of INTERNAL. */
export class ServiceError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
