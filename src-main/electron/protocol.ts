// The app:// scheme: serves dist/renderer and nothing else. Every response carries a
// strict CSP; a request that tries to leave the folder gets 403, a missing file 404.
import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_HOST, APP_SCHEME } from './origin';
import { PLAYBACK_PREFIX, resolvePlaybackFile } from '../recording/playback';
import { rangedFileResponse } from './ranged-file';
import { storeMediaResponse, storeMediaTicket } from '../desk/store-media';

export { CONTENT_SECURITY_POLICY };

/** Registered before 'ready': standard + secure makes app://kiosk a real, secure origin. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // No bypassCSP, no service workers, no CORS: the page only needs its own files.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Headers on every response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy':
    'camera=(self), microphone=(self), display-capture=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
  'Cache-Control': 'no-cache',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** Known types by extension; anything else is served as opaque bytes (nosniff keeps it inert). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type PathCheck = { ok: true; segments: string[] } | { ok: false; status: 400 | 403 | 404; reason: string };

const MAX_DECODE_ROUNDS = 3;

/** Decodes percent-escapes until stable, so double-encoded `%252e%252e` is seen as `..`. */
function decodeFully(raw: string): string | null {
  let current = raw;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return /%[0-9a-f]{2}/i.test(current) ? null : current;
}

const hasControlCharacter = (text: string): boolean =>
  [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/**
 * Pure check of a request URL: right scheme and host, and a path that names a file
 * inside the root by plain segments. Looks at the raw text (before any URL parser
 * normalises `..` away) so traversal attempts are refused, not silently rewritten.
 */
export function checkRequestPath(requestUrl: string): PathCheck {
  const prefix = `${APP_SCHEME}://${APP_HOST}`;
  const lower = requestUrl.slice(0, prefix.length).toLowerCase();
  if (lower !== prefix) return { ok: false, status: 403, reason: 'foreign origin' };
  const rest = requestUrl.slice(prefix.length);
  if (rest !== '' && !rest.startsWith('/')) return { ok: false, status: 403, reason: 'foreign origin' };
  const rawPath = rest.split(/[?#]/, 1)[0] ?? '';
  const decoded = decodeFully(rawPath);
  if (decoded === null) return { ok: false, status: 400, reason: 'bad encoding' };
  if (decoded.includes('\0')) return { ok: false, status: 403, reason: 'NUL byte' };
  if (decoded.includes('\\')) return { ok: false, status: 403, reason: 'backslash' };
  if (hasControlCharacter(decoded)) return { ok: false, status: 403, reason: 'control character' };
  const relative = decoded.replace(/^\//, '');
  if (relative === '') return { ok: true, segments: ['index.html'] };
  const segments = relative.split('/');
  for (const segment of segments) {
    if (segment === '..' || segment === '.') return { ok: false, status: 403, reason: 'dot segment' };
    if (segment === '') return { ok: false, status: 403, reason: 'empty segment' };
    // A drive letter or stream name (C:, file::$DATA) would make the path absolute on Windows.
    if (segment.includes(':')) return { ok: false, status: 403, reason: 'colon' };
  }
  return { ok: true, segments };
}

export type FileDecision =
  { ok: true; filePath: string; contentType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

const inside = (root: string, candidate: string): boolean =>
  candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * Resolves a request to a real file under `root`. After the textual check, the real
 * path (symlinks followed) must still be inside the real root: a link pointing out is 403.
 */
export function resolveAppFile(requestUrl: string, root: string): FileDecision {
  const check = checkRequestPath(requestUrl);
  if (!check.ok) return check;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { ok: false, status: 404, reason: 'renderer not built' };
  }
  const candidate = path.resolve(realRoot, ...check.segments);
  if (!inside(realRoot, candidate) || path.isAbsolute(check.segments.join('/'))) {
    return { ok: false, status: 403, reason: 'outside root' };
  }
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (!inside(realRoot, real)) return { ok: false, status: 403, reason: 'symlink escape' };
  try {
    if (!statSync(real).isFile()) return { ok: false, status: 404, reason: 'not a file' };
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  return { ok: true, filePath: real, contentType: contentTypeFor(real) };
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

const errorResponse = (status: number): Response =>
  new Response(STATUS_TEXT[status] ?? 'Error', {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });

/** The protocol.handle callback, written against the Fetch API so Node tests can call it. */
export interface AppProtocolOptions {
  /** The recordings folder, once the terminal is open: archives play back same-origin. */
  playbackRoot?: () => string | undefined;
  /** The central store, while a desk clerk is logged in: /store-media/<ticket> is passed on to it (desk/store-media.ts). */
  storeMediaBase?: () => string | undefined;
}

export function createAppProtocolHandler(
  root: string,
  log: (message: string) => void = () => {},
  options: AppProtocolOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
    if (storeMediaTicket(new URL(request.url).pathname) !== null) {
      const base = options.storeMediaBase?.();
      return base ? storeMediaResponse(request, base, SECURITY_HEADERS) : errorResponse(404);
    }
    const playback = playbackFileFor(request.url, options.playbackRoot?.());
    if (playback !== undefined) {
      if (playback === null) return errorResponse(404);
      return rangedFileResponse(playback, request, { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(playback) });
    }
    const decision = resolveAppFile(request.url, root);
    if (!decision.ok) {
      if (decision.status !== 404) log(`app:// 拒绝请求（${decision.reason}）：${request.url.slice(0, 200)}`);
      return errorResponse(decision.status);
    }
    try {
      const body = request.method === 'HEAD' ? null : await readFile(decision.filePath);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': decision.contentType } });
    } catch (error) {
      log(`app:// 读取失败：${decision.filePath}：${String(error)}`);
      return errorResponse(500);
    }
  };
}

/** undefined: not a playback request; null: a playback request for nothing we may serve. */
function playbackFileFor(url: string, recordingRoot: string | undefined): string | null | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.host !== APP_HOST || !parsed.pathname.startsWith(PLAYBACK_PREFIX)) return undefined;
  return recordingRoot ? resolvePlaybackFile(recordingRoot, parsed.pathname) : null;
}

const contentTypeOf = (file: string): string => (file.endsWith('.vtt') ? 'text/vtt; charset=utf-8' : 'video/webm');
