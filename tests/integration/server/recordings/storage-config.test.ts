// Recording storage chosen by configuration: files under DATA_DIR/recordings by
// default, S3 when RECORDINGS_S3_BUCKET is set. No S3 server runs here, so the
// S3 store is only constructed, against an endpoint that must not be contacted.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src-server/config';
import { createRecordingStorage } from '../../../../src-server/recordings/storage';
import { loadUploadConfig } from '../../../../src-server/recordings/storage-config';

describe('recording storage configuration', () => {
  it('defaults: files under DATA_DIR/recordings, 64 GiB per upload, 2 s shutdown grace', () => {
    const config = loadUploadConfig({}, '/srv/data');
    expect(config.storage).toEqual({ kind: 'file', directory: path.join('/srv/data', 'recordings') });
    expect(config.maxUploadBytes).toBe(64 * 1024 ** 3);
    expect(config.shutdownGraceMs).toBe(2000);
    // Empty counts as unset.
    expect(loadUploadConfig({ RECORDINGS_S3_BUCKET: '' }, '/srv/data').storage.kind).toBe('file');
  });

  it('RECORDINGS_S3_BUCKET selects S3 with endpoint, region, credentials and path style', () => {
    const config = loadUploadConfig(
      {
        RECORDINGS_S3_BUCKET: 'recordings',
        RECORDINGS_S3_ENDPOINT: 'http://minio.internal:9000',
        RECORDINGS_S3_REGION: 'cn-southwest-1',
        RECORDINGS_S3_ACCESS_KEY_ID: 'key',
        RECORDINGS_S3_SECRET_ACCESS_KEY: 'secret',
        RECORDINGS_S3_FORCE_PATH_STYLE: 'false',
        RECORDINGS_S3_PART_SIZE_MB: '16',
      },
      '/srv/data',
    );
    expect(config.storage).toEqual({
      kind: 's3',
      bucket: 'recordings',
      endpoint: 'http://minio.internal:9000',
      region: 'cn-southwest-1',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: false,
      partSizeBytes: 16 * 1024 * 1024,
    });
  });

  it('bad values stop the start, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadUploadConfig(env, '/srv/data');
      } catch (err) {
        if (err instanceof ConfigError) return err.problems.join('\n');
      }
      return '';
    };
    expect(problems({ RECORDINGS_S3_BUCKET: 'b', RECORDINGS_S3_ENDPOINT: 'not a url' })).toContain('RECORDINGS_S3_ENDPOINT');
    expect(problems({ RECORDINGS_S3_BUCKET: 'b', RECORDINGS_S3_PART_SIZE_MB: '1' })).toContain('RECORDINGS_S3_PART_SIZE_MB');
    expect(problems({ RECORDINGS_S3_BUCKET: 'b', RECORDINGS_S3_ACCESS_KEY_ID: 'only-the-key' })).toContain(
      'RECORDINGS_S3_SECRET_ACCESS_KEY',
    );
    expect(problems({ UPLOADS_SHUTDOWN_GRACE_MS: '-1' })).toContain('UPLOADS_SHUTDOWN_GRACE_MS');
  });

  it('the file store is created under the folder, without termination (no deletion through tus)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-cfg-'));
    try {
      const storage = await createRecordingStorage({ kind: 'file', directory: path.join(dir, 'recordings') });
      expect(storage.kind).toBe('file');
      expect(storage.datastore).toBeInstanceOf(FileStore);
      expect(fs.existsSync(path.join(dir, 'recordings'))).toBe(true);
      expect(storage.datastore.hasExtension('termination')).toBe(false);
      // FileStore also creates the folder asynchronously; let that finish before removing it.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the S3 store is constructed from the configuration without contacting the endpoint', async () => {
    let connections = 0;
    const bogus = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => bogus.listen(0, '127.0.0.1', resolve));
    try {
      const port = (bogus.address() as net.AddressInfo).port;
      const config = loadUploadConfig(
        {
          RECORDINGS_S3_BUCKET: 'recordings',
          RECORDINGS_S3_ENDPOINT: `http://127.0.0.1:${port}`,
          RECORDINGS_S3_ACCESS_KEY_ID: 'k',
          RECORDINGS_S3_SECRET_ACCESS_KEY: 's',
        },
        '/srv/data',
      );
      const storage = await createRecordingStorage(config.storage);
      expect(storage.kind).toBe('s3');
      expect(storage.datastore).toBeInstanceOf(S3Store);
      expect(storage.datastore.hasExtension('termination')).toBe(false);
      expect(storage.datastore.hasExtension('creation')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => bogus.close(() => resolve()));
    }
  });
});
