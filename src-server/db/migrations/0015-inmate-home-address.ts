// The inmate's home address (家庭住址), printed on Forms 1 and 2 (R8.1, R9.1): before this the
// store held no address and the printed forms left it blank. Nullable: the records imported
// before it, and a register that does not know it, print blank as the paper form allows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inmates').addColumn('home_address', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inmates').dropColumn('home_address').execute();
}
