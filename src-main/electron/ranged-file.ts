// A file as a fetch Response with HTTP Range support, streamed from disk: archives of a
// 30-minute visit are hundreds of megabytes, and a <video> seeks with Range requests.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';

export type RangeDecision = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/** Reads one `bytes=` range (the only form a media element sends); anything else: the whole file. */
export function parseRange(header: string | null, size: number): RangeDecision {
  if (!header) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  const [, from = '', to = ''] = match;
  let start: number;
  let end: number;
  if (from === '') {
    // A suffix: the last N bytes.
    const n = Number(to);
    if (n === 0) return { kind: 'unsatisfiable' };
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || start > end)
    return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}

export function rangedFileResponse(filePath: string, request: Request, headers: Record<string, string>): Response {
  const size = statSync(filePath).size;
  const range = parseRange(request.headers.get('range'), size);
  const common = { ...headers, 'Accept-Ranges': 'bytes' };
  if (range.kind === 'unsatisfiable')
    return new Response(null, { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` } });
  const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
  const body =
    request.method === 'HEAD' || size === 0
      ? null
      : (Readable.toWeb(createReadStream(filePath, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: range.kind === 'part' ? 206 : 200,
    headers: {
      ...common,
      'Content-Length': String(size === 0 ? 0 : end - start + 1),
      ...(range.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    },
  });
}
