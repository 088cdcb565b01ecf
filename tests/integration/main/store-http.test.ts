// The terminal's one client for the central store, against a real HTTP server on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStoreHttp } from '../../../src-main/central-store/store-http';
import { CentralError, createCentralClient } from '../../../src-main/central-store/terminal-client';
import type { StoreEndpoint } from '../../../src-shared/store-api/endpoint';

/** This server's endpoints, declared the way the store's are (src-shared/store-api/endpoints). */
const at = <M extends StoreEndpoint['method'], R extends z.ZodType = z.ZodUnknown>(method: M, path: string, response?: R) =>
  ({ method, path, response: response ?? z.unknown() }) as { method: M; path: string; response: R };
const echo = {
  method: 'POST',
  path: '/echo',
  query: z.object({ x: z.string().optional(), skip: z.string().optional() }),
  body: z.unknown(),
  response: z.object({ a: z.number() }),
} as const satisfies StoreEndpoint;

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const routes = new Map<string, Handler>();
const seen: { method: string; url: string; authorization: string | undefined; body: string }[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      const handler = routes.get(`${req.method} ${(req.url ?? '').split('?')[0]}`);
      if (handler) handler(req, res, body);
      else
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'NOT_FOUND', message: '记录不存在', issues: [] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const json =
    (status: number, value: unknown): Handler =>
    (_req, res) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  routes.set('POST /echo', (_req, res, body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  routes.set(
    'GET /refused',
    json(409, { error: { code: 'CONFLICT', message: '已约满（R14.1）', issues: [{ path: 'R14.1', message: '已约满' }] } }),
  );
  routes.set('GET /big', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: 'x'.repeat(4096) })),
  );
  routes.set('GET /big-chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < 8; i++) res.write('x'.repeat(1024));
    res.end();
  });
  routes.set('GET /deep', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('['.repeat(5000) + ']'.repeat(5000)),
  );
  routes.set('GET /csv', (_req, res) =>
    res
      .writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': "attachment; filename*=UTF-8''%E4%BC%9A%E8%A7%81.csv",
      })
      .end('\uFEFFa,b\n1,2\n'),
  );
  routes.set('GET /drop', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"partial":');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  routes.set('GET /slow', () => undefined);
  let sessions = 0;
  routes.set('POST /api/terminals/session', (_req, res, body) => {
    sessions += 1;
    const { secret } = JSON.parse(body) as { secret: string };
    if (secret !== 's3cret')
      return json(401, { error: { code: 'UNAUTHENTICATED', message: '终端凭证无效', issues: [] } })(_req, res, body);
    json(200, { token: `t${sessions}`, expiresAt: '2099-01-01T00:00:00.000Z' })(_req, res, body);
  });
  routes.set('GET /api/sync/head', (req, res, body) =>
    (req.headers.authorization === 'Bearer t1'
      ? json(401, { error: { code: 'UNAUTHENTICATED', message: '令牌已过期', issues: [] } })
      : json(200, { ok: req.headers.authorization }))(req, res, body),
  );
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('store client (result surface)', () => {
  const http = () => createStoreHttp({ baseUrl, timeoutMs: 2_000 });

  it('sends JSON with the bearer token and the query, and checks the answer against its schema', async () => {
    const r = await http().json(echo, { body: { a: 1 }, query: { x: 'y z', skip: undefined } }, 'abc');
    expect(r).toEqual({ ok: true, value: { a: 1 } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/echo?x=y+z', authorization: 'Bearer abc' });
    const wrongShape = await http().json(echo, { body: { a: 'one' } });
    expect(wrongShape).toMatchObject({ ok: false, failure: { kind: 'answer', expected: 'shape', status: 200 } });
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it('fills path parameters URL-encoded, so a value cannot reach another path', async () => {
    const item = {
      method: 'GET',
      path: '/items/:id/parts',
      params: z.object({ id: z.string() }),
      response: z.unknown(),
    } as const satisfies StoreEndpoint;
    await http().send(item, { params: { id: 'a/../b c' } });
    expect(seen.at(-1)?.url).toBe('/items/a%2F..%2Fb%20c/parts');
  });

  it("a refusal carries the store's typed error body", async () => {
    const r = await http().json(at('GET', '/refused'), {});
    expect(r).toMatchObject({
      ok: false,
      failure: {
        kind: 'answer',
        expected: 'success',
        status: 409,
        error: { code: 'CONFLICT', message: '已约满（R14.1）', issues: [{ path: 'R14.1', message: '已约满' }] },
      },
    });
  });

  it('an answer over the size limit is not read, declared or chunked', async () => {
    const small = createStoreHttp({ baseUrl, timeoutMs: 2_000, maxAnswerBytes: 2048 });
    expect((await small.send(at('GET', '/big'), {})).kind).toBe('oversized');
    expect((await small.send(at('GET', '/big-chunked'), {})).kind).toBe('oversized');
    expect((await http().send(at('GET', '/big'), {})).kind).toBe('answer');
  });

  it('JSON nested beyond the limit is refused before anything walks it', async () => {
    const r = await http().send(at('GET', '/deep'), {});
    expect(r).toMatchObject({ kind: 'oversized', status: 200 });
  });

  it('a CSV keeps its byte-order mark and file name', async () => {
    const r = await http().text(at('GET', '/csv', z.string()), {});
    expect(r).toEqual({
      ok: true,
      value: { text: '\uFEFFa,b\n1,2\n', contentType: 'text/csv; charset=utf-8', filename: '会见.csv' },
    });
  });

  it('no store, a timeout and a connection dropped mid-answer are told apart, never thrown', async () => {
    const closed = createStoreHttp({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2_000 });
    expect(await closed.send(at('GET', '/x'), {})).toMatchObject({ kind: 'unreached', status: null, timeout: false });
    expect(await createStoreHttp({ baseUrl, timeoutMs: 200 }).send(at('GET', '/slow'), {})).toMatchObject({
      kind: 'unreached',
      status: null,
      timeout: true,
    });
    expect(await http().send(at('GET', '/drop'), {})).toMatchObject({ kind: 'unreached', status: 200 });
  });
});

describe('store client (throwing surface, as this terminal)', () => {
  const credential = {
    terminalId: 'T1',
    secret: 's3cret',
    roomId: 'r',
    organisationId: 'o',
    centralStoreUrl: '',
    enrolledAt: '',
  };

  it('gets a session token, renews it once on a 401, and throws CentralError with the store message', async () => {
    const client = createCentralClient({ credential, baseUrl, now: () => new Date('2026-03-01T00:00:00Z'), timeoutMs: 2_000 });
    await expect(client.call(at('GET', '/api/sync/head'), {})).resolves.toEqual({ ok: 'Bearer t2' });
    const refused = await client.call(at('GET', '/refused'), {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CentralError);
    expect(refused).toMatchObject({ message: '已约满（R14.1）', status: 409, offline: false });
  });

  it('a refused credential, an unreachable store and an oversized answer are CentralErrors too', async () => {
    const bad = createCentralClient({
      credential: { ...credential, secret: 'nope' },
      baseUrl,
      now: () => new Date(),
      timeoutMs: 2_000,
    });
    await expect(bad.call(at('GET', '/api/sync/head'), {})).rejects.toMatchObject({
      message: '终端凭证未被中心库接受：终端凭证无效',
      status: 401,
    });
    const away = createCentralClient({ credential, baseUrl: 'http://127.0.0.1:1', now: () => new Date(), timeoutMs: 2_000 });
    await expect(away.token()).rejects.toMatchObject({ message: '无法连接中心库（网络不通）', status: null, offline: true });
    const dropped = createCentralClient({ credential, baseUrl, now: () => new Date('2026-03-01T00:00:00Z'), timeoutMs: 2_000 });
    await expect(dropped.call(at('GET', '/drop'), {})).rejects.toMatchObject({ message: '与中心库的连接中断', offline: true });
    await expect(dropped.call(at('GET', '/deep'), {})).rejects.toMatchObject({
      status: null,
      message: expect.stringContaining('中心库的答复无法使用'),
    });
  });
});
