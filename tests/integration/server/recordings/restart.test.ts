// The central store closed while a PATCH is half sent: close does not hang, the
// bytes received so far are on disk, and after a new server starts on the same
// DATA_DIR and database the terminal resumes from the server's offset.
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../../../src-server/server';
import type { CentralStore } from '../../../../src-server/server';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore, testConfig } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import { metaFor, sha256, uploadAll } from './helpers/tus-client';
import { enrolTerminal, seedVisit } from '../../../../harness/store/upload-world';
import type { EnrolledTerminal } from '../../../../harness/store/upload-world';

const encodeMeta = (meta: Record<string, string>) =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describe.each(ENGINES)('server restarted mid-upload [%s]', (engine) => {
  let store: TestStore;
  let restarted: CentralStore | undefined;
  let terminal: EnrolledTerminal;
  let visitId: string;

  beforeAll(async () => {
    vi.stubEnv('UPLOADS_SHUTDOWN_GRACE_MS', '100');
    store = await startStore(engine);
    const w = await buildWorld(store);
    terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    visitId = await seedVisit(store.app.ctx.db, {
      prisonId: w.prisonA.id,
      wardId: w.prisonA.wardId,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      partnerId: w.bureauA.id,
    });
  });
  afterAll(async () => {
    await restarted?.close();
    await store?.fresh.drop();
    vi.unstubAllEnvs();
  });

  it('close lets the running PATCH reach a resumable point; a new server resumes it to a confirmed, identical file', async () => {
    const bytes = randomBytes(4 * 1024 * 1024 + 5);
    const meta = metaFor(bytes, visitId, terminal.terminalId, { kind: 'archive', filename: 'visit.mkv' });
    const created = await fetch(`${store.url}/api/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${terminal.token}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': encodeMeta({ ...meta }),
      },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    const uploadId = location.split('/').pop() ?? '';
    const file = path.join(store.fresh.dataDir, 'recordings', uploadId);

    // A PATCH that sends part of its body and then stalls, as on a slow line.
    const sent = randomInt(64 * 1024, bytes.length - 64 * 1024);
    const port = Number(new URL(store.url).port);
    const patch = http.request({
      host: '127.0.0.1',
      port,
      path: location,
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${terminal.token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
      },
    });
    const patchEnded = new Promise<string>((resolve) => {
      patch.on('error', (err) => resolve(`error ${err.message}`));
      patch.on('response', (res) => resolve(`status ${res.statusCode ?? 0}`));
    });
    patch.write(bytes.subarray(0, sent));
    await vi.waitFor(() => expect(fs.statSync(file).size).toBe(sent), { timeout: 5000 });

    const closing = Date.now();
    await store.app.close();
    expect(Date.now() - closing).toBeLessThan(5000);
    await patchEnded;
    // Everything received before the close is kept.
    expect(fs.statSync(file).size).toBe(sent);
    expect(fs.readFileSync(file).equals(bytes.subarray(0, sent))).toBe(true);

    // The same DATA_DIR and database, the same address.
    restarted = await buildServer(testConfig(store.fresh), { clock: store.clock.now, announce: () => undefined });
    await restarted.listen({ host: '127.0.0.1', port });

    const patchedFrom: number[] = [];
    const { response } = await uploadAll({
      baseUrl: store.url,
      token: terminal.token,
      bytes,
      meta,
      uploadUrl: `${store.url}${location}`,
      onBeforeRequest: (req) => {
        if (req.getMethod() === 'PATCH') patchedFrom.push(Number(req.getHeader('Upload-Offset')));
      },
    });
    expect(patchedFrom[0]).toBe(sent);
    expect(response.getHeader('upload-status')).toBe('confirmed');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    const res = await fetch(`${store.url}/api/uploads/confirmations?visitId=${visitId}&sha256=${sha256(bytes)}`, {
      headers: { authorization: `Bearer ${terminal.token}` },
    });
    expect(await res.json()).toMatchObject({ uploadId, status: 'confirmed', storedSha256: sha256(bytes) });
  });

  it('a tus-js-client upload keeps retrying while the store restarts, and completes', async () => {
    const bytes = randomBytes(8 * 1024 * 1024);
    const meta = metaFor(bytes, visitId, terminal.terminalId);
    const port = Number(new URL(store.url).port);
    let bounced = false;
    const done = uploadAll({
      baseUrl: store.url,
      token: terminal.token,
      bytes,
      meta,
      chunkSize: 256 * 1024,
      retryDelays: [50, 100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000],
      onProgress: (sentBytes) => {
        if (bounced || sentBytes < bytes.length / 3) return;
        bounced = true;
        void (async () => {
          await restarted?.close();
          restarted = await buildServer(testConfig(store.fresh), { clock: store.clock.now, announce: () => undefined });
          await restarted.listen({ host: '127.0.0.1', port });
        })();
      },
    });
    const { url } = await done;
    expect(bounced).toBe(true);
    const uploadId = url.split('/').pop() ?? '';
    expect(fs.readFileSync(path.join(store.fresh.dataDir, 'recordings', uploadId)).equals(bytes)).toBe(true);
    const res = await fetch(`${store.url}/api/uploads/confirmations?uploadId=${uploadId}`, {
      headers: { authorization: `Bearer ${terminal.token}` },
    });
    expect(await res.json()).toMatchObject({ status: 'confirmed', storedSha256: sha256(bytes) });
  });
});
