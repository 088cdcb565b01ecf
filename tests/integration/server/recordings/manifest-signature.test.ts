// probe 15.8: a recording manifest is bound to the terminal that enrolled with its key.
// Real enrolment over HTTP with the terminal's Ed25519 public key, real manifests signed
// as the recorder signs them, uploaded through tus; on both engines.
import { randomUUID } from 'node:crypto';
import type { DetailedError } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serializeManifest, signManifest } from '../../../../src-main/recording/manifest/manifest';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore, type TestStore } from '../../../../harness/store/store';
import { buildWorld, type World } from '../../../../harness/store/world';
import { manifestBody, newSigningKey, signedManifest } from './helpers/manifests';
import { metaFor, sha256, startUpload, uploadAll } from './helpers/tus-client';
import { enrolTerminal, seedVisit, type EnrolledTerminal } from '../../../../harness/store/upload-world';

describe.each(ENGINES)('probe 15.8: manifests checked against the enrolled key [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let visitId: string;
  const key = newSigningKey();
  let bound: EnrolledTerminal;
  let unbound: EnrolledTerminal;
  const confirmation = (token: string, q: string) => store.call('GET', `/api/uploads/confirmations?${q}`, { token });
  const manifestMeta = (bytes: Buffer, t: EnrolledTerminal) =>
    metaFor(bytes, visitId, t.terminalId, { kind: 'manifest', filename: 'manifest.json' });
  const refused = async (bytes: Buffer, t: EnrolledTerminal) => {
    const err = (await startUpload({ baseUrl: store.url, token: t.token, bytes, meta: manifestMeta(bytes, t) }).done.then(
      () => null,
      (e: unknown) => e,
    )) as DetailedError | null;
    expect(err, 'the upload must be refused').not.toBeNull();
    return { status: err?.originalResponse?.getStatus(), body: JSON.parse(err?.originalResponse?.getBody() ?? '{}') };
  };
  const rows = (terminalId: string) =>
    store.app.ctx.db
      .selectFrom('recordings_received')
      .select(['status', 'signature_status', 'signature_key_sha256'])
      .where('terminal_id', '=', terminalId)
      .where('kind', '=', 'manifest')
      .execute();

  beforeAll(async () => {
    vi.stubEnv('UPLOADS_SHUTDOWN_GRACE_MS', '100');
    store = await startStore(engine);
    w = await buildWorld(store);
    // The terminal sends its key with the one-time code, over HTTP.
    const code = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.prisonAAdmin,
      body: { roomId: w.prisonA.roomId },
    });
    const terminalId = `ynjy01-room1.${randomUUID().slice(0, 6)}`;
    const enrolled = await store.call('POST', '/api/terminals/enrol', {
      body: { code: code.body.code, name: '甲监狱会见终端', terminalId, publicKeyPem: key.pem },
    });
    expect(enrolled.status).toBe(201);
    const session = await store.call('POST', '/api/terminals/session', { body: { terminalId, secret: enrolled.body.secret } });
    bound = { terminalId, roomId: w.prisonA.roomId, token: session.body.token };
    // A terminal of an older release: enrolled without a key.
    unbound = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    visitId = await seedVisit(store.app.ctx.db, {
      prisonId: w.prisonA.id,
      wardId: w.prisonA.wardId,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      partnerId: w.bureauA.id,
    });
  });
  afterAll(async () => {
    await store?.stop();
    vi.unstubAllEnvs();
  });

  it("a manifest signed with the enrolled key is confirmed, with the key's fingerprint", async () => {
    const bytes = signedManifest(key, visitId, bound.terminalId);
    const { response } = await uploadAll({ baseUrl: store.url, token: bound.token, bytes, meta: manifestMeta(bytes, bound) });
    expect(response.getHeader('upload-status')).toBe('confirmed');
    const answer = await confirmation(bound.token, `visitId=${visitId}&sha256=${sha256(bytes)}`);
    expect(answer.body).toMatchObject({ status: 'confirmed', signature: 'valid', signatureKeySha256: key.sha256, reason: null });
  });

  it('a manifest signed by another key is refused, flagged, and never confirmed', async () => {
    const other = newSigningKey();
    const bytes = signedManifest(other, visitId, bound.terminalId);
    const { status, body } = await refused(bytes, bound);
    expect(status).toBe(460);
    expect(body.error.issues[0].path).toBe('manifest.signature');
    expect(body.error.message).toContain('不是该终端注册时登记的公钥');
    expect(body.error.message).toContain(other.sha256);
    const answer = await confirmation(bound.token, `visitId=${visitId}&sha256=${sha256(bytes)}`);
    expect(answer.body).toMatchObject({ status: 'rejected', signature: 'mismatch', signatureKeySha256: other.sha256 });
    // Asking again does not turn it into a confirmation.
    expect((await confirmation(bound.token, `uploadId=${answer.body.uploadId}`)).body.status).toBe('rejected');
    const stored = (await rows(bound.terminalId)).filter((r) => r.signature_key_sha256 === other.sha256);
    expect(stored).toEqual([{ status: 'rejected', signature_status: 'mismatch', signature_key_sha256: other.sha256 }]);
    // Raised for the province (GET /api/alarms), once.
    const alarms = await store.app.ctx.db
      .selectFrom('alarms')
      .select(['kind', 'code', 'visit_id'])
      .where('terminal_id', '=', bound.terminalId)
      .where('kind', '=', 'manifest-signature-refused')
      .execute();
    expect(alarms).toEqual([{ kind: 'manifest-signature-refused', code: 'MISMATCH', visit_id: visitId }]);
  });

  it('a manifest changed after signing, one without a signature, and one that is not a manifest are refused', async () => {
    const signed = signManifest(manifestBody(visitId, bound.terminalId), key);
    const tampered = Buffer.from(serializeManifest({ ...signed, endedAt: '2026-03-02T02:30:00.000Z' }));
    const { signature: _dropped, ...withoutSignature } = signManifest(manifestBody(visitId, bound.terminalId), key);
    const cases: Array<[Buffer, string]> = [
      [tampered, 'mismatch'],
      [Buffer.from(JSON.stringify(withoutSignature)), 'unsigned'],
      [Buffer.from('{"segments":[]}'), 'malformed'],
    ];
    for (const [bytes, flag] of cases) {
      const { status } = await refused(bytes, bound);
      expect(status).toBe(460);
      expect((await confirmation(bound.token, `visitId=${visitId}&sha256=${sha256(bytes)}`)).body).toMatchObject({
        status: 'rejected',
        signature: flag,
      });
    }
  });

  it('a validly signed manifest of another terminal or another visit is refused', async () => {
    const otherVisit = await seedVisit(store.app.ctx.db, {
      prisonId: w.prisonA.id,
      wardId: w.prisonA.wardId,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      partnerId: w.bureauA.id,
    });
    for (const bytes of [signedManifest(key, visitId, unbound.terminalId), signedManifest(key, otherVisit, bound.terminalId)]) {
      const { status, body } = await refused(bytes, bound);
      expect(status).toBe(460);
      expect(body.error.message).toMatch(/terminalId|visitId/);
    }
    expect((await rows(bound.terminalId)).filter((r) => r.status === 'confirmed')).toHaveLength(1);
  });

  it('a terminal enrolled without a key (older release): accepted as unbound and flagged as such', async () => {
    const own = newSigningKey();
    const bytes = signedManifest(own, visitId, unbound.terminalId);
    await uploadAll({ baseUrl: store.url, token: unbound.token, bytes, meta: manifestMeta(bytes, unbound) });
    const answer = await confirmation(unbound.token, `visitId=${visitId}&sha256=${sha256(bytes)}`);
    expect(answer.body).toMatchObject({ status: 'confirmed', signature: 'unbound', signatureKeySha256: own.sha256 });
    expect(answer.body.reason).toContain('不能证明出自该终端');
    // Unbound is no excuse for a broken signature.
    const tampered = Buffer.from(
      serializeManifest({ ...signManifest(manifestBody(visitId, unbound.terminalId), own), state: 'interrupted' }),
    );
    expect((await refused(tampered, unbound)).status).toBe(460);
  });
});
