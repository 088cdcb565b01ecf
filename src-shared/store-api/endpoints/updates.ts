// Terminal builds and their rollout: the province uploads a build (its installer files with
// SHA-512 and size, and the province's signature over them: src-shared/updates/build-signature.ts),
// rolls it out to chosen terminals, a percentage or all, and each terminal reads the feed
// electron-updater's generic provider reads (`latest.yml` and friends, YAML) with its own
// credential. Not JSON: the file upload (application/octet-stream), the feed (text/yaml) and
// the download (the installer's bytes); their schemas here are for the route table and OpenAPI.
import { z } from 'zod';
import { terminalIdSchema } from '../../sync/terminal-id';
import {
  BUILD_VERSION,
  ED25519_SIGNATURE_BASE64,
  FEED_FILES,
  SHA512_BASE64,
  UPDATE_TARGETS,
} from '../../updates/build-signature';
import { listQuerySchema, note } from '../common';
import type { StoreEndpoint } from '../endpoint';

/** The version the terminal runs, sent by its updater beside the credential (the feed answers it when nothing is rolled out). */
export const TERMINAL_VERSION_HEADER = 'x-terminal-version';

/** An installer's file name as it appears in the feed and the download's URL. */
export const BUILD_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,149}$/;
export const CHANNEL = /^[a-z][a-z0-9-]{0,31}$/;
/** The largest installer the store takes (an NSIS installer with ffmpeg is about 150 MiB). */
export const MAX_BUILD_FILE_BYTES = 1024 * 1024 * 1024;

const channelSchema = z.string().regex(CHANNEL, '渠道名只能由小写字母、数字和连字符组成，以字母开头，不超过 32 个字符');
const fileNameSchema = z.string().regex(BUILD_FILE_NAME, '文件名只能由字母、数字、点、下划线和连字符组成，不超过 150 个字符');

export const buildFileSchema = z.object({
  name: fileNameSchema,
  sha512: z.string().regex(SHA512_BASE64, 'sha512 须为 64 字节摘要的 base64（electron-builder 的写法）'),
  size: z
    .number()
    .int()
    .min(1)
    .max(MAX_BUILD_FILE_BYTES, `单个文件不能超过 ${MAX_BUILD_FILE_BYTES / 1024 / 1024} MiB`),
});

export const buildSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    channel: z.string(),
    target: z.enum(UPDATE_TARGETS),
    releaseNotes: z.string().nullable(),
    files: z.array(buildFileSchema.extend({ uploaded: z.boolean() })),
    /** Every file arrived and matched its SHA-512 and size: the build can be rolled out. */
    complete: z.boolean(),
    uploadedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'TerminalBuild' });
export type BuildView = z.infer<typeof buildSchema>;

export const rolloutTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('terminals'), terminalIds: z.array(terminalIdSchema).min(1).max(1000) }),
  z.object({ kind: z.literal('percentage'), percent: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('all') }),
]);
export type RolloutTarget = z.infer<typeof rolloutTargetSchema>;

export const rolloutSchema = z
  .object({
    id: z.string(),
    buildId: z.string(),
    version: z.string(),
    target: rolloutTargetSchema,
    startedBy: z.string(),
    startedAt: z.string(),
  })
  .meta({ id: 'TerminalRollout' });

const buildIdParams = z.object({ id: z.uuid('须为 UUID') });

export const updateEndpoints = {
  createBuild: {
    method: 'POST',
    path: '/api/updates/builds',
    body: z.object({
      version: z.string().regex(BUILD_VERSION, '版本号须为 semver，如 1.4.0'),
      channel: channelSchema.default('stable'),
      target: z.enum(UPDATE_TARGETS),
      releaseNotes: note(2000, '更新说明').optional(),
      files: z
        .array(buildFileSchema)
        .min(1)
        .max(4)
        .refine((files) => new Set(files.map((f) => f.name)).size === files.length, '文件名不能重复'),
      /** The province's Ed25519 signature (base64) over buildSignatureText(version, target, files). */
      signature: z.string().regex(ED25519_SIGNATURE_BASE64, '签名须为 Ed25519 签名的 base64'),
    }),
    status: 201,
    response: buildSchema,
  },
  /** The file's bytes as application/octet-stream; refused (and not kept) unless they match the declared SHA-512 and size. */
  uploadFile: {
    method: 'PUT',
    path: '/api/updates/builds/:id/files/:name',
    params: buildIdParams.extend({ name: fileNameSchema }),
    response: buildSchema,
  },
  listBuilds: { method: 'GET', path: '/api/updates/builds', query: listQuerySchema, response: z.array(buildSchema) },
  createRollout: {
    method: 'POST',
    path: '/api/updates/rollouts',
    body: z.object({ buildId: z.uuid('须为 UUID'), target: rolloutTargetSchema }),
    status: 201,
    response: rolloutSchema,
  },
  listRollouts: { method: 'GET', path: '/api/updates/rollouts', query: listQuerySchema, response: z.array(rolloutSchema) },
  /** electron-updater's channel file (YAML) for this terminal: the newest build it is in a rollout of. */
  feed: {
    method: 'GET',
    path: '/api/updates/:channel/:feedFile',
    params: z.object({ channel: channelSchema, feedFile: z.enum(Object.values(FEED_FILES) as [string, ...string[]]) }),
    response: z.string(),
  },
  /** An installer file of a build rolled out to this terminal (the feed's relative URL). */
  download: {
    method: 'GET',
    path: '/api/updates/:channel/files/:id/:name',
    params: buildIdParams.extend({ channel: channelSchema, name: fileNameSchema }),
    response: z.unknown(),
  },
} as const satisfies Record<string, StoreEndpoint>;
