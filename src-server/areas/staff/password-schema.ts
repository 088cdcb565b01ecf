import { z } from 'zod';

/** Staff password rule: 10 to 256 characters, not only digits. */
export const passwordSchema = z
  .string()
  .min(10, '密码至少 10 个字符')
  .max(256, '密码不能超过 256 个字符')
  .refine((p) => !/^\d+$/.test(p), '密码不能全为数字');
