// Time-limited TURN credentials, minted per visit (issue #23 item 1): the store and the
// province's coturn share one secret (coturn: use-auth-secret + static-auth-secret), so the
// store never holds a TURN password list and a leaked credential dies with its expiry.
// coturn's REST scheme: username = "<expiry unix seconds>:<visit id>",
// password = base64(HMAC-SHA1(secret, username)); coturn refuses it after the expiry.
// From the environment by default:
//   SIGNAL_TURN_URLS         comma-separated turn:/turns: addresses of the province's coturn
//   SIGNAL_TURN_SECRET       the shared secret (coturn's static-auth-secret), 16–256 characters
//   SIGNAL_TURN_TTL_SECONDS  how long a minted credential lasts (default 4 h: a visit, its
//                            check-in and R18.1 reconnections all fit; every join mints afresh)
// A bad value stops the store at start with a zh-CN sentence.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { IceConfig, IceServer } from '../../src-shared/signaling/protocol';

export const DEFAULT_TURN_TTL_SECONDS = 4 * 3600;

const turnSecretSchema = z
  .object({
    urls: z
      .array(
        z
          .string()
          .max(300)
          .regex(/^turns?:[^\s]+$/, '须以 turn: 或 turns: 开头'),
      )
      .min(1)
      .max(8),
    secret: z
      .string()
      .min(16, '共享密钥至少 16 个字符')
      .max(256)
      .regex(/^[\x21-\x7e]+$/, '共享密钥只能含可见 ASCII 字符'),
    ttlSeconds: z.number().int().min(300).max(86_400),
  })
  .strict();

/** The store's half of coturn's shared-secret scheme. */
export type TurnSecret = z.infer<typeof turnSecretSchema>;

export function parseTurnSecret(value: unknown): TurnSecret {
  const parsed = turnSecretSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`TURN 共享密钥配置无效：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}

/** null when SIGNAL_TURN_SECRET is not set (the store then hands out SIGNAL_ICE_SERVERS only). */
export function turnSecretFromEnv(env: Record<string, string | undefined>): TurnSecret | null {
  const secret = env.SIGNAL_TURN_SECRET?.trim();
  const urls = (env.SIGNAL_TURN_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (!secret) {
    if (urls.length > 0) throw new Error('已设置 SIGNAL_TURN_URLS 但缺少 SIGNAL_TURN_SECRET（coturn 的 static-auth-secret）');
    return null;
  }
  if (urls.length === 0) throw new Error('已设置 SIGNAL_TURN_SECRET 但缺少 SIGNAL_TURN_URLS（coturn 的地址）');
  const ttlRaw = env.SIGNAL_TURN_TTL_SECONDS?.trim();
  const ttlSeconds = ttlRaw ? Number(ttlRaw) : DEFAULT_TURN_TTL_SECONDS;
  if (!Number.isInteger(ttlSeconds)) throw new Error(`SIGNAL_TURN_TTL_SECONDS 须为整数秒：${ttlRaw ?? ''}`);
  return parseTurnSecret({ urls, secret, ttlSeconds });
}

/** coturn's REST credential for one visit, valid `ttlSeconds` from `nowMs`. */
export function mintTurnCredential(turn: TurnSecret, visitId: string, nowMs: number): IceServer {
  const expiry = Math.floor(nowMs / 1000) + turn.ttlSeconds;
  // coturn splits the username at ':' (the expiry first); a visit id never holds one, but make sure.
  const username = `${expiry}:${visitId.replace(/:/g, '')}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls.length === 1 ? (turn.urls[0] as string) : [...turn.urls], username, credential };
}

/**
 * What a terminal (or observer) joining `visitId` is told: the static servers plus a fresh
 * coturn credential. `nowMs` is the wall clock coturn checks the expiry against.
 */
export function iceForVisit(base: IceConfig, turn: TurnSecret | null, visitId: string, nowMs: number): IceConfig {
  if (turn === null) return base;
  const minted = mintTurnCredential(turn, visitId, nowMs);
  return { iceServers: [...base.iceServers, minted].slice(-8), iceTransportPolicy: base.iceTransportPolicy };
}
