// The terminal's one HTTP client for the central store: base URL, bearer token,
// timeout, JSON in and out with limits on what is read back, and the store's typed
// error answer (src-shared/store-api/error-body.ts). It calls only the store's
// declared endpoints (src-shared/store-api/endpoints): method, path and the answer's
// schema come from the declaration the store's routes register from. It never throws:
// every exchange ends as a value, which the sync worker turns into CentralError
// (./terminal-client) and the desk into a refusal (../desk/refusal). No proxy: the
// store is reached directly.
import { jsonLimitProblem } from '../../src-shared/json-limits';
import { endpointPath, type EndpointAnswer, type EndpointInput, type StoreEndpoint } from '../../src-shared/store-api/endpoint';
import { storeErrorOf, type StoreErrorParts } from '../../src-shared/store-api/error-body';
import { parseStoreTime, STORE_TIME_HEADER } from '../../src-shared/store-api/store-time';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Bearer token; null or absent for the calls that need none (login, enrolment). */
export type StoreToken = string | null | undefined;

export interface StoreHttpOptions {
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs: number;
  /** Largest answer read; a bigger one is not parsed. */
  maxAnswerBytes?: number;
  /**
   * Told, as each answer's headers arrive, the store's time it carried and the round trip
   * (monotonic), for the terminal's clock estimate (src-main/clock/).
   */
  onClockSample?: (reading: { storeTimeMs: number; rttMs: number }) => void;
}

/** The store answered. `body` is the parsed JSON, the text when it is not JSON, null when empty. */
export interface StoreAnswer {
  readonly kind: 'answer';
  readonly status: number;
  readonly headers: Headers;
  /** As sent, a byte-order mark included (a CSV for Excel needs it). */
  readonly text: string;
  readonly body: unknown;
  /** The typed error parts of `body` (all null on a success). */
  readonly error: StoreErrorParts;
}

/** No answer: not connected, timed out, or the connection dropped while the answer was read (`status` known then). */
export interface StoreUnreached {
  readonly kind: 'unreached';
  readonly error: unknown;
  readonly timeout: boolean;
  readonly status: number | null;
}

/** An answer beyond the limits (size, JSON depth): not used. */
export interface StoreOversized {
  readonly kind: 'oversized';
  readonly status: number;
  readonly detail: string;
}

export type StoreExchange = StoreAnswer | StoreUnreached | StoreOversized;

/** Why a request did not give the expected value. */
export type StoreFailure = StoreUnreached | StoreOversized | (StoreAnswer & { readonly expected: 'success' | 'shape' });

export type StoreResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: StoreFailure };

export interface StoreHttp {
  readonly baseUrl: string;
  send<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>, token?: StoreToken): Promise<StoreExchange>;
  /** A 2xx JSON answer checked against the endpoint's declared answer; a 2xx with another shape is a failure too. */
  json<E extends StoreEndpoint>(
    endpoint: E,
    input: EndpointInput<E>,
    token?: StoreToken,
  ): Promise<StoreResult<EndpointAnswer<E>>>;
  /** A 2xx text answer (CSV) with its content type and file name. */
  text<E extends StoreEndpoint>(
    endpoint: E,
    input: EndpointInput<E>,
    token?: StoreToken,
  ): Promise<StoreResult<{ text: string; contentType: string; filename: string | null }>>;
}

export const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/** Deeper than any answer of the store; keeps a recursive walk after us from overflowing. */
const ANSWER_JSON_LIMITS = { maxDepth: 64 };

const queryString = (query: Readonly<Record<string, unknown>> | undefined): string => {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
};

const isTimeout = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/** The answer's bytes, or null once more than `limit` arrived (the rest is not read). */
async function readAtMost(res: Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** JSON when it parses (a leading byte-order mark ignored, as Response.json does), else the text; null when empty. */
const parseBody = (text: string): unknown => {
  if (text === '') return null;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return text;
  }
};

export function createStoreHttp(options: StoreHttpOptions): StoreHttp {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;

  async function send<E extends StoreEndpoint>(endpoint: E, input: EndpointInput<E>, token?: StoreToken): Promise<StoreExchange> {
    const {
      params,
      query,
      body: sent,
    } = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
    const headers: Record<string, string> = {};
    if (token !== undefined && token !== null) headers['authorization'] = `Bearer ${token}`;
    if (sent !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    const sentAt = performance.now();
    try {
      res = await doFetch(`${baseUrl}${endpointPath(endpoint, params)}${queryString(query)}`, {
        method: endpoint.method,
        headers,
        ...(sent !== undefined ? { body: JSON.stringify(sent) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      return { kind: 'unreached', error, timeout: isTimeout(error), status: null };
    }
    const storeTimeMs = options.onClockSample ? parseStoreTime(res.headers.get(STORE_TIME_HEADER)) : null;
    if (storeTimeMs !== null) options.onClockSample?.({ storeTimeMs, rttMs: performance.now() - sentAt });
    let bytes: Uint8Array | null;
    try {
      bytes = await readAtMost(res, maxAnswerBytes);
    } catch (error) {
      return { kind: 'unreached', error, timeout: isTimeout(error), status: res.status };
    }
    if (bytes === null)
      return { kind: 'oversized', status: res.status, detail: `答复超过 ${Math.round(maxAnswerBytes / 1024 / 1024)} MB` };
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const body = parseBody(text);
    const problem = jsonLimitProblem(body, ANSWER_JSON_LIMITS);
    if (problem) return { kind: 'oversized', status: res.status, detail: problem.message };
    return { kind: 'answer', status: res.status, headers: res.headers, text, body, error: storeErrorOf(body) };
  }

  const success = (a: StoreAnswer): boolean => a.status >= 200 && a.status < 300;

  return {
    baseUrl,
    send,
    async json(endpoint, input, token) {
      const sent = await send(endpoint, input, token);
      if (sent.kind !== 'answer') return { ok: false, failure: sent };
      if (!success(sent)) return { ok: false, failure: { ...sent, expected: 'success' } };
      const checked = endpoint.response.safeParse(sent.body);
      if (!checked.success) return { ok: false, failure: { ...sent, expected: 'shape' } };
      return { ok: true, value: checked.data as EndpointAnswer<typeof endpoint> };
    },
    async text(endpoint, input, token) {
      const sent = await send(endpoint, input, token);
      if (sent.kind !== 'answer') return { ok: false, failure: sent };
      if (!success(sent)) return { ok: false, failure: { ...sent, expected: 'success' } };
      if (!endpoint.response.safeParse(sent.text).success) return { ok: false, failure: { ...sent, expected: 'shape' } };
      const disposition = sent.headers.get('content-disposition') ?? '';
      const filename =
        /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
      return {
        ok: true,
        value: {
          text: sent.text,
          contentType: sent.headers.get('content-type') ?? '',
          filename: filename === null ? null : decodeURIComponent(filename),
        },
      };
    },
  };
}
