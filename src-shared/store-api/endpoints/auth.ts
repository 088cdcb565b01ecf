// Staff login (lock-out), logout, password change, and "who am I" (staff or terminal).
import { z } from 'zod';
import type { StoreEndpoint } from '../endpoint';
import { passwordLengthSchema, staffSchema } from './staff';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export const loginReplySchema = z.object({ token: z.string(), expiresAt: z.string(), staff: staffSchema });

export const meReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), staff: staffSchema }),
  z.object({ kind: z.literal('terminal'), terminalId: z.string(), roomId: z.string(), organisationId: z.string() }),
]);

export const passwordChangeBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordLengthSchema });

export const authEndpoints = {
  login: { method: 'POST', path: '/api/auth/login', body: loginBodySchema, response: loginReplySchema },
  logout: { method: 'POST', path: '/api/auth/logout', status: 204, response: z.null() },
  me: { method: 'GET', path: '/api/auth/me', response: meReplySchema },
  /** Other tokens of the account end with it. */
  password: { method: 'POST', path: '/api/auth/password', body: passwordChangeBody, status: 204, response: z.null() },
} as const satisfies Record<string, StoreEndpoint>;
