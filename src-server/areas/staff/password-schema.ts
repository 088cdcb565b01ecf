import { z } from 'zod';
import { passwordWeakness } from '../../auth/password-strength';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** Staff password rule: 10 to 256 characters, not only digits, hard to guess (zxcvbn score ≥ 3). */
export const passwordSchema = z
  .string({ error: (issue) => (issue.input === undefined ? '请填写密码' : '密码须为文本') })
  .min(MIN_PASSWORD_LENGTH, { message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, abort: true })
  .max(MAX_PASSWORD_LENGTH, { message: `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`, abort: true })
  .superRefine((password, ctx) => {
    const weakness = /^\d+$/.test(password) ? '密码不能全为数字' : passwordWeakness(password);
    if (weakness !== null) ctx.addIssue({ code: 'custom', message: weakness });
  });
