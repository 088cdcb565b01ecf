// Where recordings are stored and how uploads behave, from environment
// variables (README "Uploads"). Files under DATA_DIR/recordings by default;
// an S3-compatible object store (MinIO, Ceph, AWS) when RECORDINGS_S3_BUCKET is set.
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config';

export type RecordingStorageConfig =
  | { kind: 'file'; directory: string }
  | {
      kind: 's3';
      bucket: string;
      /** Unset → the AWS endpoint of the region; set for MinIO/Ceph (`http://minio:9000`). */
      endpoint: string | undefined;
      region: string;
      /** Unset → the AWS SDK's default credential chain (environment, profile, instance role). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      /** MinIO and Ceph usually need path-style addressing. */
      forcePathStyle: boolean;
      partSizeBytes: number;
    };

export interface UploadConfig {
  storage: RecordingStorageConfig;
  /** Largest single upload accepted (Upload-Length). */
  maxUploadBytes: number;
  /** On close: how long in-flight PATCH requests may run on before they are cut at a resumable point. */
  shutdownGraceMs: number;
}

const MiB = 1024 * 1024;
const optional = z.string().min(1).optional();

const envSchema = z.object({
  RECORDINGS_S3_BUCKET: optional,
  RECORDINGS_S3_ENDPOINT: z.url('RECORDINGS_S3_ENDPOINT 须为 URL，如 http://127.0.0.1:9000').optional(),
  RECORDINGS_S3_REGION: z.string().min(1).default('us-east-1'),
  RECORDINGS_S3_ACCESS_KEY_ID: optional,
  RECORDINGS_S3_SECRET_ACCESS_KEY: optional,
  RECORDINGS_S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).default('true'),
  // S3 multipart parts are at least 5 MiB.
  RECORDINGS_S3_PART_SIZE_MB: z.coerce
    .number()
    .int()
    .min(5)
    .max(5 * 1024)
    .default(8),
  RECORDINGS_MAX_UPLOAD_MB: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 * 1024)
    .default(64 * 1024),
  UPLOADS_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
});

/** Reads the upload variables; throws ConfigError naming each bad one. An empty variable counts as unset. */
export function loadUploadConfig(env: Record<string, string | undefined>, dataDir: string): UploadConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;

  const hasKey = e.RECORDINGS_S3_ACCESS_KEY_ID !== undefined;
  const hasSecret = e.RECORDINGS_S3_SECRET_ACCESS_KEY !== undefined;
  if (hasKey !== hasSecret) {
    throw new ConfigError(['RECORDINGS_S3_ACCESS_KEY_ID 与 RECORDINGS_S3_SECRET_ACCESS_KEY 须同时设置或同时不设置']);
  }
  const storage: RecordingStorageConfig =
    e.RECORDINGS_S3_BUCKET === undefined
      ? { kind: 'file', directory: path.join(dataDir, 'recordings') }
      : {
          kind: 's3',
          bucket: e.RECORDINGS_S3_BUCKET,
          endpoint: e.RECORDINGS_S3_ENDPOINT,
          region: e.RECORDINGS_S3_REGION,
          credentials:
            e.RECORDINGS_S3_ACCESS_KEY_ID !== undefined && e.RECORDINGS_S3_SECRET_ACCESS_KEY !== undefined
              ? { accessKeyId: e.RECORDINGS_S3_ACCESS_KEY_ID, secretAccessKey: e.RECORDINGS_S3_SECRET_ACCESS_KEY }
              : undefined,
          forcePathStyle: e.RECORDINGS_S3_FORCE_PATH_STYLE === 'true' || e.RECORDINGS_S3_FORCE_PATH_STYLE === '1',
          partSizeBytes: e.RECORDINGS_S3_PART_SIZE_MB * MiB,
        };
  return { storage, maxUploadBytes: e.RECORDINGS_MAX_UPLOAD_MB * MiB, shutdownGraceMs: e.UPLOADS_SHUTDOWN_GRACE_MS };
}
