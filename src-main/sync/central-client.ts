// HTTP to the central store for the sync worker: bearer tokens from the terminal's
// credential (POST /api/terminals/session), renewed before expiry and once on a 401.
// Errors carry a plain-Chinese message for the console (issue 8).
import type { TerminalCredential } from './credential';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class CentralError extends Error {
  constructor(
    message: string,
    /** null: the store could not be reached at all. */
    readonly status: number | null,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'CentralError';
  }
  get offline(): boolean {
    return this.status === null || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface CentralClient {
  readonly baseUrl: string;
  readonly terminalId: string;
  /** A valid bearer token (tus needs it as a header). */
  token(): Promise<string>;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

const errorMessageOf = (body: unknown): string | null => {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' ? error.message : null;
};

export interface CentralClientOptions {
  readonly credential: TerminalCredential;
  readonly baseUrl: string;
  readonly now: () => Date;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
}

export function createCentralClient(options: CentralClientOptions): CentralClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  let cached: { token: string; renewAt: number } | null = null;

  async function raw(method: string, path: string, body: unknown, token: string | null): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CentralError(`无法连接中心库（${error instanceof Error && error.name === 'TimeoutError' ? '请求超时' : '网络不通'}）`, null);
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new CentralError('与中心库的连接中断', null);
    }
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed };
  }

  async function token(): Promise<string> {
    if (cached && cached.renewAt > options.now().getTime()) return cached.token;
    const res = await raw('POST', '/api/terminals/session', { terminalId: options.credential.terminalId, secret: options.credential.secret }, null);
    if (res.status !== 200) throw new CentralError(`终端凭证未被中心库接受：${errorMessageOf(res.body) ?? `HTTP ${res.status}`}`, res.status, res.body);
    const { token: value, expiresAt } = res.body as { token: string; expiresAt: string };
    // Renew a minute early so a request never leaves with a token about to expire.
    cached = { token: value, renewAt: Date.parse(expiresAt) - 60_000 };
    return value;
  }

  return {
    baseUrl,
    terminalId: options.credential.terminalId,
    token,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res = await raw(method, path, body, await token());
      if (res.status === 401) {
        cached = null;
        res = await raw(method, path, body, await token());
      }
      if (res.status < 200 || res.status >= 300) {
        throw new CentralError(errorMessageOf(res.body) ?? `中心库返回错误（HTTP ${res.status}）`, res.status, res.body);
      }
      return res.body as T;
    },
  };
}
