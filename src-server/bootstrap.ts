// First start: creates the province (省司法厅) and, while no staff account
// exists, a provincial administrator. Its password is BOOTSTRAP_ADMIN_PASSWORD
// or, when unset, a random one printed once on the console (README "First start").
import { randomBytes } from 'node:crypto';
import type { AppContext } from './context';
import { nowIso } from './clock';
import { newId } from './ids';
import { AFTER_SUCCESS } from './auth/lockout';

export const PROVINCE_CODE = 'YN';
export const PROVINCE_NAME = '云南省司法厅';

export type BootstrapResult = { created: false } | { created: true; username: string; password: string; generated: boolean };

export async function bootstrap(ctx: AppContext): Promise<BootstrapResult> {
  const now = nowIso(ctx.clock);
  let province = await ctx.db.selectFrom('organisations').select('id').where('kind', '=', 'province').executeTakeFirst();
  if (!province) {
    province = { id: newId() };
    await ctx.db
      .insertInto('organisations')
      .values({ id: province.id, kind: 'province', parent_id: null, code: PROVINCE_CODE, name: PROVINCE_NAME, created_at: now })
      .execute();
  }
  const anyStaff = await ctx.db.selectFrom('staff').select('id').limit(1).executeTakeFirst();
  if (anyStaff) return { created: false };

  const generated = ctx.config.bootstrap.password === undefined;
  const password = ctx.config.bootstrap.password ?? randomBytes(12).toString('base64url');
  const hash = await ctx.passwords.hash(password);
  const id = newId();
  const provinceId = province.id;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('staff')
      .values({
        id,
        organisation_id: provinceId,
        username: ctx.config.bootstrap.username,
        display_name: '系统管理员',
        password_hash: hash,
        active: 1,
        ...AFTER_SUCCESS,
        created_at: now,
        password_changed_at: now,
      })
      .execute();
    await trx.insertInto('staff_roles').values({ staff_id: id, role: 'administrator' }).execute();
  });
  return { created: true, username: ctx.config.bootstrap.username, password, generated };
}
