// The renderer plays a recording kept at the central store from a same-origin path
// (/store-media/<ticket>): this passes the request on to the store's media GET
// (/api/recordings/media/<ticket>) with its Range header and streams the answer back. The
// page's CSP stays media-src 'self' and the renderer opens no connection of its own; the
// ticket (issued to the logged-in clerk, audited at the store, short-lived) is the only
// credential. Written against the Fetch API: the app:// protocol (src-main/electron) and
// the e2e harness's server both call it.
import { STORE_MEDIA_PREFIX } from '../../src-shared/ipc/desk-recordings-contract';
import { RECORDING_MEDIA_PREFIX } from '../../src-shared/store-api/endpoints/recordings-search';

const TICKET = /^[A-Za-z0-9_-]{43}$/;
const PASSED_ON = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'content-disposition'] as const;

/** The ticket of a /store-media/ path, or null when the path is not one. */
export function storeMediaTicket(pathname: string): string | null {
  if (!pathname.startsWith(STORE_MEDIA_PREFIX)) return null;
  const ticket = pathname.slice(STORE_MEDIA_PREFIX.length);
  return TICKET.test(ticket) ? ticket : null;
}

export async function storeMediaResponse(
  request: Request,
  storeBaseUrl: string,
  extraHeaders: Readonly<Record<string, string>> = {},
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  const ticket = storeMediaTicket(new URL(request.url).pathname);
  if (ticket === null || (request.method !== 'GET' && request.method !== 'HEAD'))
    return new Response('Not Found', { status: 404, headers: { ...extraHeaders } });
  const range = request.headers.get('range');
  let upstream: Response;
  try {
    upstream = await fetchImpl(new URL(`${RECORDING_MEDIA_PREFIX}${ticket}`, storeBaseUrl), {
      method: request.method,
      headers: range ? { range } : {},
      signal: request.signal,
    });
  } catch {
    return new Response('中心库无法连接', {
      status: 502,
      headers: { ...extraHeaders, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const headers = new Headers(extraHeaders);
  for (const name of PASSED_ON) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('cache-control', 'no-store');
  return new Response(request.method === 'HEAD' ? null : upstream.body, { status: upstream.status, headers });
}
