// Staff accounts: administrators create and manage them within their scope,
// supervisors read them. Passwords: the store adds its strength check (zxcvbn,
// src-server/areas/staff/password-schema.ts) to the length rule declared here.
import { z } from 'zod';
import { idParamsSchema, listQuerySchema, text } from '../common';
import type { StoreEndpoint } from '../endpoint';

export const STAFF_ROLES = ['administrator', 'reviewer', 'warden', 'supervisor'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);

/** How a staff account is shown (never the password hash). */
export const staffSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(staffRoleSchema),
    active: z.boolean(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Staff' });
export type StaffView = z.infer<typeof staffSchema>;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** A new password's length: 10 to 256 characters (the store also refuses one easy to guess). */
export const passwordLengthSchema = z
  .string({ error: (issue) => (issue.input === undefined ? '请填写密码' : '密码须为文本') })
  .min(MIN_PASSWORD_LENGTH, { message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, abort: true })
  .max(MAX_PASSWORD_LENGTH, { message: `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`, abort: true });

const rolesSchema = z
  .array(staffRoleSchema)
  .min(1, '至少指定一个角色')
  .refine((r) => new Set(r).size === r.length, '角色不能重复');

export const createStaffBody = z.object({
  organisationId: z.uuid('须为 UUID'),
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名为 3 到 64 位字母、数字、下划线、点或连字符'),
  displayName: text(100, '姓名'),
  password: passwordLengthSchema,
  roles: rolesSchema,
});

export const patchStaffBody = z
  .object({ displayName: text(100, '姓名').optional(), active: z.boolean().optional(), roles: rolesSchema.optional() })
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');

export const staffEndpoints = {
  list: {
    method: 'GET',
    path: '/api/staff',
    query: listQuerySchema.extend({ organisationId: z.uuid().optional() }),
    response: z.array(staffSchema),
  },
  get: { method: 'GET', path: '/api/staff/:id', params: idParamsSchema, response: staffSchema },
  create: { method: 'POST', path: '/api/staff', body: createStaffBody, status: 201, response: staffSchema },
  update: { method: 'PATCH', path: '/api/staff/:id', params: idParamsSchema, body: patchStaffBody, response: staffSchema },
  unlock: { method: 'POST', path: '/api/staff/:id/unlock', params: idParamsSchema, response: staffSchema },
} as const satisfies Record<string, StoreEndpoint>;
