// probe 15.8: the terminal sends the public half of its manifest-signing key when it enrols
// (admin.enrol over real HTTP), and the store checks every manifest it receives against it:
// the terminal's own signed manifest is confirmed; one signed by another key is flagged,
// never confirmed, and the terminal keeps the recording.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE } from '../../../src-main/recording/manifest/signing-key';
import { addSealedRecording } from '../../../harness/sync/recording-fixture';
import { drain, newVisit } from '../../../harness/sync/worlds';
import { enrolledTerminal, startCentral, type CentralWorld } from '../../../harness/sync/sync-world';

const keySha256 = (key: KeyObject): string =>
  createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

const manifestRows = (terminalId: string, visitId: string) =>
  central.store.app.ctx.db
    .selectFrom('recordings_received')
    .select(['status', 'signature_status', 'signature_key_sha256', 'reason'])
    .where('terminal_id', '=', terminalId)
    .where('visit_id', '=', visitId)
    .where('kind', '=', 'manifest')
    .execute();

describe('probe 15.8: manifest signatures bound to the enrolled terminal', { timeout: 60_000 }, () => {
  test("enrolment registers the terminal's signing key; its signed manifest is confirmed as valid", async () => {
    const t = await enrolledTerminal(central);
    const key = loadOrCreateSigningKey(join(t.config.dataDir, SIGNING_KEY_FILE));
    const row = await central.store.app.ctx.db
      .selectFrom('terminals')
      .select('public_key_pem')
      .where('id', '=', t.config.terminalId)
      .executeTakeFirstOrThrow();
    expect(row.public_key_pem, "the store must hold the terminal's public key").not.toBeNull();
    const enrolled = createPublicKey(row.public_key_pem ?? '');
    expect(enrolled.export({ type: 'spki', format: 'der' }).toString('base64')).toBe(key.publicKeySpki);
    const audit = t.db.prepare("SELECT payload FROM audit_log WHERE kind = 'terminal.enrolled'").get() as { payload: string };
    expect(JSON.parse(audit.payload)).toMatchObject({ manifestKeyId: key.keyId });

    const visitId = await newVisit(central.store, central.w);
    const { recordingId } = addSealedRecording({
      db: t.db,
      recordingDir: t.config.recordingDir,
      terminalId: t.config.terminalId,
      visitId,
      at: t.clock.now(),
      segmentBytes: [40_000],
      archiveBytes: 60_000,
    });
    expect(await drain(t.worker())).toMatchObject({ ok: true });
    expect(await manifestRows(t.config.terminalId, visitId)).toEqual([
      { status: 'confirmed', signature_status: 'valid', signature_key_sha256: keySha256(enrolled), reason: null },
    ]);
    expect(
      t.db.prepare('SELECT hash_confirmed_at IS NOT NULL AS c FROM recordings WHERE recording_id = ?').get(recordingId),
    ).toEqual({ c: 1 });
    t.close();
  });

  test('a manifest signed by another key is flagged at the store, never confirmed; the terminal keeps the recording', async () => {
    const t = await enrolledTerminal(central);
    const elsewhere = mkdtempSync(join(tmpdir(), 'other-key-'));
    try {
      const otherKeyPath = join(elsewhere, SIGNING_KEY_FILE);
      const visitId = await newVisit(central.store, central.w);
      const { recordingId } = addSealedRecording({
        db: t.db,
        recordingDir: t.config.recordingDir,
        terminalId: t.config.terminalId,
        visitId,
        at: t.clock.now(),
        segmentBytes: [40_000],
        archiveBytes: 60_000,
        keyPath: otherKeyPath,
      });
      await drain(t.worker(), 3);
      // The terminal was never told it is confirmed: it keeps the recording.
      const local = t.db
        .prepare("SELECT state, last_error FROM sync_uploads WHERE recording_id = ? AND kind = 'manifest'")
        .get(recordingId) as { state: string; last_error: string | null };
      expect(local.state).not.toBe('confirmed');
      // The store's reason reaches the terminal's upload list, not a generic "hash mismatch".
      expect(local.last_error).toContain('不是该终端注册时登记的公钥');
      expect(t.db.prepare('SELECT hash_confirmed_at FROM recordings WHERE recording_id = ?').get(recordingId)).toEqual({
        hash_confirmed_at: null,
      });
      const rows = await manifestRows(t.config.terminalId, visitId);
      expect(rows.length).toBeGreaterThan(0);
      const otherSha = keySha256(createPublicKey(loadOrCreateSigningKey(otherKeyPath).privateKey));
      for (const r of rows)
        expect(r).toMatchObject({ status: 'rejected', signature_status: 'mismatch', signature_key_sha256: otherSha });
      expect(rows[0]?.reason).toContain('不是该终端注册时登记的公钥');
      expect(existsSync(join(t.config.recordingDir, recordingId, 'manifest.json'))).toBe(true);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
      t.close();
    }
  });
});
