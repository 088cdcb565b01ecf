// Where installer files are kept: the recordings' storage (a folder, or the S3 bucket when one
// is configured), with builds in their own folder DATA_DIR/builds. A file is written under a
// fresh key while its SHA-512 and size are checked on the way; a mismatch removes the key, so
// nothing of a refused upload stays.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { createRecordingStorage, type RecordingStorage } from '../../recordings/storage';
import { loadUploadConfig } from '../../recordings/storage-config';

export interface BuildStorage {
  /** Stores the bytes under a new key; resolves with the key when they match, else removes them and resolves with why not. */
  put(body: Readable, expected: { sha512: string; size: number }): Promise<{ key: string } | { refused: string }>;
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  tightened: readonly string[];
}

export async function openBuildStorage(env: Record<string, string | undefined>, dataDir: string): Promise<BuildStorage> {
  const { storage: config } = loadUploadConfig(env, dataDir);
  const storage = await createRecordingStorage(
    config.kind === 'file' ? { kind: 'file', directory: path.join(dataDir, 'builds') } : config,
  );
  return wrap(storage);
}

class TooLarge extends Error {}

function wrap(storage: RecordingStorage): BuildStorage {
  return {
    tightened: storage.tightened,
    open: (key) => storage.open(key),
    remove: (key) => storage.remove(key),
    async put(body, expected) {
      const key = randomUUID();
      const hash = createHash('sha512');
      let received = 0;
      // Counted and hashed as it streams: more bytes than declared stop the upload at once.
      const check = new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          if (received > expected.size) return done(new TooLarge());
          hash.update(chunk);
          done(null, chunk);
        },
      });
      body.on('error', (err) => check.destroy(err));
      await storage.datastore.create(
        new Upload({ id: key, size: expected.size, offset: 0, creation_date: new Date().toISOString() }),
      );
      try {
        await storage.datastore.write(body.pipe(check), key, 0);
      } catch (err) {
        // The rest of the request is read and dropped, so the refusal reaches the sender (who
        // is a province administrator: the route is closed to everyone else before any byte).
        body.unpipe(check);
        body.resume();
        await storage.remove(key).catch(() => undefined);
        if (err instanceof TooLarge || check.errored instanceof TooLarge)
          return { refused: `文件超过声明的大小（${expected.size} 字节）` };
        throw err;
      }
      const why =
        received !== expected.size
          ? `文件大小 ${received} 字节，与声明的 ${expected.size} 字节不符`
          : hash.digest('base64') !== expected.sha512
            ? '文件的 SHA-512 与声明的不符'
            : null;
      if (why === null) return { key };
      await storage.remove(key);
      return { refused: why };
    },
  };
}
