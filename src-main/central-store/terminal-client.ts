// The sync worker's surface of the store client: requests as this terminal, with a bearer
// token from its credential (POST /api/terminals/session), renewed before expiry and once
// on a 401. Failures throw CentralError with a plain-Chinese message for the console.
import type { EndpointAnswer, EndpointInput, StoreEndpoint } from '../../src-shared/store-api/endpoint';
import { terminalEndpoints } from '../../src-shared/store-api/endpoints/terminals';
import type { TerminalCredential } from '../sync/credential';
import { createStoreHttp, type FetchLike, type StoreExchange, type StoreHttpOptions } from './store-http';

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
  /** A declared endpoint (src-shared/store-api/endpoints): its answer is checked against the endpoint's schema. */
  call<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>): Promise<EndpointAnswer<E>>;
}

export interface CentralClientOptions {
  readonly credential: TerminalCredential;
  readonly baseUrl: string;
  readonly now: () => Date;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  readonly onClockSample?: StoreHttpOptions['onClockSample'];
}

/** An answer (any status), or the CentralError for an exchange that gave none. */
function answered(sent: StoreExchange): { status: number; body: unknown; message: string | null } {
  if (sent.kind === 'answer') return { status: sent.status, body: sent.body, message: sent.error.message };
  if (sent.kind === 'oversized') throw new CentralError(`中心库的答复无法使用（${sent.detail}）`, null);
  if (sent.status !== null) throw new CentralError('与中心库的连接中断', null);
  throw new CentralError(
    `无法连接中心库（${sent.error instanceof Error && sent.error.name === 'TimeoutError' ? '请求超时' : '网络不通'}）`,
    null,
  );
}

export function createCentralClient(options: CentralClientOptions): CentralClient {
  const http = createStoreHttp({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onClockSample ? { onClockSample: options.onClockSample } : {}),
  });
  let cached: { token: string; renewAt: number } | null = null;

  async function token(): Promise<string> {
    if (cached && cached.renewAt > options.now().getTime()) return cached.token;
    const res = answered(
      await http.send(terminalEndpoints.session, {
        body: { terminalId: options.credential.terminalId, secret: options.credential.secret },
      }),
    );
    if (res.status !== 200)
      throw new CentralError(`终端凭证未被中心库接受：${res.message ?? `HTTP ${res.status}`}`, res.status, res.body);
    const session = terminalEndpoints.session.response.safeParse(res.body);
    if (!session.success) throw new CentralError('中心库的答复无法使用（令牌格式不符）', res.status, res.body);
    const { token: value, expiresAt } = session.data;
    // Renew a minute early so a request never leaves with a token about to expire.
    cached = { token: value, renewAt: Date.parse(expiresAt) - 60_000 };
    return value;
  }

  async function send<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>): Promise<unknown> {
    let res = answered(await http.send(endpoint, input, await token()));
    if (res.status === 401) {
      cached = null;
      res = answered(await http.send(endpoint, input, await token()));
    }
    if (res.status < 200 || res.status >= 300) {
      throw new CentralError(res.message ?? `中心库返回错误（HTTP ${res.status}）`, res.status, res.body);
    }
    return res.body;
  }

  return {
    baseUrl: http.baseUrl,
    terminalId: options.credential.terminalId,
    token,
    async call<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>): Promise<EndpointAnswer<E>> {
      return endpoint.response.parse(await send(endpoint, input)) as EndpointAnswer<E>;
    },
  };
}
