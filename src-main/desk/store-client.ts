// HTTP to the central store for the desk: the clerk's bearer token (held by
// desk-session, never by the renderer), JSON in and out, and every failure
// turned into a refusal the clerk can read (./refusal). A request that never
// reached the store, or whose answer was lost, changes nothing here.
import type { z } from 'zod';
import type { DeskOutcome } from '../../src-shared/desk/outcome';
import { answerRefusal, offlineRefusal, refusalOf } from './refusal';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface StoreRequest {
  method: 'GET' | 'POST';
  path: string;
  token: string | null;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface StoreClient {
  readonly baseUrl: string;
  /** JSON answer checked against `schema`; a 2xx with another shape is a refusal too. */
  json<S extends z.ZodType>(request: StoreRequest, schema: S): Promise<DeskOutcome<z.infer<S>>>;
  /** A text answer (CSV). */
  text(request: StoreRequest): Promise<DeskOutcome<{ text: string; contentType: string; filename: string | null }>>;
}

export interface StoreClientOptions {
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const queryString = (query: StoreRequest['query']): string => {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
};

export function createStoreClient(options: StoreClientOptions): StoreClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function send(request: StoreRequest): Promise<{ ok: true; res: Response; text: string } | { ok: false; refusal: ReturnType<typeof offlineRefusal> }> {
    const headers: Record<string, string> = {};
    if (request.token !== null) headers['authorization'] = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await doFetch(`${baseUrl}${request.path}${queryString(request.query)}`, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // ignoreBOM: keep a CSV's byte-order mark (Excel needs it); Response.text() would drop it.
      return { ok: true, res, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) };
    } catch (error) {
      return { ok: false, refusal: offlineRefusal(error) };
    }
  }

  const parseJson = (text: string): unknown => {
    if (text === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };

  return {
    baseUrl,
    async json(request, schema) {
      const sent = await send(request);
      if (!sent.ok) return { accepted: false, refusal: sent.refusal };
      const body = parseJson(sent.text);
      if (sent.res.status < 200 || sent.res.status >= 300) return { accepted: false, refusal: refusalOf(sent.res.status, body) };
      const checked = schema.safeParse(body);
      if (!checked.success) return { accepted: false, refusal: answerRefusal(request.path) };
      return { accepted: true, value: checked.data };
    },
    async text(request) {
      const sent = await send(request);
      if (!sent.ok) return { accepted: false, refusal: sent.refusal };
      if (sent.res.status < 200 || sent.res.status >= 300) return { accepted: false, refusal: refusalOf(sent.res.status, parseJson(sent.text)) };
      const disposition = sent.res.headers.get('content-disposition') ?? '';
      const filename = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
      return {
        accepted: true,
        value: { text: sent.text, contentType: sent.res.headers.get('content-type') ?? '', filename: filename === null ? null : decodeURIComponent(filename) },
      };
    },
  };
}
