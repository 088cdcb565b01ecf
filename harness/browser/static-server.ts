// Serves the built renderer (dist/renderer) on 127.0.0.1 with the same strict CSP the
// Electron shell sets on its app:// protocol, so a CSP violation fails the e2e tests too.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
