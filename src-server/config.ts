// Configuration from environment variables, validated once at start-up so a
// typo stops the server with a message naming the variable (README: "Configuration").
import path from 'node:path';
import { z } from 'zod';

import { MIN_RETENTION_DAYS } from '../src-shared/retention/minimum';
import { passwordWeakness } from './auth/password-strength';
import { parseGatewayUrl } from './areas/notifications/gateway-config';

export { MIN_RETENTION_DAYS };

const intFromEnv = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: intFromEnv(8787, 0, 65535),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'DATABASE_URL 须以 postgres://、postgresql:// 或 sqlite: 开头')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TOKEN_TTL_MINUTES: intFromEnv(480, 1, 60 * 24 * 30),
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(MIN_RETENTION_DAYS, `RETENTION_DAYS 不得少于 ${MIN_RETENTION_DAYS} 天（第十三条：录音录像至少保存六个月）`)
    .default(365),
  BOOTSTRAP_ADMIN_USERNAME: z.string().min(1).max(64).default('admin'),
  BOOTSTRAP_ADMIN_PASSWORD: z
    .string()
    .min(10, { message: 'BOOTSTRAP_ADMIN_PASSWORD 至少 10 个字符', abort: true })
    .max(256, { message: 'BOOTSTRAP_ADMIN_PASSWORD 不能超过 256 个字符', abort: true })
    .superRefine((password, ctx) => {
      const weakness = passwordWeakness(password);
      if (weakness !== null) ctx.addIssue({ code: 'custom', message: `BOOTSTRAP_ADMIN_PASSWORD：${weakness}` });
    })
    .optional(),
  ENROLMENT_CODE_TTL_MINUTES: intFromEnv(60, 1, 60 * 24 * 7),
  // The reverse proxies in front of the store (addresses or CIDRs, comma-separated): their
  // X-Forwarded-For is believed, so the relatives' status page limits each client, not the proxy.
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$/, 'TRUST_PROXY 须为以逗号分隔的 IP 地址或网段')
    .optional(),
  // Issue #20 item 3, the drain on SIGTERM (./drain): how long /ready says not-ready while the
  // node still serves (the load balancer's checks see it and send no more), then how long
  // requests in flight may take before what is left is cut.
  DRAIN_NOTICE_MS: intFromEnv(2000, 0, 60_000),
  DRAIN_GRACE_MS: intFromEnv(10_000, 100, 300_000),
  // Issue #25 item 8: the operator's SMS gateway for telling the family (R8.4, R9.2); unset →
  // messages wait in the outbox and the desk says 短信网关未配置.
  SMS_GATEWAY: z
    .string()
    .max(300)
    .superRefine((url, ctx) => {
      const parsed = parseGatewayUrl(url, '');
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    })
    .optional(),
  SMS_SOURCE_ADDR: z
    .string()
    .regex(/^[0-9]{1,20}$/, 'SMS_SOURCE_ADDR 须为运营商分配的发送号码（至多 20 位数字）')
    .optional(),
  // The public address of the relatives' status page, as a message may name it (e.g. https://hj.example.gov.cn/status).
  STATUS_PAGE_URL: z.url('STATUS_PAGE_URL 须为完整网址，如 https://hj.example.gov.cn/status').max(100).optional(),
});

export type DatabaseConfig = { engine: 'sqlite'; file: string } | { engine: 'postgres'; connectionString: string };

/** Argon2id cost. Production uses the argon2 package's defaults; tests pass cheaper ones. */
export interface PasswordHashingConfig {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const PRODUCTION_PASSWORD_HASHING: PasswordHashingConfig = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

export interface LockoutConfig {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutConfig = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  tokenTtlMinutes: number;
  enrolmentCodeTtlMinutes: number;
  retentionDays: number;
  bootstrap: { username: string; password: string | undefined };
  passwordHashing: PasswordHashingConfig;
  lockout: LockoutConfig;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For names the client (the status page's per-IP limit). */
  trustProxy?: string;
  /** DRAIN_NOTICE_MS / DRAIN_GRACE_MS (./drain); main.ts's defaults when absent. */
  drain?: { noticeMs: number; graceMs: number };
  /** SMS_GATEWAY and SMS_SOURCE_ADDR: the gateway the outbox sends through (areas/notifications/gateway-config.ts). */
  smsGateway?: { url: string; sourceAddr: string };
  /** STATUS_PAGE_URL: the status page's public address, named in the messages. */
  statusPageUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误：\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function databaseFrom(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url === undefined) return { engine: 'sqlite', file: path.join(dataDir, 'central-store.sqlite') };
  if (url.startsWith('sqlite:')) return { engine: 'sqlite', file: url.slice('sqlite:'.length) };
  return { engine: 'postgres', connectionString: url };
}

/** Reads the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  // An empty variable counts as unset (e.g. `PORT= npm run server`).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: databaseFrom(e.DATABASE_URL, dataDir),
    logLevel: e.LOG_LEVEL,
    tokenTtlMinutes: e.TOKEN_TTL_MINUTES,
    enrolmentCodeTtlMinutes: e.ENROLMENT_CODE_TTL_MINUTES,
    retentionDays: e.RETENTION_DAYS,
    bootstrap: { username: e.BOOTSTRAP_ADMIN_USERNAME, password: e.BOOTSTRAP_ADMIN_PASSWORD },
    passwordHashing: PRODUCTION_PASSWORD_HASHING,
    lockout: DEFAULT_LOCKOUT,
    ...(e.TRUST_PROXY !== undefined ? { trustProxy: e.TRUST_PROXY } : {}),
    drain: { noticeMs: e.DRAIN_NOTICE_MS, graceMs: e.DRAIN_GRACE_MS },
    ...(e.SMS_GATEWAY !== undefined ? { smsGateway: { url: e.SMS_GATEWAY, sourceAddr: e.SMS_SOURCE_ADDR ?? '' } } : {}),
    ...(e.STATUS_PAGE_URL !== undefined ? { statusPageUrl: e.STATUS_PAGE_URL } : {}),
  };
}
