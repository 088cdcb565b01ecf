// The benches' baseline for moving bytes: a bare node:http server writing each PUT body to a
// file (no parsing, no hashing, no database), and the PUT that feeds it. Run as a script it
// serves in its own process (bench:sync, like the store it is set against) and prints
// {"url": …} on one line.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';

export async function startPlainPutServer(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    pipeline(req, fs.createWriteStream(path.join(dir, `put-${++n}`))).then(
      () => res.writeHead(204).end(),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function plainPut(url: string, body: fs.ReadStream | Buffer, length: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'PUT', headers: { 'content-length': String(length), 'content-type': 'application/octet-stream' } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`PUT ${res.statusCode ?? 0}`))));
      },
    );
    req.on('error', reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  // argv[2]: the folder to write into (the parent makes and removes it; it ends this process with SIGKILL).
  const server = await startPlainPutServer(process.argv[2] ?? os.tmpdir());
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}
