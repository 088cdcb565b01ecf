// The store's file storage without the per-upload mkdir and .json read (issue #22 item 3). R13.1:
// the .json files stay the record of every upload — a restarted store (a new storage on the same
// folder) resumes from them — and a folder gone under a running store is made again, not an error.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeanFileStore } from '../../../../src-server/recordings/lean-file-store';

describe('lean file store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lean-file-store-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const upload = (size: number) =>
    new Upload({ id: randomUUID(), size, offset: 0, metadata: { kind: 'segment' }, creation_date: '2026-12-08T00:00:00.000Z' });

  it('creation writes the empty file and its .json; a new store on the folder (a restart) resumes from the .json', async () => {
    const store = new LeanFileStore(dir);
    const u = await store.create(upload(10));
    expect(fs.statSync(path.join(dir, u.id)).size).toBe(0);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, `${u.id}.json`), 'utf8')) as { size: number; metadata: unknown };
    expect(onDisk).toMatchObject({ size: 10, metadata: { kind: 'segment' } });
    expect(await store.write(Readable.from([Buffer.from('hello')]), u.id, 0)).toBe(5);

    const restarted = new LeanFileStore(dir);
    const resumed = await restarted.getUpload(u.id);
    expect({ size: resumed.size, offset: resumed.offset, metadata: resumed.metadata }).toEqual({
      size: 10,
      offset: 5,
      metadata: { kind: 'segment' },
    });
  });

  it('what the running store answers is what its .json says, and callers cannot change it', async () => {
    const store = new LeanFileStore(dir);
    const u = await store.create(upload(3));
    const first = await store.configstore.get(u.id);
    if (first) first.size = 999;
    expect((await store.getUpload(u.id)).size).toBe(3);
    await store.declareUploadLength(u.id, 4);
    expect((await store.getUpload(u.id)).size).toBe(4);
    expect(JSON.parse(fs.readFileSync(path.join(dir, `${u.id}.json`), 'utf8'))).toMatchObject({ size: 4 });
  });

  it('a removed upload is gone from memory and disk; a folder removed under the store is made again', async () => {
    const store = new LeanFileStore(dir);
    const u = await store.create(upload(1));
    await store.remove(u.id);
    await expect(store.getUpload(u.id)).rejects.toBeDefined();
    expect(fs.existsSync(path.join(dir, `${u.id}.json`))).toBe(false);

    fs.rmSync(dir, { recursive: true, force: true });
    const again = await store.create(upload(2));
    expect(fs.existsSync(path.join(dir, again.id))).toBe(true);
    expect((await store.getUpload(again.id)).size).toBe(2);
  });
});
