// The log bundle support asks for (src-shared/sync/log-bundle.ts has the format): main.log and
// its rotated files, newest first, with a manifest (terminal, files, sizes, SHA-256), gzipped
// with Node's zlib (no archive library, nothing native). Older files are left out, and named
// in the manifest, when the bundle would pass its cap.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import {
  LOG_BUNDLE_FORMAT,
  MAX_LOG_BUNDLE_BYTES,
  MAX_LOG_BUNDLE_INPUT_BYTES,
  type LogBundleFile,
  type LogBundleManifest,
} from '../../src-shared/sync/log-bundle';
import { logFilesIn } from './rotating-file';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface PackedBundle {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly manifest: LogBundleManifest;
}

export interface PackOptions {
  readonly dir: string;
  readonly terminalId: string;
  readonly requestId: string;
  readonly createdAt: Date;
  /** Defaults: the shared caps; tests pass smaller ones. */
  readonly maxBytes?: number;
  readonly maxInputBytes?: number;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The files read once (a snapshot: main.log keeps growing while the bundle is made), newest first. */
function readLogs(dir: string, maxInputBytes: number): { files: { name: string; data: Buffer }[]; omitted: string[] } {
  const files: { name: string; data: Buffer }[] = [];
  const omitted: string[] = [];
  let total = 0;
  for (const file of logFilesIn(dir)) {
    const name = path.basename(file);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      // Rotated away between the listing and the read.
      continue;
    }
    if (omitted.length > 0 || (files.length > 0 && total + data.length > maxInputBytes)) {
      omitted.push(name);
      continue;
    }
    total += data.length;
    files.push({ name, data });
  }
  return { files, omitted };
}

async function compress(manifest: LogBundleManifest, files: readonly { data: Buffer }[]): Promise<Buffer> {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(manifest)}\n`)];
  manifest.files.forEach((f, i) => {
    parts.push(Buffer.from(`${JSON.stringify(f)}\n`), files[i]?.data ?? Buffer.alloc(0));
  });
  return gzipAsync(Buffer.concat(parts));
}

export async function packLogBundle(options: PackOptions): Promise<PackedBundle> {
  const maxBytes = options.maxBytes ?? MAX_LOG_BUNDLE_BYTES;
  const { files, omitted } = readLogs(options.dir, options.maxInputBytes ?? MAX_LOG_BUNDLE_INPUT_BYTES);
  for (;;) {
    const entries: LogBundleFile[] = files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) }));
    const manifest: LogBundleManifest = {
      format: LOG_BUNDLE_FORMAT,
      terminalId: options.terminalId,
      requestId: options.requestId,
      createdAt: options.createdAt.toISOString(),
      files: entries,
      omitted,
    };
    const bytes = await compress(manifest, files);
    if (bytes.length <= maxBytes || files.length <= 1) {
      // One file that alone passes the cap keeps its newest half, from a line's start.
      if (bytes.length > maxBytes && files[0]) {
        const first = files[0];
        const half = Math.floor(first.data.length / 2);
        const lineStart = first.data.indexOf(0x0a, half);
        files[0] = { name: first.name, data: first.data.subarray(lineStart < 0 ? half : lineStart + 1) };
        continue;
      }
      return { bytes, sha256: sha256(bytes), manifest };
    }
    const dropped = files.pop();
    if (dropped) omitted.unshift(dropped.name);
  }
}

export interface UnpackedBundle {
  readonly manifest: LogBundleManifest;
  readonly files: ReadonlyMap<string, Buffer>;
}

/** Reads a bundle back (support's side, and the tests); throws on a damaged one. */
export async function unpackLogBundle(bundle: Buffer): Promise<UnpackedBundle> {
  const raw = await gunzipAsync(bundle);
  let at = 0;
  const line = (): string => {
    const end = raw.indexOf(0x0a, at);
    if (end < 0) throw new Error('日志包已损坏：缺少行尾');
    const text = raw.subarray(at, end).toString('utf8');
    at = end + 1;
    return text;
  };
  const manifest = JSON.parse(line()) as LogBundleManifest;
  if (manifest.format !== LOG_BUNDLE_FORMAT) throw new Error(`日志包格式不符：${String(manifest.format)}`);
  const files = new Map<string, Buffer>();
  for (const expected of manifest.files) {
    const header = JSON.parse(line()) as LogBundleFile;
    if (header.name !== expected.name || header.bytes !== expected.bytes)
      throw new Error(`日志包已损坏：${expected.name} 的文件头不符`);
    const data = raw.subarray(at, at + header.bytes);
    at += header.bytes;
    if (data.length !== header.bytes || sha256(data) !== header.sha256)
      throw new Error(`日志包已损坏：${header.name} 的 SHA-256 不符`);
    files.set(header.name, data);
  }
  return { manifest, files };
}
