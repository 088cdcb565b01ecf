// #20 items 1 and 3 (uploads): recordings on a real S3 server (a one-node Ceph started here) served
// by two store nodes on one PostgreSQL. A recording sent to node A, which is killed (-9) mid-way,
// resumes through node B and is confirmed by its SHA-256 (R13.1); a node whose request still holds
// the upload lets go when the terminal resumes through the other node, never both writing; playback
// reads ranges from the bucket; retention removes the objects. Node A is a child process (a real
// kill), node B runs in this process.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { startCeph, cephUnavailable } from '../../../harness/s3/ceph';
import type { CephS3 } from '../../../harness/s3/ceph';
import { startStore, testConfig } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld } from '../../../harness/store/world';
import { enrolTerminal, seedVisit } from '../../../harness/store/upload-world';
import type { EnrolledTerminal } from '../../../harness/store/upload-world';
import { startChild } from '../../../harness/sync/child-process';
import { startFaultProxy } from '../../../harness/sync/fault-proxy';
import type { Child } from '../../../harness/sync/child-process';
import { visitRecordingMkv } from '../../../harness/fixtures/recording/media';
import { metaFor, sha256, uploadAll } from '../server/recordings/helpers/tus-client';
import type { RecordingMeta } from '../server/recordings/helpers/tus-client';
import { createRecordingStorage } from '../../../src-server/recordings/storage';
import type { RecordingStorage } from '../../../src-server/recordings/storage';
import { loadUploadConfig } from '../../../src-server/recordings/storage-config';
import { purgeExpiredRecordings } from '../../../src-server/recordings/purge-expired';
import { sha256OfStream } from '../../../src-server/recordings/hash-stored';
import { uploadLockKey } from '../../../src-server/recordings/pg-upload-locker';
import { PartMismatch, StreamedPart, type SendPart } from '../../../src-server/recordings/s3-streamed-part';

const CENTRAL_CHILD = new URL('../../../harness/sync/central-child.ts', import.meta.url).pathname;
const PART = 8 * 1024 * 1024;
const DAY_MS = 86_400_000;
const unavailable = cephUnavailable();

const encodeMeta = (meta: RecordingMeta) =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describe.skipIf(unavailable !== undefined)(
  `#20 recordings on S3 across two store nodes${unavailable ? `（跳过：${unavailable}）` : ''}`,
  () => {
    let ceph: CephS3;
    let store: TestStore;
    let nodeA: Child<{ url: string }> | undefined;
    let terminal: EnrolledTerminal;
    let visitId: string;
    let recording: Buffer;
    let storage: RecordingStorage;
    const uploads: string[] = [];

    const startNodeA = () =>
      startChild<{ url: string }>(CENTRAL_CHILD, [JSON.stringify(testConfig(store.fresh)), store.clock.now().toISOString()]);

    /** Bytes of the upload's multipart parts now in the bucket (behind the store's back). */
    const bytesInParts = async (id: string): Promise<number> => {
      try {
        const info = await ceph.client.send(new HeadObjectCommand({ Bucket: ceph.bucket, Key: `${id}.info` }));
        const uploadId = info.Metadata?.['upload-id'];
        const parts = await ceph.client.send(new ListPartsCommand({ Bucket: ceph.bucket, Key: id, UploadId: uploadId }));
        return (parts.Parts ?? []).reduce((sum, p) => sum + (p.Size ?? 0), 0);
      } catch {
        return 0;
      }
    };

    const objectSize = async (key: string): Promise<number | undefined> => {
      try {
        return (await ceph.client.send(new HeadObjectCommand({ Bucket: ceph.bucket, Key: key }))).ContentLength;
      } catch {
        return undefined;
      }
    };

    /** POST through a node, then a PATCH that sends `sent` bytes and stalls, as on a line that died. */
    const stalledUpload = async (nodeUrl: string, sent: number) => {
      const meta = metaFor(recording, visitId, terminal.terminalId, { kind: 'archive', filename: `visit-${uploads.length}.mkv` });
      const created = await fetch(`${nodeUrl}/api/uploads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${terminal.token}`,
          'tus-resumable': '1.0.0',
          'upload-length': String(recording.length),
          'upload-metadata': encodeMeta(meta),
        },
      });
      expect(created.status).toBe(201);
      const location = created.headers.get('location') ?? '';
      const id = location.split('/').pop() ?? '';
      uploads.push(id);
      const patch = http.request({
        host: '127.0.0.1',
        port: Number(new URL(nodeUrl).port),
        path: location,
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${terminal.token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(recording.length),
        },
      });
      const ended = new Promise<string>((resolve) => {
        patch.on('error', (err) => resolve(`error ${err.message}`));
        patch.on('response', (res) => resolve(`status ${res.statusCode ?? 0}`));
      });
      patch.write(recording.subarray(0, sent));
      return { id, location, meta, ended, patch };
    };

    /** The rest through node B with tus-js-client (HEAD, then PATCH from the offset it says). */
    const resumeThroughB = async (location: string, meta: RecordingMeta) => {
      const patchedFrom: number[] = [];
      const started = Date.now();
      const { response } = await uploadAll({
        baseUrl: store.url,
        token: terminal.token,
        bytes: recording,
        meta,
        uploadUrl: `${store.url}${location}`,
        chunkSize: 64 * 1024 * 1024,
        onBeforeRequest: (req) => {
          if (req.getMethod() === 'PATCH') patchedFrom.push(Number(req.getHeader('Upload-Offset')));
        },
      });
      return { response, patchedFrom, ms: Date.now() - started };
    };

    beforeAll(async () => {
      ceph = await startCeph();
      for (const [key, value] of Object.entries(ceph.env)) vi.stubEnv(key, value);
      vi.stubEnv('UPLOADS_SHUTDOWN_GRACE_MS', '100');
      store = await startStore('postgres');
      const w = await buildWorld(store);
      terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
      visitId = await seedVisit(store.app.ctx.db, {
        prisonId: w.prisonA.id,
        wardId: w.prisonA.wardId,
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        partnerId: w.bureauA.id,
      });
      recording = fs.readFileSync(visitRecordingMkv(4));
      storage = await createRecordingStorage(loadUploadConfig(process.env, store.fresh.dataDir).storage);
      nodeA = await startNodeA();
    }, 120_000);

    afterAll(async () => {
      await nodeA?.kill();
      await store?.stop();
      await ceph?.stop();
      vi.unstubAllEnvs();
    }, 60_000);

    it('R13.1: node A killed (-9) mid-upload; the terminal resumes through node B from the parts in the bucket; SHA-256 confirmed', async () => {
      expect(recording.length).toBeGreaterThan(2 * PART);
      const sent = PART + 3 * 1024 * 1024;
      const a = await stalledUpload(nodeA?.ready.url ?? '', sent);
      // The first part has reached the bucket; the rest of what A received dies with it.
      await vi.waitFor(async () => expect(await bytesInParts(a.id)).toBe(PART), { timeout: 20_000, interval: 100 });
      await nodeA?.kill();
      nodeA = undefined;
      await a.ended;
      // The confirmation query through the other node: pending, with what the bucket holds.
      const pending = await store.call('GET', `/api/uploads/confirmations?uploadId=${a.id}`, { token: terminal.token });
      expect(pending.body).toMatchObject({ status: 'pending', receivedBytes: PART });

      const { response, patchedFrom } = await resumeThroughB(a.location, a.meta);
      expect(patchedFrom[0]).toBe(PART);
      expect(response.getHeader('upload-status')).toBe('confirmed');
      expect(response.getHeader('upload-sha256')).toBe(sha256(recording));
      expect(await objectSize(a.id)).toBe(recording.length);

      const confirmation = await store.call('GET', `/api/uploads/confirmations?visitId=${visitId}&sha256=${sha256(recording)}`, {
        token: terminal.token,
      });
      expect(confirmation.body).toMatchObject({ uploadId: a.id, status: 'confirmed', storedSha256: sha256(recording) });
      const row = await store.app.ctx.db
        .selectFrom('recordings_received')
        .selectAll()
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(row.storage).toBe('s3');
    }, 90_000);

    it('#20 tus locks on PostgreSQL: node A still holds the upload; resuming through node B makes A let go first, then B writes it alone', async () => {
      nodeA = await startNodeA();
      const sent = 2 * 1024 * 1024;
      const a = await stalledUpload(nodeA.ready.url, sent);
      // A holds the upload's lock (in PostgreSQL) while its PATCH waits for more bytes (none in S3 yet).
      await vi.waitFor(
        async () => {
          const held = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted
            and objsubid = 1 and ((classid::bigint << 32) | objid::bigint) = ${uploadLockKey(a.id)}::bigint`.execute(
            store.app.ctx.db,
          );
          expect(held.rows[0]?.n).toBe(1);
        },
        { timeout: 20_000, interval: 50 },
      );
      let aEndedAt = 0;
      void a.ended.then(() => (aEndedAt = Date.now()));

      const b = await resumeThroughB(a.location, a.meta);
      // A's request was cut before B's HEAD was answered: B resumed from what A stored when it let go.
      expect(aEndedAt).toBeGreaterThan(0);
      expect(b.patchedFrom[0]).toBe(sent);
      expect(b.response.getHeader('upload-status')).toBe('confirmed');
      expect(b.response.getHeader('upload-sha256')).toBe(sha256(recording));
      a.patch.destroy();
    }, 90_000);

    it('R13.1: bytes that do not match the declared SHA-256 are refused (460) and their objects leave the bucket', async () => {
      const bytes = recording.subarray(0, 1024 * 1024);
      const meta = { ...metaFor(bytes, visitId, terminal.terminalId), sha256: sha256(Buffer.from('other')) };
      await expect(uploadAll({ baseUrl: store.url, token: terminal.token, bytes, meta })).rejects.toThrow(/460/);
      const row = await store.app.ctx.db
        .selectFrom('recordings_received')
        .selectAll()
        .where('declared_sha256', '=', meta.sha256)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('rejected');
      expect(await objectSize(row.id)).toBeUndefined();
      expect(await objectSize(`${row.id}.info`)).toBeUndefined();
    }, 30_000);

    /** One PATCH of `bytes` at `offset` through a node, as the terminal sends its 8 MiB pieces. */
    const patchAt = (nodeUrl: string, location: string, offset: number, bytes: Buffer) =>
      fetch(`${nodeUrl}${location}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${terminal.token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        },
        body: new Uint8Array(bytes),
      });

    const createAt = async (nodeUrl: string, meta: RecordingMeta, size: number) => {
      const created = await fetch(`${nodeUrl}/api/uploads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${terminal.token}`,
          'tus-resumable': '1.0.0',
          'upload-length': String(size),
          'upload-metadata': encodeMeta(meta),
        },
      });
      expect(created.status).toBe(201);
      return created.headers.get('location') ?? '';
    };

    it('#20 state kept while a node holds the lock: PATCHes through A, B, then A again; A let go of its state when B asked, so it goes on from the bucket; SHA-256 confirmed', async () => {
      nodeA ??= await startNodeA();
      const urlA = nodeA.ready.url;
      const meta = metaFor(recording, visitId, terminal.terminalId, { kind: 'archive', filename: 'visit-aba.mkv' });
      const location = await createAt(urlA, meta, recording.length);
      const first = await patchAt(urlA, location, 0, recording.subarray(0, PART));
      expect([first.status, first.headers.get('upload-offset')]).toEqual([204, String(PART)]);
      // B asks A (which keeps the lock and the upload's state after its PATCH) to let go.
      const second = await patchAt(store.url, location, PART, recording.subarray(PART, 2 * PART));
      expect([second.status, second.headers.get('upload-offset')]).toEqual([204, String(2 * PART)]);
      // A state kept past that would put A at PART and refuse this with 409.
      const last = await patchAt(urlA, location, 2 * PART, recording.subarray(2 * PART));
      expect(last.status).toBe(204);
      expect(last.headers.get('upload-status')).toBe('confirmed');
      // A did not see the first bytes go by after B wrote: it read the object back to hash it.
      expect(last.headers.get('upload-sha256')).toBe(sha256(recording));
    }, 90_000);

    it('R13.1: one corrupted part among several sent through one node (hashed on the way in) is refused (460) and leaves the bucket', async () => {
      const corrupted = Buffer.from(recording);
      corrupted[PART + 4321] = (corrupted[PART + 4321] ?? 0) ^ 0xff;
      const meta = metaFor(recording, visitId, terminal.terminalId, { kind: 'archive', filename: 'visit-corrupt.mkv' });
      const location = await createAt(store.url, meta, corrupted.length);
      const id = location.split('/').pop() ?? '';
      for (let at = 0; at < corrupted.length; at += PART) {
        const res = await patchAt(store.url, location, at, corrupted.subarray(at, at + PART));
        if (at + PART < corrupted.length) expect(res.status).toBe(204);
        else {
          expect(res.status).toBe(460);
          expect(await res.text()).toMatch(/SHA-256/);
        }
      }
      const row = await store.app.ctx.db
        .selectFrom('recordings_received')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('rejected');
      expect(row.stored_sha256).toBe(sha256(corrupted));
      expect(await objectSize(id)).toBeUndefined();
    }, 60_000);

    it("#20 the S3 storage hashes what it stores as it goes: the digest is the stored object's; lost state (forget) → none, and the bytes still right", async () => {
      const config = loadUploadConfig(process.env, store.fresh.dataDir).storage;
      const st = await createRecordingStorage(config, { stateCache: true });
      const bytes = recording.subarray(0, 2 * PART + 777);
      const pieces = [0, PART - 1000, PART + 5, 2 * PART + 777];
      const send = async (id: string, between?: () => void) => {
        await st.datastore.create(new Upload({ id, size: bytes.length, offset: 0, creation_date: new Date().toISOString() }));
        for (let i = 0; i + 1 < pieces.length; i += 1) {
          const [from, to] = [pieces[i] ?? 0, pieces[i + 1] ?? 0];
          expect(await st.datastore.write(Readable.from([bytes.subarray(from, to)]), id, from)).toBe(to);
          if (i === 0) between?.();
        }
      };
      const kept = randomUUID();
      await send(kept);
      expect(st.receivedSha256(kept, bytes.length)).toBe(sha256(bytes));
      expect(await sha256OfStream(await st.open(kept))).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
      // Asked once: a second ask (another completion of the same id) reads back.
      expect(st.receivedSha256(kept, bytes.length)).toBeUndefined();

      const lost = randomUUID();
      // The node let go of the lock after the first piece (its incomplete tail then comes from the bucket).
      await send(lost, () => st.forget(lost));
      expect(st.receivedSha256(lost, bytes.length)).toBeUndefined();
      expect(await sha256OfStream(await st.open(lost))).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
      expect(await objectSize(`${lost}.part`)).toBeUndefined();
      await st.remove(kept);
      await st.remove(lost);
    }, 60_000);

    it('#20 a part streamed while its bytes arrive: stored, its ETag the MD5 of what was fed; cut short, nothing stored; bytes changed on the way, refused', async () => {
      const Key = `streamed-${randomUUID()}`;
      const { UploadId } = await ceph.client.send(new CreateMultipartUploadCommand({ Bucket: ceph.bucket, Key }));
      const sender =
        (PartNumber: number, change?: (b: Buffer) => Buffer): SendPart =>
        (body, ContentLength, abortSignal) => {
          const Body = change ? body.map((c: Buffer) => change(c)) : body;
          return ceph.client.send(
            new UploadPartCommand({ Bucket: ceph.bucket, Key, UploadId, PartNumber, Body, ContentLength }),
            {
              abortSignal,
            },
          );
        };
      const bytes = recording.subarray(0, PART);
      const feedAll = (part: StreamedPart, upTo = bytes.length) => {
        for (let at = 0; at < upTo; at += 65_536) part.feed(bytes.subarray(at, Math.min(at + 65_536, upTo)));
      };
      try {
        const whole = new StreamedPart(sender(1), bytes.length);
        feedAll(whole);
        expect(whole.missing).toBe(0);
        expect(await whole.stored()).toMatch(/[0-9a-f]{32}/);
        // Cut short: the request is dropped and S3 keeps no part 2.
        const cut = new StreamedPart(sender(2), bytes.length);
        feedAll(cut, 3 * 65_536);
        await cut.abandon();
        // One byte changed between the store and S3 (same length): S3 stores it, the MD5 tells.
        const changed = new StreamedPart(
          sender(3, (c) => {
            const copy = Buffer.from(c);
            copy[0] = (copy[0] ?? 0) ^ 0xff;
            return copy;
          }),
          bytes.length,
        );
        feedAll(changed);
        await expect(changed.stored()).rejects.toBeInstanceOf(PartMismatch);
        expect(() => new StreamedPart(sender(4), 10).feed(Buffer.alloc(11))).toThrow(RangeError);
        const listed = await ceph.client.send(new ListPartsCommand({ Bucket: ceph.bucket, Key, UploadId }));
        expect((listed.Parts ?? []).map((p) => [p.PartNumber, p.Size])).toEqual([
          [1, PART],
          [3, PART],
        ]);
      } finally {
        await ceph.client.send(new AbortMultipartUploadCommand({ Bucket: ceph.bucket, Key, UploadId }));
      }
    }, 60_000);

    it('#20 the connection to S3 drops while a part streams: the part goes again from memory, the PATCH succeeds, the bytes and their digest are right', async () => {
      const proxy = await startFaultProxy(Number(new URL(ceph.endpoint).port));
      const config = loadUploadConfig(process.env, store.fresh.dataDir).storage;
      if (config.kind !== 's3') throw new Error('S3 storage expected');
      const st = await createRecordingStorage({ ...config, endpoint: proxy.url }, { stateCache: true });
      const id = randomUUID();
      const bytes = recording.subarray(0, 2 * PART + 4321);
      try {
        await st.datastore.create(new Upload({ id, size: bytes.length, offset: 0, creation_date: new Date().toISOString() }));
        // Half-way through the first part (its request's headers are a few hundred bytes).
        proxy.setFault({ kind: 'cutUp', after: PART / 2 });
        const pieces = Readable.from(
          Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) => bytes.subarray(i * 65_536, (i + 1) * 65_536)),
        );
        expect(await st.datastore.write(pieces, id, 0)).toBe(bytes.length);
        expect(proxy.fired()).toBe(true);
        expect(st.receivedSha256(id, bytes.length)).toBe(sha256(bytes));
        expect(await sha256OfStream(await st.open(id))).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
      } finally {
        await st.remove(id);
        await proxy.close();
      }
    }, 60_000);

    it('playback reads ranges of the stored recording from the bucket, as from a file', async () => {
      const id = uploads[0] ?? '';
      for (const [start, end] of [
        [0, 65_535],
        [PART - 100, PART + 100],
        [recording.length - 4096, recording.length - 1],
      ] as const) {
        const chunks: Buffer[] = [];
        for await (const chunk of (await storage.openRange(id, start, end)) as AsyncIterable<Buffer>) chunks.push(chunk);
        expect(Buffer.concat(chunks).equals(recording.subarray(start, end + 1))).toBe(true);
      }
    }, 30_000);

    it('the file and the S3 storage answer alike: the stored bytes, their ranges, removal (twice is no error), reachability', async () => {
      const s3 = loadUploadConfig(process.env, store.fresh.dataDir).storage;
      const bytes = recording.subarray(0, PART + 12_345);
      for (const config of [{ kind: 'file' as const, directory: path.join(store.fresh.dataDir, 'alike') }, s3]) {
        const st = await createRecordingStorage(config);
        await st.reachable();
        const id = randomUUID();
        await st.datastore.create(new Upload({ id, size: bytes.length, offset: 0, creation_date: new Date().toISOString() }));
        expect(await st.datastore.write(Readable.from([bytes]), id, 0)).toBe(bytes.length);
        expect(await sha256OfStream(await st.open(id))).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
        const range = await sha256OfStream(await st.openRange(id, 100, PART + 99));
        expect(range).toEqual({ sha256: sha256(bytes.subarray(100, PART + 100)), bytes: PART });
        await st.remove(id);
        await st.remove(id);
        await expect(st.open(id).then(sha256OfStream)).rejects.toThrow();
      }
      // A bucket that is not there is not reachable (/ready says so).
      if (s3.kind !== 's3') throw new Error('the store is not on S3');
      const missing = await createRecordingStorage({ ...s3, bucket: 'no-such-bucket' });
      await expect(missing.reachable()).rejects.toThrow();
    }, 60_000);

    it('R13.1 retention: a recording past the period leaves the bucket (object, .info, .part); one inside it stays', async () => {
      const [old, recent] = uploads;
      const db = store.app.ctx.db;
      const longAgo = new Date(store.clock.now().getTime() - 200 * DAY_MS).toISOString();
      await sql`update recordings_received set received_at = ${longAgo} where id = ${old}`.execute(db);

      const { purged } = await purgeExpiredRecordings(store.app.ctx, storage);
      expect(purged).toEqual([old]);
      expect(await objectSize(old ?? '')).toBeUndefined();
      expect(await objectSize(`${old}.info`)).toBeUndefined();
      expect(await objectSize(recent ?? '')).toBe(recording.length);
      const rows = await db.selectFrom('recordings_received').select(['id', 'purged_at']).execute();
      expect(rows.find((r) => r.id === old)?.purged_at).toBe(store.clock.now().toISOString());
      expect(rows.find((r) => r.id === recent)?.purged_at).toBeNull();
      // Again: nothing left to do, and no error.
      expect((await purgeExpiredRecordings(store.app.ctx, storage)).purged).toEqual([]);
    }, 30_000);

    it('#20 /ready: ready while the bucket answers; not ready, naming the storage, once the S3 server is gone', async () => {
      expect((await store.call('GET', '/ready')).body).toEqual({ status: 'ready', engine: 'postgres', pendingMigrations: [] });
      await ceph.stop();
      const res = await store.call('GET', '/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'not-ready', message: '录像存储不可用' });
      // The process itself is up: the load balancer takes it out, nothing restarts it.
      expect((await store.call('GET', '/health')).status).toBe(200);
    }, 30_000);
  },
);
