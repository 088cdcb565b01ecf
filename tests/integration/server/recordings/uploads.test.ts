// Uploads of recordings through tus, on both engines, over
// real HTTP with tus-js-client and real files in a temp DATA_DIR.
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DetailedError } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal, seedVisit } from '../../../../harness/store/upload-world';
import type { EnrolledTerminal } from '../../../../harness/store/upload-world';
import { startCuttingProxy } from './helpers/cutting-proxy';
import { metaFor, sha256, startUpload, uploadAll } from './helpers/tus-client';
import { newSigningKey, signedManifest } from './helpers/manifests';

const encodeMeta = (meta: Record<string, string>) =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describe.each(ENGINES)('recording uploads [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let prisonTerminal: EnrolledTerminal;
  let bureauTerminal: EnrolledTerminal;
  let otherPrisonTerminal: EnrolledTerminal;
  let visitId: string;
  const recordingsDir = () => path.join(store.fresh.dataDir, 'recordings');
  const storedFiles = () => fs.readdirSync(recordingsDir()).filter((f) => !f.endsWith('.json')).length;
  const rowCount = async () =>
    Number(
      (
        await store.app.ctx.db
          .selectFrom('recordings_received')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const confirmation = (token: string, query: string) => store.call('GET', `/api/uploads/confirmations?${query}`, { token });

  beforeAll(async () => {
    vi.stubEnv('UPLOADS_SHUTDOWN_GRACE_MS', '100');
    store = await startStore(engine);
    w = await buildWorld(store);
    prisonTerminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureauTerminal = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    otherPrisonTerminal = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
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

  it('a complete upload is hashed on arrival and confirmed with the stored hash and time', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const { url, response } = await uploadAll({
      baseUrl: store.url,
      token: prisonTerminal.token,
      bytes,
      meta: metaFor(bytes, visitId, prisonTerminal.terminalId),
    });
    expect(response.getHeader('upload-status')).toBe('confirmed');
    expect(response.getHeader('upload-sha256')).toBe(sha256(bytes));
    const uploadId = url.split('/').pop() ?? '';
    // Stored byte for byte.
    expect(fs.readFileSync(path.join(recordingsDir(), uploadId)).equals(bytes)).toBe(true);

    const byHash = await confirmation(prisonTerminal.token, `visitId=${visitId}&sha256=${sha256(bytes)}`);
    expect(byHash.status).toBe(200);
    expect(byHash.body).toMatchObject({
      uploadId,
      visitId,
      terminalId: prisonTerminal.terminalId,
      kind: 'segment',
      size: bytes.length,
      status: 'confirmed',
      storedSha256: sha256(bytes),
      receivedAt: store.clock.now().toISOString(),
      reason: null,
    });
    const byId = await confirmation(prisonTerminal.token, `uploadId=${uploadId}`);
    expect(byId.body).toEqual(byHash.body);
    // The other room of the visit uploads its own copy; it cannot read the prison's.
    expect((await confirmation(bureauTerminal.token, `uploadId=${uploadId}`)).status).toBe(404);
    const manifest = signedManifest(newSigningKey(), visitId, bureauTerminal.terminalId);
    await uploadAll({
      baseUrl: store.url,
      token: bureauTerminal.token,
      bytes: manifest,
      meta: metaFor(manifest, visitId, bureauTerminal.terminalId, { kind: 'manifest', filename: 'manifest.json' }),
    });
    expect((await confirmation(bureauTerminal.token, `visitId=${visitId}&sha256=${sha256(manifest)}`)).body.status).toBe(
      'confirmed',
    );
  });

  it('a wrong declared hash is rejected, the bytes are removed, and the confirmation query says why', async () => {
    const bytes = randomBytes(512 * 1024);
    const declared = sha256(Buffer.from('something else'));
    const before = storedFiles();
    const run = startUpload({
      baseUrl: store.url,
      token: prisonTerminal.token,
      bytes,
      meta: metaFor(bytes, visitId, prisonTerminal.terminalId, { sha256: declared }),
    });
    const err = (await run.done.then(
      () => null,
      (e: unknown) => e,
    )) as DetailedError;
    expect(err.originalResponse?.getStatus()).toBe(460);
    const body = JSON.parse(err.originalResponse?.getBody() ?? '{}');
    expect(body.error.issues[0].path).toBe('metadata.sha256');
    expect(body.error.message).toContain(sha256(bytes));
    expect(storedFiles()).toBe(before);

    const res = await confirmation(prisonTerminal.token, `visitId=${visitId}&sha256=${declared}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', declaredSha256: declared, storedSha256: sha256(bytes) });
    expect(res.body.reason).toContain('不符');
    // The upload cannot be continued; the terminal sends the file again as a new upload.
    const head = await fetch(`${store.url}/api/uploads/${res.body.uploadId}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${prisonTerminal.token}`, 'tus-resumable': '1.0.0' },
    });
    expect(head.status).toBe(410);
  });

  it.each([
    ['kind', { kind: 'video' }],
    ['sha256', { sha256: 'ABC' }],
    ['visitId', { visitId: 'not-a-uuid' }],
    ['filename', { filename: '../etc/passwd' }],
    ['size', { size: '99' }],
  ])('bad metadata (%s) is a 400 naming the field, and nothing is stored', async (field, bad) => {
    const bytes = randomBytes(1000);
    const beforeRows = await rowCount();
    const beforeFiles = storedFiles();
    const res = await fetch(`${store.url}/api/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${prisonTerminal.token}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': encodeMeta({ ...metaFor(bytes, visitId, prisonTerminal.terminalId), ...bad }),
      },
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(await res.text());
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual([`metadata.${field}`]);
    expect(await rowCount()).toBe(beforeRows);
    expect(storedFiles()).toBe(beforeFiles);
  });

  it('a missing field and an unknown visit are named too', async () => {
    const bytes = randomBytes(10);
    const meta: Record<string, string> = { ...metaFor(bytes, visitId, prisonTerminal.terminalId) };
    delete meta['kind'];
    const err = (await uploadAll({ baseUrl: store.url, token: prisonTerminal.token, bytes, meta }).catch(
      (e: unknown) => e,
    )) as DetailedError;
    expect(err.originalResponse?.getStatus()).toBe(400);
    expect(JSON.parse(err.originalResponse?.getBody() ?? '').error.issues[0].path).toBe('metadata.kind');
    const unknown = (await uploadAll({
      baseUrl: store.url,
      token: prisonTerminal.token,
      bytes,
      meta: metaFor(bytes, '00000000-0000-4000-8000-000000000000', prisonTerminal.terminalId),
    }).catch((e: unknown) => e)) as DetailedError;
    expect(unknown.originalResponse?.getStatus()).toBe(400);
    expect(JSON.parse(unknown.originalResponse?.getBody() ?? '').error.issues[0].path).toBe('metadata.visitId');
  });

  it('a terminal not of the visit is refused (403), as is one naming another terminal; no token is 401', async () => {
    const bytes = randomBytes(1000);
    const beforeRows = await rowCount();
    const stranger = (await uploadAll({
      baseUrl: store.url,
      token: otherPrisonTerminal.token,
      bytes,
      meta: metaFor(bytes, visitId, otherPrisonTerminal.terminalId),
    }).catch((e: unknown) => e)) as DetailedError;
    expect(stranger.originalResponse?.getStatus()).toBe(403);
    expect(JSON.parse(stranger.originalResponse?.getBody() ?? '').error.code).toBe('FORBIDDEN');
    const impostor = (await uploadAll({
      baseUrl: store.url,
      token: otherPrisonTerminal.token,
      bytes,
      meta: metaFor(bytes, visitId, prisonTerminal.terminalId),
    }).catch((e: unknown) => e)) as DetailedError;
    expect(impostor.originalResponse?.getStatus()).toBe(403);
    expect((await confirmation(otherPrisonTerminal.token, `visitId=${visitId}&sha256=${sha256(bytes)}`)).status).toBe(403);
    const anonymous = await fetch(`${store.url}/api/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
    });
    expect(anonymous.status).toBe(401);
    // Staff are not terminals.
    expect((await confirmation(w.tokens.prisonAAdmin, `visitId=${visitId}&sha256=${sha256(bytes)}`)).status).toBe(403);
    expect(await rowCount()).toBe(beforeRows);
  });

  it('another terminal cannot see or continue an upload (404)', async () => {
    const bytes = randomBytes(4096);
    const { url } = await uploadAll({
      baseUrl: store.url,
      token: prisonTerminal.token,
      bytes,
      meta: metaFor(bytes, visitId, prisonTerminal.terminalId),
    });
    const head = await fetch(`${store.url}${new URL(url, store.url).pathname}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${bureauTerminal.token}`, 'tus-resumable': '1.0.0' },
    });
    expect(head.status).toBe(404);
  });

  it('the confirmation query names a missing field', async () => {
    const res = await confirmation(prisonTerminal.token, `visitId=${visitId}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['querystring.sha256']);
  });

  it('an upload cut at a random offset resumes from the server offset: identical bytes, confirmed', async () => {
    const bytes = randomBytes(6 * 1024 * 1024);
    const cutAt = randomInt(Math.floor(bytes.length * 0.1), Math.floor(bytes.length * 0.9));
    const proxy = await startCuttingProxy(Number(new URL(store.url).port), cutAt);
    const meta = metaFor(bytes, visitId, prisonTerminal.terminalId, { kind: 'archive', filename: 'visit.mkv' });
    const first = startUpload({ baseUrl: proxy.url, token: prisonTerminal.token, bytes, meta, chunkSize: 8 * 1024 * 1024 });
    await expect(first.done).rejects.toThrow();
    await proxy.close();
    const uploadUrl = `${store.url}${new URL(first.upload.url ?? '').pathname}`;

    // The store keeps what it received before the cut; HEAD tells where to go on.
    const headOffset = async () => {
      const head = await fetch(uploadUrl, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${prisonTerminal.token}`, 'tus-resumable': '1.0.0' },
      });
      expect(head.status).toBe(200);
      return Number(head.headers.get('upload-offset'));
    };
    let offset = await headOffset();
    await vi.waitFor(async () => {
      const again = await headOffset();
      expect(again).toBe(offset);
      offset = again;
    });
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(cutAt);
    expect(offset).toBeLessThan(bytes.length);
    const pending = await confirmation(prisonTerminal.token, `visitId=${visitId}&sha256=${sha256(bytes)}`);
    expect(pending.body).toMatchObject({ status: 'pending', receivedBytes: offset });

    const patchedFrom: number[] = [];
    const { url } = await uploadAll({
      baseUrl: store.url,
      token: prisonTerminal.token,
      bytes,
      meta,
      uploadUrl,
      onBeforeRequest: (req) => {
        if (req.getMethod() === 'PATCH') patchedFrom.push(Number(req.getHeader('Upload-Offset')));
      },
    });
    expect(url).toBe(uploadUrl);
    // Only the rest travelled again.
    expect(patchedFrom[0]).toBe(offset);
    const uploadId = uploadUrl.split('/').pop() ?? '';
    expect(fs.readFileSync(path.join(recordingsDir(), uploadId)).equals(bytes)).toBe(true);
    expect((await confirmation(prisonTerminal.token, `uploadId=${uploadId}`)).body).toMatchObject({
      status: 'confirmed',
      storedSha256: sha256(bytes),
    });
  });

  it('an upload whose bytes all arrived but whose check never ran is checked when the terminal asks', async () => {
    const bytes = randomBytes(100_000);
    const created = await fetch(`${store.url}/api/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${prisonTerminal.token}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': encodeMeta({ ...metaFor(bytes, visitId, prisonTerminal.terminalId) }),
      },
    });
    expect(created.status).toBe(201);
    const uploadId = (created.headers.get('location') ?? '').split('/').pop() ?? '';
    // As if the store stopped right after writing the last byte.
    fs.writeFileSync(path.join(recordingsDir(), uploadId), bytes);
    expect((await confirmation(prisonTerminal.token, `uploadId=${uploadId}`)).body).toMatchObject({
      status: 'confirmed',
      storedSha256: sha256(bytes),
    });
  });

  it('no deletion route: DELETE is not found and the recording stays', async () => {
    const bytes = randomBytes(2048);
    const { url } = await uploadAll({
      baseUrl: store.url,
      token: prisonTerminal.token,
      bytes,
      meta: metaFor(bytes, visitId, prisonTerminal.terminalId),
    });
    const res = await fetch(url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${prisonTerminal.token}`, 'tus-resumable': '1.0.0' },
    });
    expect(res.status).toBe(404);
    expect(fs.existsSync(path.join(recordingsDir(), url.split('/').pop() ?? ''))).toBe(true);
  });
});
