// The staff password rule: the declared length (src-shared/store-api/endpoints/staff.ts),
// not only digits, and hard to guess (zxcvbn score ≥ 3; the dictionary stays in the store).
import { passwordLengthSchema } from '../../../src-shared/store-api/endpoints/staff';
import { passwordWeakness } from '../../auth/password-strength';

export const passwordSchema = passwordLengthSchema.superRefine((password, ctx) => {
  const weakness = /^\d+$/.test(password) ? '密码不能全为数字' : passwordWeakness(password);
  if (weakness !== null) ctx.addIssue({ code: 'custom', message: weakness });
});
