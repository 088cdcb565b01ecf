// Terminal builds and their rollouts (areas/updates): a build is one version for one target
// (win32-x64, linux-x64, linux-arm64) on a channel, its installer files with the SHA-512 and
// size the province declared and signed; a file's bytes are kept in storage once they matched.
// A rollout offers a complete build to chosen terminals, a percentage of them, or all.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('update_builds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('release_notes', 'text')
    // The province's Ed25519 signature (base64) over the build's canonical text.
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('update_builds_version', ['channel', 'target', 'version'])
    .execute();

  await db.schema
    .createTable('update_build_files')
    .addColumn('build_id', 'text', (c) => c.notNull().references('update_builds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha512', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    // The storage key once the bytes arrived and matched; null until then.
    .addColumn('storage_key', 'text')
    .addColumn('uploaded_at', 'text')
    .addPrimaryKeyConstraint('update_build_files_pk', ['build_id', 'name'])
    .execute();

  await db.schema
    .createTable('update_rollouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('build_id', 'text', (c) => c.notNull().references('update_builds.id'))
    // 'terminals' | 'percentage' | 'all'
    .addColumn('target_kind', 'text', (c) => c.notNull())
    // JSON list of terminal ids (kind 'terminals'), else null.
    .addColumn('terminal_ids', 'text')
    .addColumn('percent', 'integer')
    .addColumn('started_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('update_rollouts_build').on('update_rollouts').column('build_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('update_rollouts').execute();
  await db.schema.dropTable('update_build_files').execute();
  await db.schema.dropTable('update_builds').execute();
}
