// Manifests bound to the terminal that signed them: each received manifest's signature
// is checked against the Ed25519 public key the terminal registered at enrolment
// (terminals.public_key_pem, present since 0002). The outcome and the fingerprint of
// the key that signed are kept with the upload, so a mismatch stays on the record.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('recordings_received').addColumn('signature_status', 'text').execute();
  await db.schema.alterTable('recordings_received').addColumn('signature_key_sha256', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recordings_received').dropColumn('signature_key_sha256').execute();
  await db.schema.alterTable('recordings_received').dropColumn('signature_status').execute();
}
