// The file storage hashes an upload's bytes as it writes them (#20, R13.1): the SHA-256 check of a
// completed upload then needs no second read of the file. A write that does not continue where the
// running hash stopped (another writer, a cut write) leaves no digest: the check reads the file back.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingStorage } from '../../../../src-server/recordings/storage';
import type { RecordingStorage } from '../../../../src-server/recordings/storage';
import { sha256OfStream, storedSha256 } from '../../../../src-server/recordings/hash-stored';
import { sha256 } from './helpers/tus-client';

describe('file storage: SHA-256 while writing', () => {
  let dir: string;
  let storage: RecordingStorage;
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  const cuts = [0, 1000, 1024 * 1024, 2 * 1024 * 1024 + 5, bytes.length];

  const create = async () => {
    const id = randomUUID();
    await storage.datastore.create(new Upload({ id, size: bytes.length, offset: 0, creation_date: new Date().toISOString() }));
    return id;
  };
  const writePiece = (id: string, i: number) =>
    storage.datastore.write(Readable.from([bytes.subarray(cuts[i], cuts[i + 1])]), id, cuts[i] ?? 0);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hash-while-stored-'));
    storage = await createRecordingStorage({ kind: 'file', directory: dir });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bytes written in several pieces: the digest is that of the stored file, given once', async () => {
    const id = await create();
    for (let i = 0; i + 1 < cuts.length; i += 1) expect(await writePiece(id, i)).toBe(cuts[i + 1]);
    expect(await sha256OfStream(await storage.open(id))).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
    expect(await storedSha256(storage, id, bytes.length)).toEqual({
      sha256: sha256(bytes),
      bytes: bytes.length,
      readBack: false,
    });
    // Asked again (a second completion): read back, same answer.
    expect(await storedSha256(storage, id, bytes.length)).toEqual({ sha256: sha256(bytes), bytes: bytes.length, readBack: true });
  });

  it('a size other than what was hashed gives no digest (the check reads the file and compares)', async () => {
    const id = await create();
    for (let i = 0; i + 1 < cuts.length; i += 1) await writePiece(id, i);
    expect(storage.receivedSha256(id, bytes.length - 1)).toBeUndefined();
  });

  it('a piece written by another writer (another storage on the folder): no digest, and the read-back is right', async () => {
    const other = await createRecordingStorage({ kind: 'file', directory: dir });
    const id = await create();
    await writePiece(id, 0);
    await other.datastore.write(Readable.from([bytes.subarray(cuts[1], cuts[2])]), id, cuts[1] ?? 0);
    for (let i = 2; i + 1 < cuts.length; i += 1) await writePiece(id, i);
    expect(storage.receivedSha256(id, bytes.length)).toBeUndefined();
    expect(await storedSha256(storage, id, bytes.length)).toEqual({ sha256: sha256(bytes), bytes: bytes.length, readBack: true });
  });

  it('a write that fails half-way drops the running hash; a corrupted piece is hashed as stored (mismatch)', async () => {
    const id = await create();
    await writePiece(id, 0);
    const failing = new Readable({
      read() {
        this.push(bytes.subarray(cuts[1], (cuts[1] ?? 0) + 10));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.datastore.write(failing, id, cuts[1] ?? 0)).rejects.toBeDefined();
    expect(storage.receivedSha256(id, bytes.length)).toBeUndefined();

    const corrupt = Buffer.from(bytes);
    corrupt[2 * 1024 * 1024] = (corrupt[2 * 1024 * 1024] ?? 0) ^ 1;
    const id2 = await create();
    for (let i = 0; i + 1 < cuts.length; i += 1)
      await storage.datastore.write(Readable.from([corrupt.subarray(cuts[i], cuts[i + 1])]), id2, cuts[i] ?? 0);
    const digest = storage.receivedSha256(id2, bytes.length);
    expect(digest).toBe(sha256(corrupt));
    expect(digest).not.toBe(sha256(bytes));
  });
});
