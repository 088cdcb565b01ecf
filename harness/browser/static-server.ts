// Serves the built renderer (dist/renderer) on 127.0.0.1 with the same strict CSP the
// Electron shell sets on its app:// protocol, so a CSP violation fails the e2e tests too.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};

/** Extra files outside the renderer (recording archives for playback). */
export interface ServeOptions {
  /** Maps a raw request path to a file to serve, or null to fall through to the renderer. */
  extraFile?: (rawPath: string) => string | null;
  /** Answers a request itself (Fetch API; e.g. the desk's /store-media/ passed on to the store), or null to fall through. */
  extraResponse?: (request: Request) => Promise<Response> | null;
  /** A WebSocket upgrade on the renderer's origin (the terminal process's socket bridge); refused without it. */
  upgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveRenderer(builtRoot: string, csp: string, options: ServeOptions = {}): Promise<StaticServer> {
  // The same override as vite.config.ts's outDir, so a build to another folder is what is served.
  const root = process.env.RENDERER_OUT_DIR ?? builtRoot;
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`npm run build:renderer\` first (npm run test:e2e does).`);
  }
  const server: Server = createServer((req, res) => {
    const fetchRequest = new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), {
      method: req.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))),
    });
    const answered = options.extraResponse?.(fetchRequest);
    if (answered) {
      answered.then(
        async (response) => {
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            headers[name] = value;
          });
          res.writeHead(response.status, headers);
          if (!response.body) return void res.end();
          const stream = Readable.fromWeb(response.body as WebReadableStream);
          // A <video> drops a range request half-way when it seeks: stop reading, not an error.
          res.on('close', () => stream.destroy());
          stream.on('error', () => res.destroy());
          stream.pipe(res);
        },
        () => res.writeHead(502).end(),
      );
      return;
    }
    const extra = options.extraFile?.(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (extra) {
      readFile(extra).then(
        (body) =>
          res
            .writeHead(200, {
              'content-type': TYPES[extname(extra)] ?? 'application/octet-stream',
              'content-security-policy': csp,
              'x-content-type-options': 'nosniff',
            })
            .end(body),
        () => res.writeHead(404).end(),
      );
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (options.upgrade) options.upgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
